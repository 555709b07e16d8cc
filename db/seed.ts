import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { eq } from 'drizzle-orm'
import { hashPassword } from '#app/lib/auth/password.server.ts'
import { closeDatabase, db, migrateDatabase, schema, transaction } from '#app/lib/db.server.ts'
import { isProduction } from '#app/lib/env.server.ts'
import { installEffects } from '#app/lib/install-effects.server.ts'
import { createOrgUnit } from '#app/lib/org/units.server.ts'
import { runStaffImport } from '#app/lib/workforce/staff-import.server.ts'
import { seedDemoHistory } from './demo-history.ts'
import { DEMO_PASSWORD, demoIcb, demoLogins } from './demo-organisation.ts'

/** The demo ICB's staff list, in the shape an ESR report exports: the seed loads it like any ICB's. */
export const DEMO_STAFF_FILE = path.resolve('db/demo-staff.csv')

/**
 * Creates the demo ICB and loads its organisations and staff through the staff import, gives the three demo
 * logins their password (and the admin their rights), imports the demo cmi5 course (db/demo-course), then
 * (unless `history` is false) about twelve weeks of their learning. Safe to run again: the import of an
 * unchanged list changes nothing, the course is imported only when it is not here, and history is only written
 * into a database with no statements, so a second run adds nothing.
 */
export async function seedDemo({
  history = true,
  now,
  onHistoryProgress,
}: { history?: boolean; now?: Date; onHistoryProgress?: (done: number, total: number) => void } = {}): Promise<{
  created: number
  statements: number
}> {
  const { orgUnits, users } = schema()
  let created = 0
  const [icb] = await db().select().from(orgUnits).where(eq(orgUnits.code, demoIcb.code))
  if (!icb) {
    await createOrgUnit({ code: demoIcb.code, name: demoIcb.name, kind: 'icb' })
    created++
  }
  const imported = await runStaffImport({
    open: () => fs.createReadStream(DEMO_STAFF_FILE),
    actor: { id: null, name: 'Demo seed' },
    dryRun: false,
  })
  if (!imported.ok) throw new Error(`the demo staff list cannot be imported: ${imported.problem.message}`)
  const { totals } = imported.outcome
  created += totals.new

  // Hash before the transaction: argon2 runs off the main thread and must not hold the write lock.
  const demoPasswordHash = await hashPassword(DEMO_PASSWORD)
  await transaction(async () => {
    for (const login of demoLogins) {
      const [user] = await db().select().from(users).where(eq(users.email, login.email))
      if (!user) throw new Error(`the demo staff list has no ${login.email}`)
      if (user.passwordHash) continue
      await db()
        .update(users)
        .set({ passwordHash: demoPasswordHash, isAdmin: login.isAdmin })
        .where(eq(users.id, user.id))
    }
  })
  // Loaded only when seeding: building the course needs esbuild and a zip writer, which the server never does.
  const { seedDemoCourse } = await import('./demo-course.ts')
  if (await seedDemoCourse({ now })) created++
  const { statements } = history ? await seedDemoHistory({ now, onProgress: onHistoryProgress }) : { statements: 0 }
  return { created, statements }
}

export async function databaseIsEmpty(): Promise<boolean> {
  const { users } = schema()
  const rows = await db().select({ id: users.id }).from(users).limit(1)
  return rows.length === 0
}

/** Writes "learning history: 40 / 150 people" over itself on a terminal. */
export function historyProgressBar(done: number, total: number) {
  if (!process.stdout.isTTY) return
  process.stdout.write(done < total ? `\rDemo learning history: ${done} / ${total} people` : `\r${' '.repeat(50)}\r`)
}

export function demoLoginsBanner(): string {
  const lines = demoLogins.map((login) => `  ${login.role.padEnd(8)} ${login.email}`)
  return ['Demo sign-ins (password: ' + DEMO_PASSWORD + '):', ...lines].join('\n')
}

async function main() {
  if (isProduction) {
    console.error('Refusing to seed demo accounts when NODE_ENV=production. Use `npm run admin:create`.')
    process.exitCode = 1
    return
  }
  await migrateDatabase()
  installEffects()
  const { created, statements } = await seedDemo({ onHistoryProgress: historyProgressBar })
  console.log(
    created === 0 && statements === 0
      ? 'Demo data already present; nothing changed.'
      : `Demo data seeded (${created} records, ${statements} learning statements).`,
  )
  console.log(demoLoginsBanner())
  await closeDatabase()
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main()
}
