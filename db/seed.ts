import { pathToFileURL } from 'node:url'
import { eq } from 'drizzle-orm'
import { hashPassword } from '#app/lib/auth/password.server.ts'
import { createUser, findUserByEmail } from '#app/lib/auth/users.server.ts'
import { closeDatabase, db, migrateDatabase, schema, transaction } from '#app/lib/db.server.ts'
import { isProduction } from '#app/lib/env.server.ts'
import { installEffects } from '#app/lib/install-effects.server.ts'
import type { OrgUnit, OrgUnitKind } from '#app/lib/org/org-unit.ts'
import { assignManager, setMembership } from '#app/lib/org/memberships.server.ts'
import { createOrgUnit } from '#app/lib/org/units.server.ts'
import { seedDemoHistory } from './demo-history.ts'
import { DEMO_PASSWORD, demoIcb, demoLogins, demoOrganisations, firstNames, lastNames } from './demo-organisation.ts'

/**
 * Creates the demo ICB, its staff and the three demo logins, then (unless `history` is false) about
 * twelve weeks of their learning. Safe to run again: every unit is found by its code, every person by
 * their email, and history is only written into a database with no statements, so a second run adds nothing.
 */
export async function seedDemo({
  history = true,
  now,
  onHistoryProgress,
}: { history?: boolean; now?: Date; onHistoryProgress?: (done: number, total: number) => void } = {}): Promise<{
  created: number
  statements: number
}> {
  let created = 0
  const ensureUnit = async (code: string, name: string, kind: OrgUnitKind, parentId: string | null) => {
    const { orgUnits } = schema()
    const [existing] = await db().select().from(orgUnits).where(eq(orgUnits.code, code))
    if (existing) return existing
    created++
    return createOrgUnit({ code, name, kind, parentId })
  }
  const ensurePerson = async (person: {
    email: string
    name: string
    passwordHash: string | null
    isAdmin?: boolean
  }) => {
    const existing = await findUserByEmail({ email: person.email })
    if (existing) return { user: existing, isNew: false }
    created++
    return { user: await createUser(person), isNew: true }
  }

  // Hash before the transaction: argon2 runs off the main thread and must not hold the write lock.
  const demoPasswordHash = await hashPassword(DEMO_PASSWORD)
  await transaction(async () => {
    const teamsByCode = new Map<string, OrgUnit>()
    const icb = await ensureUnit(demoIcb.code, demoIcb.name, 'icb', null)
    let personNumber = 0
    for (const organisation of demoOrganisations) {
      const org = await ensureUnit(organisation.code, organisation.name, 'organisation', icb.id)
      for (const directorate of organisation.directorates) {
        const dir = await ensureUnit(directorate.code, directorate.name, 'directorate', org.id)
        for (const teamSpec of directorate.teams) {
          const team = await ensureUnit(teamSpec.code, teamSpec.name, 'team', dir.id)
          teamsByCode.set(teamSpec.code, team)
          for (let i = 0; i < teamSpec.size; i++) {
            personNumber++
            const first = firstNames[(personNumber * 7) % firstNames.length] ?? 'Sam'
            const last = lastNames[(personNumber * 11) % lastNames.length] ?? 'Smith'
            const { user, isNew } = await ensurePerson({
              email: `${first}.${last}.${personNumber}@example.nhs.uk`.toLowerCase(),
              name: `${first} ${last}`,
              passwordHash: null,
            })
            if (isNew) {
              await setMembership({
                userId: user.id,
                teamId: team.id,
                roleProfile: teamSpec.mix[i % teamSpec.mix.length] ?? 'clinical',
                jobTitle: teamSpec.jobTitles[i % teamSpec.jobTitles.length] ?? null,
                at: new Date(0),
              })
            }
          }
        }
      }
    }

    for (const login of demoLogins) {
      const { user, isNew } = await ensurePerson({
        email: login.email,
        name: login.name,
        passwordHash: demoPasswordHash,
        isAdmin: login.isAdmin,
      })
      if (!isNew) continue
      const team = teamsByCode.get(login.teamCode)
      if (!team) throw new Error(`demo team ${login.teamCode} is missing`)
      await setMembership({
        userId: user.id,
        teamId: team.id,
        roleProfile: login.roleProfile,
        jobTitle: login.jobTitle,
        at: new Date(0),
      })
      for (const code of login.manages) {
        const managed = teamsByCode.get(code)
        if (!managed) throw new Error(`demo team ${code} is missing`)
        await assignManager({ userId: user.id, unitId: managed.id })
      }
    }
  })
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
