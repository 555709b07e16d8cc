import { count, countDistinct, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { signIn } from '#app/lib/auth/sign-in.server.ts'
import { canSeeUnit } from '#app/lib/auth/scope.server.ts'
import { findModule } from '#app/lib/content/catalogue.server.ts'
import { loadMappedCourses } from '#app/lib/courses/course-catalogue.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { getBookmark } from '#app/lib/learning/module-attempt.server.ts'
import { myLearning, type MyLearning } from '#app/lib/learning/my-learning.server.ts'
import { DEMO_COURSE_ID } from './demo-course.ts'
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
    courses: s.courses,
    courseAus: s.courseAus,
    courseFiles: s.courseFiles,
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
    await seedDemo({ history: false })
    const { orgUnits, memberships } = schema()
    const kinds = await db().select({ kind: orgUnits.kind, n: count() }).from(orgUnits).groupBy(orgUnits.kind)
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k.n]))).toEqual({
      icb: 1,
      organisation: 3,
      directorate: 6,
      team: 12,
    })
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
    await seedDemo({ history: false })
    const { users, orgUnits } = schema()
    const [manager] = await db().select().from(users).where(eq(users.email, 'manager@example.nhs.uk'))
    const [ward7] = await db().select().from(orgUnits).where(eq(orgUnits.name, 'Ward 7 – Acute medicine'))
    const [ward8] = await db().select().from(orgUnits).where(eq(orgUnits.name, 'Ward 8 – Respiratory'))
    const [portering] = await db().select().from(orgUnits).where(eq(orgUnits.name, 'Portering'))
    if (!manager || !ward7 || !ward8 || !portering) throw new Error('demo data missing')
    expect(await canSeeUnit({ viewer: manager, unitId: ward7.id })).toBe(true)
    expect(await canSeeUnit({ viewer: manager, unitId: ward8.id })).toBe(true)
    expect(await canSeeUnit({ viewer: manager, unitId: portering.id })).toBe(false)
  })

  test('imports the demo course once, audited as the seed, and learners find it in the catalogue', async () => {
    await seedDemo({ history: false })
    await seedDemo({ history: false })
    const { courses, auditEvents } = schema()
    const imported = await db().select().from(courses).where(eq(courses.courseId, DEMO_COURSE_ID))
    expect(imported).toHaveLength(1)
    const audited = await db().select().from(auditEvents).where(eq(auditEvents.action, 'course.imported'))
    expect(audited.map((entry) => [entry.actorName, entry.subjectName])).toEqual([
      ['Demo seed', 'Scam emails, calls and texts'],
    ])
    const catalogue = await loadMappedCourses({ includeDrafts: false })
    expect(catalogue.map((course) => [course.slug, course.title])).toEqual([
      ['scam-emails-calls-and-texts', 'Scam emails, calls and texts'],
    ])
  })

  test('seeding twice changes nothing', async () => {
    await seedDemo({ history: false })
    const first = await snapshot()
    const again = await seedDemo({ history: false })
    expect(again).toEqual({ created: 0, statements: 0 })
    expect(await snapshot()).toEqual(first)
  })

  test('gives the demo staff twelve weeks of learning, recorded as statements, that homes and reports can show', async () => {
    const now = new Date()
    const { statements } = await seedDemo({ now })
    expect(statements).toBeGreaterThan(5_000)
    const s = schema()
    const [stored] = await db().select({ n: count() }).from(s.xapiStatements)
    expect(stored?.n).toBe(statements)

    const staff = await db()
      .select({ id: s.users.id, email: s.users.email })
      .from(s.users)
      .innerJoin(s.memberships, eq(s.memberships.userId, s.users.id))
    const homes = await Promise.all(
      staff.map(async (person) => ({
        email: person.email,
        home: await myLearning({ user: { id: person.id, isAdmin: false }, now }),
      })),
    )
    const share = (test: (home: MyLearning) => boolean) => homes.filter(({ home }) => test(home)).length / homes.length
    expect(share((home) => home.completed.length > 0)).toBeGreaterThan(0.6)
    expect(share((home) => home.completed.length === 0)).toBeGreaterThan(0.05)
    expect(share((home) => home.readiness.some((d) => d.ready))).toBeGreaterThan(0.3)
    expect(share((home) => home.readiness.every((d) => d.ready))).toBeLessThan(0.5)
    expect(share((home) => home.expiring.length > 0)).toBeGreaterThan(0.03)
    expect(share((home) => home.inProgress.length > 0)).toBeGreaterThan(0.03)
    const [rated] = await db()
      .select({ n: countDistinct(s.selfRatings.userId) })
      .from(s.selfRatings)
    expect((rated?.n ?? 0) / staff.length).toBeGreaterThan(0.4)

    // The demo learner's story: what their home shows on first start.
    const learner = homes.find((h) => h.email === 'learner@example.nhs.uk')?.home
    expect(learner?.completed.map((c) => c.slug)).toEqual(
      expect.arrayContaining(['digital-safety-essentials', 'secure-email-and-messaging', 'passwords-and-mfa']),
    )
    expect(learner?.expiring.map((e) => e.moduleSlug)).toEqual(['passwords-and-mfa'])
    expect(learner?.inProgress.map((m) => m.slug)).toEqual(['working-in-teams'])
    expect(learner?.readiness.find((d) => d.domainId === 'SAFE')).toMatchObject({ level: 1, target: 2, ready: false })
    const [firstRow] = await db().select().from(s.users).where(eq(s.users.email, 'learner@example.nhs.uk'))
    const teams = findModule({ slug: 'working-in-teams', includeDrafts: false })
    if (!firstRow || !teams) throw new Error('demo learner or module missing')
    expect(await getBookmark({ user: firstRow, module: teams })).toMatchObject({ section: 3 })

    // A second seed leaves the history alone.
    expect(await seedDemo()).toEqual({ created: 0, statements: 0 })
    const [after] = await db().select({ n: count() }).from(s.xapiStatements)
    expect(after?.n).toBe(statements)
  }, 180_000)
})
