import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createAssignment } from '#app/lib/assignments/assignments.server.ts'
import { DAY_MS, isoDay } from '#app/lib/dates/dates.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { enqueueEmail } from '#app/lib/email/enqueue-email.server.ts'
import { useMailSettings } from '#app/lib/email/send-email.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { startWorker } from '#app/lib/jobs/worker.server.ts'
import { wantsEmail } from '#app/lib/notifications/preferences.server.ts'
import { suspendPeople } from '#app/lib/people/suspension.server.ts'
import { queueManagerDigests } from '#app/lib/reminders/manager-digests.server.ts'
import { sweepReminders } from '#app/lib/reminders/reminder-sweep.server.ts'
import { action as unsubscribeAction } from '#app/routes/unsubscribe.$token.tsx'
import { createTeam, createUser } from '#tests/factories.ts'
import { headerValue, startMailCatcher, type MailCatcher } from '#tests/mail-catcher.ts'
import { recordPasses } from '#tests/report-fixture.ts'
import { loadContext } from '#tests/requests.ts'

// Reminders from the sweep to the inbox: queued jobs, run by a real worker, sent by SMTP to a real SMTP server
// in this process, and read back with a MIME parser.

const NOW = new Date()
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY_MS)
const FIXING = 'fixing-everyday-it-problems'
const PHISHING = 'spotting-phishing' // SAFE.1, evidence lasts 12 months
const SAFETY = 'digital-safety-essentials'
let mail: MailCatcher

beforeAll(async () => {
  mail = await startMailCatcher()
  useMailSettings({ transport: 'smtp', from: 'Digital skills <no-reply@skills.example.nhs.uk>', url: mail.url })
})
afterAll(async () => {
  await mail.close()
})
beforeEach(() => mail.clear())

/** Runs every due job with a real worker until none is left. */
async function deliver() {
  const worker = startWorker({ idlePollMs: 10, schedules: false, log: () => undefined })
  await worker.idle()
  await worker.idle()
  await worker.stop()
}

const to = (address: string) => (message: ParsedMail) =>
  [message.to].flat().some((field) => field?.value.some((entry) => entry.address === address))

async function aTeamWithWork(slug: string, { assignedDaysAgo = 20, dueInDays = 0, size = 1 } = {}) {
  const team = await createTeam()
  const manager = await createUser({ manages: [team] })
  const people = []
  for (let i = 0; i < size; i++) people.push(await createUser({ team }))
  const made = await createAssignment({
    viewer: { id: manager.id, isAdmin: false },
    unitId: team.id,
    input: { what: slug, who: 'unit', dueDate: isoDay(new Date(NOW.getTime() + dueInDays * DAY_MS)) },
    now: daysAgo(assignedDaysAgo),
  })
  if (!made.ok) throw new Error(JSON.stringify(made.errors))
  // The new-work notice is not what these tests are about.
  await db().delete(schema().jobs)
  return { team, manager, people }
}

describe('reminder emails', () => {
  test('due today arrives once, to the person, with a link to the module and one-click unsubscribe headers', async () => {
    const { people } = await aTeamWithWork(FIXING, { dueInDays: 0 })
    const person = people[0]!
    await sweepReminders({ now: NOW })
    await deliver()
    await sweepReminders({ now: NOW })
    await deliver()

    const mine = mail.messages.filter(to(person.email))
    expect(mine).toHaveLength(1)
    const [email] = mine
    expect(email?.subject).toMatch(/^Due today: /)
    expect(email?.text).toContain(`${publicUrl}/modules/${FIXING}`)
    expect(email?.text).toContain(person.name.split(' ')[0])
    expect(email?.html).toContain(`${publicUrl}/modules/${FIXING}`)
    const unsubscribe = headerValue(email!, 'List-Unsubscribe')
    expect(unsubscribe).toMatch(new RegExp(`^<${publicUrl}/unsubscribe/[^>]+>$`))
    expect(headerValue(email!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
  })

  test('the unsubscribe link in the email works without signing in; a forged one does nothing', async () => {
    const { people } = await aTeamWithWork(FIXING, { dueInDays: 0 })
    const person = people[0]!
    await sweepReminders({ now: NOW })
    await deliver()
    const [email] = mail.messages.filter(to(person.email))
    const link = /^<(.+)>$/.exec(headerValue(email!, 'List-Unsubscribe') ?? '')?.[1] ?? ''
    const token = link.split('/unsubscribe/')[1] ?? ''

    const oneClick = (path: string) =>
      new Request(`http://localhost/unsubscribe/${path}`, {
        method: 'POST',
        body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
      })
    const forged = `${token.slice(0, -4)}AAAA`
    await expect(
      unsubscribeAction({ request: oneClick(forged), params: { token: forged }, context: loadContext }),
    ).resolves.toMatchObject({ init: { status: 404 } })
    expect(await wantsEmail({ userId: person.id, kind: 'due-today' })).toBe(true)

    await unsubscribeAction({ request: oneClick(token), params: { token }, context: loadContext })
    expect(await wantsEmail({ userId: person.id, kind: 'due-today' })).toBe(false)
  })

  test('overdue work and lapsing evidence each arrive with their own subject and link', async () => {
    const { people } = await aTeamWithWork(SAFETY, { assignedDaysAgo: 30, dueInDays: -3 })
    const person = people[0]!
    await recordPasses([{ userId: person.id, slug: PHISHING, at: daysAgo(350) }])
    await sweepReminders({ now: NOW })
    await deliver()
    const subjects = mail.messages
      .filter(to(person.email))
      .map((email) => email.subject)
      .sort()
    expect(subjects).toEqual([expect.stringMatching(/^Overdue: /), expect.stringMatching(/evidence|runs? out/i)])
    const lapsing = mail.messages.find((email) => to(person.email)(email) && !email.subject?.startsWith('Overdue'))
    expect(lapsing?.text).toContain(`${publicUrl}/modules/`)
  })

  test('passing the module before the email goes out means it never does', async () => {
    const { people } = await aTeamWithWork(FIXING, { dueInDays: 0 })
    const person = people[0]!
    await sweepReminders({ now: NOW })
    await recordPasses([{ userId: person.id, slug: FIXING, at: NOW }])
    await deliver()
    expect(mail.messages.filter(to(person.email))).toEqual([])
  })

  test('someone suspended after the reminder was planned gets nothing', async () => {
    const { people } = await aTeamWithWork(FIXING, { dueInDays: 0 })
    const person = people[0]!
    await sweepReminders({ now: NOW })
    await suspendPeople({ userIds: [person.id], by: 'admin', actor: { id: null, name: 'Test' } })
    await deliver()
    expect(mail.messages.filter(to(person.email))).toEqual([])
  })

  test('no more than three reminder emails a day, however much is overdue', async () => {
    const team = await createTeam()
    const manager = await createUser({ manages: [team] })
    const person = await createUser({ team })
    for (const slug of [FIXING, PHISHING, SAFETY, 'becoming-a-digital-champion'])
      await createAssignment({
        viewer: { id: manager.id, isAdmin: false },
        unitId: team.id,
        input: { what: slug, who: 'person', personId: person.id, dueDate: isoDay(daysAgo(2)) },
        now: daysAgo(20),
      })
    await db().delete(schema().jobs)
    await sweepReminders({ now: NOW })
    await deliver()
    await sweepReminders({ now: NOW })
    await deliver()
    expect(mail.messages.filter(to(person.email))).toHaveLength(3)
  })
})

describe('new work, digests and password resets', () => {
  test('someone given new learning gets one email naming it, with a link to it', async () => {
    const team = await createTeam()
    const manager = await createUser({ manages: [team] })
    const person = await createUser({ team })
    for (const slug of [FIXING, PHISHING])
      await createAssignment({
        viewer: { id: manager.id, isAdmin: false },
        unitId: team.id,
        input: { what: slug, who: 'unit', dueDate: isoDay(new Date(NOW.getTime() + 14 * DAY_MS)) },
      })
    await deliver()
    // Sent a few minutes after the assignment, to gather a manager's run of assignments into one email.
    await db().update(schema().jobs).set({ runAt: new Date() })
    await deliver()
    const mine = mail.messages.filter(to(person.email))
    expect(mine).toHaveLength(1)
    expect(mine[0]?.text).toContain(`${publicUrl}/modules/${FIXING}`)
    expect(mine[0]?.text).toContain(`${publicUrl}/modules/${PHISHING}`)
  })

  test('a manager gets one weekly summary naming each unit they manage, with a link to its report', async () => {
    const [teamA, teamB] = [await createTeam(), await createTeam()]
    const manager = await createUser({ manages: [teamA, teamB] })
    await createUser({ team: teamA })
    await queueManagerDigests({ week: `week of ${isoDay(NOW)}` })
    await deliver()
    const mine = mail.messages.filter(to(manager.email))
    expect(mine).toHaveLength(1)
    expect(mine[0]?.text).toContain(teamA.name)
    expect(mine[0]?.text).toContain(`${publicUrl}/reports/units/${teamB.id}`)
  })

  test('a password reset email carries its link and no unsubscribe header', async () => {
    const person = await createUser()
    const resetUrl = `${publicUrl}/reset-password/example-token`
    await enqueueEmail({ kind: 'password-reset', userId: person.id, params: { resetUrl, expiresInMinutes: 60 } })
    await deliver()
    const [email] = mail.messages.filter(to(person.email))
    expect(email?.subject).toBe('Reset your Digital skills password')
    expect(email?.text).toContain(resetUrl)
    expect(headerValue(email!, 'List-Unsubscribe')).toBeUndefined()
    // The finished job no longer holds the link.
    const jobs = await db().select().from(schema().jobs)
    expect(JSON.stringify(jobs)).not.toContain('example-token')
  })

  test('a reset email that could not go out before its link lapsed is not sent late', async () => {
    const person = await createUser()
    const params = {
      resetUrl: `${publicUrl}/reset-password/late`,
      expiresInMinutes: 60,
      expiresAt: daysAgo(1).toISOString(),
    }
    await enqueueEmail({ kind: 'password-reset', userId: person.id, params })
    await deliver()
    expect(mail.messages.filter(to(person.email))).toEqual([])
  })
})
