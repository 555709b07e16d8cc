import { count, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { signIn } from '#app/lib/auth/sign-in.server.ts'
import { canSeeUnit } from '#app/lib/auth/scope.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { DEMO_PASSWORD } from './demo-organisation.ts'
import { databaseIsEmpty, seedDemo } from './seed.ts'

async function snapshot() {
  const s = schema()
  const tables = {
    users: s.users,
    orgUnits: s.orgUnits,
    orgUnitClosure: s.orgUnitClosure,
    memberships: s.memberships,
    managerAssignments: s.managerAssignments,
  }
  const counts: Record<string, number> = {}
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db().select({ n: count() }).from(table)
    counts[name] = row?.n ?? 0
  }
  const userIds = (await db().select({ id: s.users.id }).from(s.users)).map((r) => r.id).sort()
  return { counts, userIds }
}

describe('the demo seed', () => {
  test('builds the demo ICB: 3 organisations, 12 teams, about 150 staff and the three demo logins', async () => {
    expect(await databaseIsEmpty()).toBe(true)
    await seedDemo()
    const { orgUnits, memberships } = schema()
    const kinds = await db().select({ kind: orgUnits.kind, n: count() }).from(orgUnits).groupBy(orgUnits.kind)
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k.n]))).toEqual({ icb: 1, organisation: 3, directorate: 6, team: 12 })
    const [staff] = await db().select({ n: count() }).from(memberships)
    expect(staff?.n).toBeGreaterThanOrEqual(140)
    expect(staff?.n).toBeLessThanOrEqual(170)
    const roleProfiles = await db().selectDistinct({ roleProfile: memberships.roleProfile }).from(memberships)
    expect(roleProfiles.length).toBe(6)

    for (const role of ['learner', 'manager', 'admin']) {
      const result = await signIn({ email: `${role}@example.nhs.uk`, password: DEMO_PASSWORD, ip: null })
      expect(result.ok, role).toBe(true)
    }
  })

  test('the demo manager manages two teams and nothing else', async () => {
    await seedDemo()
    const { users, orgUnits } = schema()
    const [manager] = await db().select().from(users).where(eq(users.email, 'manager@example.nhs.uk'))
    const [ward7] = await db().select().from(orgUnits).where(eq(orgUnits.code, 'bay-ward-7'))
    const [ward8] = await db().select().from(orgUnits).where(eq(orgUnits.code, 'bay-ward-8'))
    const [portering] = await db().select().from(orgUnits).where(eq(orgUnits.code, 'bay-portering'))
    if (!manager || !ward7 || !ward8 || !portering) throw new Error('demo data missing')
    expect(await canSeeUnit({ viewer: manager, unitId: ward7.id })).toBe(true)
    expect(await canSeeUnit({ viewer: manager, unitId: ward8.id })).toBe(true)
    expect(await canSeeUnit({ viewer: manager, unitId: portering.id })).toBe(false)
  })

  test('seeding twice changes nothing', async () => {
    await seedDemo()
    const first = await snapshot()
    const again = await seedDemo()
    expect(again.created).toBe(0)
    expect(await snapshot()).toEqual(first)
  })
})
