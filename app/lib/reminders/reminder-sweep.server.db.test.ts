import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { createAssignment } from '#app/lib/assignments/assignments.server.ts'
import { DAY_MS, isoDay } from '#app/lib/dates/dates.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { setMandatoryKinds, setOptOuts } from '#app/lib/notifications/preferences.server.ts'
import { suspendPeople } from '#app/lib/people/suspension.server.ts'
import { createTeam, createUser } from '#tests/factories.ts'
import { recordPasses } from '#tests/report-fixture.ts'
import { queueManagerDigests } from './manager-digests.server.ts'
import { newWorkNoticesHandler } from './new-work-notices.server.ts'
import { sweepReminders } from './reminder-sweep.server.ts'

const START = new Date('2026-11-02T07:30:00Z')
const onDay = (n: number) => new Date(START.getTime() + n * DAY_MS)
const FIXING = 'fixing-everyday-it-problems' // no refresh period
const PHISHING = 'spotting-phishing' // evidence lasts 12 months

/** A team of `size`, its manager, and a module assigned to the team on day 0, due on day `dueDay`. */
async function aTeamGiven(slug: string, { dueDay = 10, size = 2, recurs = false } = {}) {
  const team = await createTeam()
  const manager = await createUser({ manages: [team] })
  const people = []
  for (let i = 0; i < size; i++) people.push(await createUser({ team }))
  const made = await createAssignment({
    viewer: { id: manager.id, isAdmin: false },
    unitId: team.id,
    input: { what: slug, who: 'unit', dueDate: isoDay(onDay(dueDay)), ...(recurs ? { recurs: 'yes' } : {}) },
    now: START,
  })
  if (!made.ok) throw new Error(JSON.stringify(made.errors))
  return { team, manager, people, assignment: made.assignment }
}

/** The emails queued for these people: "kind state", in the order queued. */
async function emailsFor(userIds: string[]) {
  const { jobs } = schema()
  const rows = await db().select().from(jobs).orderBy(jobs.createdAt)
  return rows
    .filter((job) => job.type === 'email' && userIds.includes(String(job.payload.userId)))
    .map((job) => `${String(job.payload.kind)} ${job.state}`)
}

async function markSent(userIds: string[]) {
  const { jobs } = schema()
  for (const job of await db().select().from(jobs))
    if (job.type === 'email' && userIds.includes(String(job.payload.userId)) && job.state === 'queued')
      await db().update(jobs).set({ state: 'done' }).where(eq(jobs.id, job.id))
}

describe('the daily reminder sweep', () => {
  test('queues each reminder once: a second sweep the same day queues nothing', async () => {
    const { people } = await aTeamGiven(FIXING, { dueDay: 10 })
    const ids = people.map((person) => person.id)
    const first = await sweepReminders({ now: onDay(3) })
    expect(first.emails).toBeGreaterThanOrEqual(2)
    expect(await emailsFor(ids)).toEqual(['due-soon queued', 'due-soon queued'])
    const second = await sweepReminders({ now: onDay(3) })
    expect(second.emails).toBe(0)
    expect(await emailsFor(ids)).toHaveLength(2)
  })

  test('due today, then overdue weekly at most four times, whatever the sweeps in between', async () => {
    const { people } = await aTeamGiven(FIXING, { dueDay: 10, size: 1 })
    const ids = people.map((person) => person.id)
    for (let n = 3; n <= 50; n++) await sweepReminders({ now: onDay(n) })
    expect(await emailsFor(ids)).toEqual([
      'due-soon queued',
      'due-today queued',
      'overdue queued',
      'overdue queued',
      'overdue queued',
      'overdue queued',
    ])
  })

  test('suspended people get nothing; people who turned a kind off do not get it unless it is mandatory', async () => {
    const { people } = await aTeamGiven(FIXING, { dueDay: 10, size: 3 })
    const [left, choosy, other] = people
    await suspendPeople({ userIds: [left!.id], by: 'admin', actor: { id: null, name: 'Test' } })
    await setOptOuts({ userId: choosy!.id, kinds: ['due-soon', 'due-today'] })
    await sweepReminders({ now: onDay(3) })
    expect(await emailsFor([left!.id])).toEqual([])
    expect(await emailsFor([choosy!.id])).toEqual([])
    expect(await emailsFor([other!.id])).toEqual(['due-soon queued'])

    await setMandatoryKinds({ kinds: ['due-today'], actor: { id: null, name: 'Test' } })
    await sweepReminders({ now: onDay(10) })
    expect(await emailsFor([choosy!.id])).toEqual(['due-today queued'])
    await setMandatoryKinds({ kinds: [], actor: { id: null, name: 'Test' } })
  })

  test('passing the module cancels its reminders not yet sent', async () => {
    const { people } = await aTeamGiven(FIXING, { dueDay: 10, size: 2 })
    const [passer, other] = people
    await sweepReminders({ now: onDay(10) })
    await recordPasses([{ userId: passer!.id, slug: FIXING, at: onDay(10) }])
    expect(await emailsFor([passer!.id])).toEqual(['due-today cancelled'])
    expect(await emailsFor([other!.id])).toEqual(['due-today queued'])
  })

  test('a recurring assignment added long after evidence lapsed sends no backlog of past periods', async () => {
    const team = await createTeam()
    const manager = await createUser({ manages: [team] })
    const person = await createUser({ team })
    await recordPasses([{ userId: person.id, slug: PHISHING, at: new Date(START.getTime() - 500 * DAY_MS) }])
    const made = await createAssignment({
      viewer: { id: manager.id, isAdmin: false },
      unitId: team.id,
      input: { what: PHISHING, who: 'unit', dueDate: isoDay(onDay(14)), recurs: 'yes' },
      now: START,
    })
    expect(made.ok).toBe(true)
    for (let n = 0; n <= 14; n++) await sweepReminders({ now: onDay(n) })
    expect(await emailsFor([person.id])).toEqual(['due-soon queued', 'due-today queued'])
  })
})

describe('new work and digests', () => {
  test('new work is one email a day however many assignments; more the same day goes out next morning', async () => {
    const { people, assignment, manager, team } = await aTeamGiven(FIXING, { dueDay: 30, size: 2 })
    const ids = people.map((person) => person.id)
    await newWorkNoticesHandler.run({ assignmentId: assignment.id }, { id: 'test', attempt: 1 })
    const second = await createAssignment({
      viewer: { id: manager.id, isAdmin: false },
      unitId: team.id,
      input: { what: PHISHING, who: 'unit', dueDate: isoDay(onDay(30)) },
      now: START,
    })
    if (!second.ok) throw new Error('not assigned')
    await newWorkNoticesHandler.run({ assignmentId: second.assignment.id }, { id: 'test', attempt: 1 })
    // Not sent yet: the waiting email will name both.
    expect(await emailsFor(ids)).toEqual(['assigned queued', 'assigned queued'])

    await markSent(ids)
    const third = await createAssignment({
      viewer: { id: manager.id, isAdmin: false },
      unitId: team.id,
      input: { what: 'digital-safety-essentials', who: 'unit', dueDate: isoDay(onDay(30)) },
      now: START,
    })
    if (!third.ok) throw new Error('not assigned')
    await newWorkNoticesHandler.run({ assignmentId: third.assignment.id }, { id: 'test', attempt: 1 })
    const { jobs } = schema()
    const waiting = (await db().select().from(jobs)).filter(
      (job) => job.state === 'queued' && job.type === 'email' && ids.includes(String(job.payload.userId)),
    )
    expect(waiting).toHaveLength(2)
    for (const job of waiting) expect(job.runAt.getUTCHours()).toBe(7)
  })

  test('each manager gets one digest a week, however many units they manage', async () => {
    const [teamA, teamB] = [await createTeam(), await createTeam()]
    const manager = await createUser({ manages: [teamA, teamB] })
    await queueManagerDigests({ week: 'week of 2026-11-30' })
    await queueManagerDigests({ week: 'week of 2026-11-30' })
    expect(await emailsFor([manager.id])).toEqual(['manager-digest queued'])
  })
})
