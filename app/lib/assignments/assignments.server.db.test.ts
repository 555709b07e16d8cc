import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db, schema } from '#app/lib/db.server.ts'
import { createOrgUnit } from '#app/lib/org/units.server.ts'
import { createOrg, createTeam, createUser } from '#tests/factories.ts'
import { unitSeenBy } from '#tests/visible-units.ts'
import { FOUNDATIONS, recordPasses, SAFETY } from '#tests/report-fixture.ts'
import {
  assignmentsForLearner,
  cancelAssignment,
  createAssignment,
  eachOverdueRow,
  overdueCountByPerson,
  overdueCountInUnit,
  overdueWork,
  ROLE_TARGETS,
} from './assignments.server.ts'
import { DAY_MS, isoDay } from '#app/lib/dates/dates.ts'
import { endOfDueDate } from './due-dates.ts'

const NOW = new Date('2026-11-26T12:00:00Z')
const day = (days: number) => new Date(NOW.getTime() + days * DAY_MS)
const dueIn = (days: number) => isoDay(day(days))
const FIXING = 'fixing-everyday-it-problems' // TECH.2 level 1; no refresh period
const PHISHING = 'spotting-phishing' // SAFE.1 level 1; refreshes every 12 months

type Viewer = { id: string; isAdmin: boolean }

async function assign(viewer: Viewer, unitId: string, input: Record<string, string>, now = NOW) {
  const result = await createAssignment({ viewer, unitId, input, now })
  if (!result.ok) throw new Error(`expected the assignment to be created: ${JSON.stringify(result.errors)}`)
  return result.assignment
}

async function statusFor(userId: string, now: Date) {
  return (await assignmentsForLearner({ userId, now })).map(({ title, status, dueAt, renewBy, domainsShort }) => ({
    title,
    status,
    dueAt,
    renewBy,
    domainsShort,
  }))
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const item of iterable) all.push(item)
  return all
}

async function expiryOf(userId: string, slug: string): Promise<Date> {
  const { competencyEvidence } = schema()
  const rows = await db().select().from(competencyEvidence).where(eq(competencyEvidence.userId, userId))
  const expiry = rows.find((row) => row.moduleSlug === slug && row.expiresAt)?.expiresAt
  if (!expiry) throw new Error('expected expiring evidence')
  return expiry
}

describe('status rules', () => {
  test('a module that does not recur: done by a pass whenever it happened; otherwise due, then overdue after the due date', async () => {
    const team = await createTeam()
    const manager = await createUser({ manages: [team] })
    const passedLongAgo = await createUser({ team })
    const notYet = await createUser({ team })
    await recordPasses([{ userId: passedLongAgo.id, slug: FIXING, at: day(-800) }])
    await assign(manager, team.id, { what: FIXING, who: 'unit', dueDate: dueIn(7), recurs: 'yes' })
    const due = endOfDueDate(dueIn(7))

    expect(await statusFor(passedLongAgo.id, NOW)).toEqual([
      { title: 'Fixing everyday IT problems', status: 'done', dueAt: due, renewBy: null, domainsShort: null },
    ])
    expect(await statusFor(notYet.id, NOW)).toEqual([
      { title: 'Fixing everyday IT problems', status: 'due', dueAt: due, renewBy: null, domainsShort: null },
    ])
    expect((await statusFor(notYet.id, day(7)))[0]?.status).toBe('due')
    expect((await statusFor(notYet.id, day(8)))[0]?.status).toBe('overdue')

    const { rows } = await overdueWork({ unit: await unitSeenBy(manager, team), now: day(10) })
    expect(rows.map(({ userId, what, dueDate, daysOverdue }) => ({ userId, what, dueDate, daysOverdue }))).toEqual([
      { userId: notYet.id, what: 'Fixing everyday IT problems', dueDate: dueIn(7), daysOverdue: 3 },
    ])

    await recordPasses([{ userId: notYet.id, slug: FIXING, at: day(-1) }])
    expect((await statusFor(notYet.id, day(10)))[0]?.status).toBe('done')
  })

  test('a recurring module: done while evidence from it is current, due again when it expires, overdue after max(due date, expiry)', async () => {
    const team = await createTeam()
    const manager = await createUser({ manages: [team] })
    const recent = await createUser({ team })
    const lapsed = await createUser({ team })
    const never = await createUser({ team })
    await recordPasses([
      { userId: recent.id, slug: PHISHING, at: day(-30) },
      { userId: lapsed.id, slug: PHISHING, at: day(-400) },
    ])
    const assignment = await assign(manager, team.id, { what: PHISHING, who: 'unit', dueDate: dueIn(7), recurs: 'yes' })
    expect(assignment.recurs).toBe(true)
    const due = endOfDueDate(dueIn(7)) as Date
    const expiry = await expiryOf(recent.id, PHISHING)
    expect(expiry.getTime()).toBeGreaterThan(day(300).getTime())

    expect(await statusFor(recent.id, NOW)).toEqual([
      { title: 'Spotting and reporting phishing', status: 'done', dueAt: expiry, renewBy: expiry, domainsShort: null },
    ])
    // Evidence that expired before the due date: due again by the due date.
    expect(await statusFor(lapsed.id, NOW)).toMatchObject([{ status: 'due', dueAt: due }])
    expect(await statusFor(never.id, NOW)).toMatchObject([{ status: 'due', dueAt: due }])
    expect(await statusFor(lapsed.id, day(8))).toMatchObject([{ status: 'overdue', dueAt: due }])

    // The recent pass lapses: overdue from its expiry, which is later than the due date.
    const later = new Date(expiry.getTime() + 10 * DAY_MS)
    expect(await statusFor(recent.id, new Date(expiry.getTime() - 1))).toMatchObject([{ status: 'done' }])
    expect(await statusFor(recent.id, later)).toMatchObject([{ status: 'overdue', dueAt: expiry, renewBy: null }])
    const { rows } = await overdueWork({ unit: await unitSeenBy(manager, team), now: later })
    expect(rows.find((row) => row.userId === recent.id)).toMatchObject({ dueDate: isoDay(expiry), daysOverdue: 10 })
    expect(rows.map((row) => row.userId).sort()).toEqual([recent.id, lapsed.id, never.id].sort())

    // Renewing makes it done again.
    await recordPasses([{ userId: recent.id, slug: PHISHING, at: new Date(expiry.getTime() + DAY_MS) }])
    expect(await statusFor(recent.id, later)).toMatchObject([{ status: 'done' }])
  })

  test('everything their role targets need: done when ready in every domain for their role; otherwise counts the domains short', async () => {
    const team = await createTeam()
    const manager = await createUser({ manages: [team] })
    const ready = await createUser({ team, roleProfile: 'estates-support' }) // level 1 everywhere
    const safetyOnly = await createUser({ team, roleProfile: 'estates-support' })
    const clinical = await createUser({ team, roleProfile: 'clinical' }) // level 2 in SAFE, COMM, TECH, DATA
    await recordPasses([
      ...FOUNDATIONS.map((slug) => ({ userId: ready.id, slug, at: day(-20) })),
      ...FOUNDATIONS.map((slug) => ({ userId: clinical.id, slug, at: day(-20) })),
      { userId: safetyOnly.id, slug: SAFETY, at: day(-20) },
    ])
    await assign(manager, team.id, { what: ROLE_TARGETS, who: 'unit', dueDate: dueIn(0) })

    expect(await statusFor(ready.id, NOW)).toMatchObject([
      { title: 'Everything their role targets need', status: 'done', domainsShort: 0 },
    ])
    expect(await statusFor(safetyOnly.id, NOW)).toMatchObject([{ status: 'due', domainsShort: 5 }])
    expect(await statusFor(clinical.id, day(1))).toMatchObject([{ status: 'overdue', domainsShort: 4 }])
    // A year on the safety evidence has lapsed: short in SAFE again.
    expect(await statusFor(ready.id, day(400))).toMatchObject([{ status: 'overdue', domainsShort: 1 }])

    const { rows } = await overdueWork({ unit: await unitSeenBy(manager, team), now: day(1) })
    expect(rows.map((row) => [row.userId, row.what]).sort()).toEqual(
      [
        [safetyOnly.id, 'Everything their role targets need (5 domains short)'],
        [clinical.id, 'Everything their role targets need (4 domains short)'],
      ].sort(),
    )
  })
})

describe('who is covered', () => {
  test('a unit assignment reaches people in the teams below it; personal ones reach only that person; cancelled ones nobody', async () => {
    const { organisation, directorate } = await createOrg()
    const otherDirectorate = await createOrgUnit({
      code: `dir-other-${Date.now()}`,
      name: 'Other directorate',
      kind: 'directorate',
      parentId: organisation.id,
    })
    const ward = await createTeam({ under: directorate })
    const clinic = await createTeam({ under: directorate })
    const elsewhere = await createTeam({ under: otherDirectorate })
    const directorateManager = await createUser({ manages: [directorate] })
    const inWard = await createUser({ team: ward })
    const inClinic = await createUser({ team: clinic })
    const outside = await createUser({ team: elsewhere })

    await assign(directorateManager, directorate.id, { what: FIXING, who: 'unit', dueDate: dueIn(1) })
    await assign(directorateManager, directorate.id, {
      what: PHISHING,
      who: 'person',
      personId: inClinic.id,
      dueDate: dueIn(1),
    })
    const cancelled = await assign(directorateManager, directorate.id, {
      what: ROLE_TARGETS,
      who: 'unit',
      dueDate: dueIn(1),
    })
    expect(await cancelAssignment({ viewer: directorateManager, assignmentId: cancelled.id, now: NOW })).toBe(true)

    expect((await statusFor(inWard.id, NOW)).map((row) => row.title)).toEqual(['Fixing everyday IT problems'])
    expect((await statusFor(inClinic.id, NOW)).map((row) => row.title).sort()).toEqual([
      'Fixing everyday IT problems',
      'Spotting and reporting phishing',
    ])
    expect(await statusFor(outside.id, NOW)).toEqual([])

    const later = day(5)
    const rows = await collect(eachOverdueRow({ unit: await unitSeenBy(directorateManager, directorate), now: later }))
    expect(rows.map((row) => [row.person, row.what]).sort()).toEqual(
      [
        [inWard.name, 'Fixing everyday IT problems'],
        [inClinic.name, 'Fixing everyday IT problems'],
        [inClinic.name, 'Spotting and reporting phishing'],
      ].sort(),
    )
    expect(await overdueCountInUnit({ unit: await unitSeenBy(directorateManager, directorate), now: later })).toEqual({
      overdue: 3,
      people: 2,
    })
    expect(await overdueCountInUnit({ unit: await unitSeenBy(directorateManager, ward), now: later })).toEqual({
      overdue: 1,
      people: 1,
    })
    expect(await overdueCountInUnit({ unit: await unitSeenBy(directorateManager, directorate), now: NOW })).toEqual({
      overdue: 0,
      people: 0,
    })
    expect(await overdueCountByPerson({ userIds: [inWard.id, inClinic.id, outside.id], now: later })).toEqual(
      new Map([
        [inWard.id, 1],
        [inClinic.id, 2],
      ]),
    )
  })

  test('the same work assigned to the team and to the person shows once on their home, at its most pressing', async () => {
    const team = await createTeam()
    const manager = await createUser({ manages: [team] })
    const learner = await createUser({ team })
    await assign(manager, team.id, { what: FIXING, who: 'unit', dueDate: dueIn(30) })
    await assign(manager, team.id, { what: FIXING, who: 'person', personId: learner.id, dueDate: dueIn(2) })
    expect(await statusFor(learner.id, day(3))).toMatchObject([
      { title: 'Fixing everyday IT problems', status: 'overdue', dueAt: endOfDueDate(dueIn(2)) },
    ])
  })

  test('overdue work pages through whole people in team and name order, each row once', async () => {
    const { directorate } = await createOrg()
    const teams = [await createTeam({ under: directorate }), await createTeam({ under: directorate })]
    const manager = await createUser({ manages: [directorate] })
    for (const team of teams) for (let i = 0; i < 3; i++) await createUser({ team })
    await assign(manager, directorate.id, { what: FIXING, who: 'unit', dueDate: dueIn(0) })
    await assign(manager, directorate.id, { what: PHISHING, who: 'unit', dueDate: dueIn(1), recurs: 'yes' })

    const all = await overdueWork({ unit: await unitSeenBy(manager, directorate), now: day(2) })
    expect(all.rows).toHaveLength(12)
    expect(all.next).toBeNull()
    const pages = []
    let after: string | null = null
    do {
      const page: Awaited<ReturnType<typeof overdueWork>> = await overdueWork({
        unit: await unitSeenBy(manager, directorate),
        now: day(2),
        after,
        limit: 3,
        peoplePerGroup: 2,
      })
      pages.push(page.rows)
      after = page.next
    } while (after)
    expect(pages.flat()).toEqual(all.rows)
    expect(pages.every((page) => page.length >= 3 && page.length <= 4)).toBe(true)
    const order = all.rows.map((row) => [row.team, row.person])
    expect(order).toEqual(
      [...order].sort(
        (a, b) => (a[0] as string).localeCompare(b[0] as string) || (a[1] as string).localeCompare(b[1] as string),
      ),
    )
  })
})

describe('creating and cancelling', () => {
  test('the form is validated: what, who, a real due date from today on, someone in the unit', async () => {
    const { directorate } = await createOrg()
    const team = await createTeam({ under: directorate })
    const otherTeam = await createTeam()
    const manager = await createUser({ manages: [team] })
    const stranger = await createUser({ team: otherTeam })
    const create = (input: Record<string, string>, unitId = team.id) =>
      createAssignment({ viewer: manager, unitId, input, now: NOW })

    expect(await create({})).toEqual({
      ok: false,
      errors: { what: 'Choose what to assign', who: 'Choose who the work is for', dueDate: 'Enter a due date' },
    })
    expect(await create({ what: 'no-such-module', who: 'unit', dueDate: dueIn(1) })).toMatchObject({
      ok: false,
      errors: { what: 'Choose a published module, or everything their role targets need' },
    })
    expect(await create({ what: FIXING, who: 'unit', dueDate: '2026-02-30' })).toMatchObject({
      ok: false,
      errors: { dueDate: 'Due date must be a real date' },
    })
    expect(await create({ what: FIXING, who: 'unit', dueDate: dueIn(-1) })).toMatchObject({
      ok: false,
      errors: { dueDate: 'Due date must be today or in the future' },
    })
    expect(await create({ what: FIXING, who: 'person', dueDate: dueIn(1) })).toMatchObject({
      ok: false,
      errors: { personId: 'Choose the person the work is for' },
    })
    expect(await create({ what: FIXING, who: 'person', personId: stranger.id, dueDate: dueIn(1) })).toMatchObject({
      ok: false,
      errors: { personId: 'Choose someone in this unit' },
    })
    expect(await create({ what: FIXING, who: 'unit', dueDate: dueIn(1) }, otherTeam.id)).toMatchObject({
      ok: false,
      errors: { who: 'You cannot assign work to this unit' },
    })
    expect(await create({ what: FIXING, who: 'unit', dueDate: dueIn(1) }, directorate.id)).toMatchObject({
      ok: false,
      errors: { who: 'You cannot assign work to this unit' },
    })

    const today = await create({ what: FIXING, who: 'unit', dueDate: dueIn(0), recurs: 'yes' })
    expect(today).toMatchObject({
      ok: true,
      assignment: {
        moduleSlug: FIXING,
        unitId: team.id,
        userId: null,
        recurs: false,
        assignedBy: manager.id,
        cancelledAt: null,
      },
    })
    expect(today.ok && today.assignment.dueAt).toEqual(new Date(`${dueIn(0)}T23:59:59.999Z`))
    expect(await create({ what: ROLE_TARGETS, who: 'unit', dueDate: dueIn(1), recurs: 'yes' })).toMatchObject({
      ok: true,
      assignment: { moduleSlug: null, recurs: false },
    })
  })

  test('only someone who sees the unit or person through the units they manage can cancel', async () => {
    const team = await createTeam()
    const manager = await createUser({ manages: [team] })
    const otherManager = await createUser({ manages: [await createTeam()] })
    const learner = await createUser({ team })
    const admin = await createUser({ isAdmin: true })
    const forTeam = await assign(manager, team.id, { what: FIXING, who: 'unit', dueDate: dueIn(1) })
    const forLearner = await assign(manager, team.id, {
      what: FIXING,
      who: 'person',
      personId: learner.id,
      dueDate: dueIn(1),
    })

    expect(await cancelAssignment({ viewer: otherManager, assignmentId: forTeam.id })).toBe(false)
    expect(await cancelAssignment({ viewer: otherManager, assignmentId: forLearner.id })).toBe(false)
    expect(await cancelAssignment({ viewer: learner, assignmentId: forLearner.id })).toBe(false)
    expect(await cancelAssignment({ viewer: manager, assignmentId: forTeam.id })).toBe(true)
    expect(await cancelAssignment({ viewer: manager, assignmentId: forTeam.id })).toBe(false)
    expect(await cancelAssignment({ viewer: admin, assignmentId: forLearner.id })).toBe(true)
    expect(await assignmentsForLearner({ userId: learner.id, now: NOW })).toEqual([])
  })
})
