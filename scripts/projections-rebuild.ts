import { closeDatabase, migrateDatabase } from '#app/lib/db.server.ts'
import { rebuildCourseProgress } from '#app/lib/courses/au-progress.server.ts'
import { rebuildProjections } from '#app/lib/learning/projections/projector.server.ts'

// npm run projections:rebuild — deletes every projection row (module attempts, competency evidence,
// self-ratings, readiness periods, team rollups) and replays every non-voided statement in storage
// order, in one transaction.
const format = (n: number) => n.toLocaleString('en-GB')
const started = performance.now()
try {
  await migrateDatabase()
  const { replayed } = await rebuildProjections({
    onProgress: (done, total) => process.stdout.write(`\rreplayed ${format(done)} / ${format(total)} statements`),
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stdout.write(`\rreplayed ${format(replayed)} statements in ${seconds} s${' '.repeat(20)}\n`)
  const courses = await rebuildCourseProgress()
  process.stdout.write(`course progress: replayed ${format(courses.replayed)} statements of course registrations\n`)
} catch (error) {
  process.stdout.write('\n')
  console.error('projections:rebuild failed:', error)
  process.exitCode = 1
} finally {
  await closeDatabase()
}
