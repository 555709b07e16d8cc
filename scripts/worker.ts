import { closeDatabase, migrateDatabase } from '#app/lib/db.server.ts'
import { closeMailTransport } from '#app/lib/email/send-email.server.ts'
import { installEffects } from '#app/lib/install-effects.server.ts'
import { startWorker } from '#app/lib/jobs/worker.server.ts'

// npm run worker — runs background jobs (emails, reminder sweeps) in a process of its own, beside or instead of
// the app instances' workers (JOBS_WORKER=off turns those off). Stops cleanly on Ctrl+C or SIGTERM, finishing
// the jobs it holds; anything it could not finish is taken by another worker when its lease runs out.
installEffects()
await migrateDatabase()
const worker = startWorker()
console.log(`Job worker ${worker.id} is running. Press Ctrl+C to stop.`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log('Stopping: finishing the jobs in hand…')
    void worker
      .stop()
      .then(closeMailTransport)
      .then(closeDatabase)
      .finally(() => process.exit(0))
  })
}
