import { and, asc, gt, gte, inArray, isNotNull, isNull } from 'drizzle-orm'
import { chunks } from '#app/lib/chunks.ts'
import { assignmentStatuses } from '#app/lib/assignments/status.server.ts'
import { DAY_MS, isoDay } from '#app/lib/dates/dates.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { optedOutUserIds } from '#app/lib/notifications/preferences.server.ts'
import { lapsingEvidenceOf } from '#app/lib/reports/readiness-report.server.ts'
import {
  planReminders,
  type LapsingEvidence,
  type OutstandingWork,
  type PastReminder,
  type PlannedReminder,
  type SweepKind,
} from './reminder-rules.ts'
import { workSubject } from './reminder-subjects.ts'
import { queuePlannedEmails, type PlannedEmail } from './reminder-ledger.server.ts'

// The daily sweep: for everyone who can be emailed, what reminders are due today (reminder-rules.ts), each
// recorded in the ledger and queued as an email in one transaction per group of people. Planning twice adds
// nothing: the ledger remembers what was planned, and the jobs' de-duplication keys refuse a second copy.

/**
 * People planned together. The status query's cost is mostly fixed per query (on PostgreSQL each readiness
 * test is hashed once for everyone asked about), so it is asked about thousands at a time; what is planned is
 * then written in smaller transactions, so that no one transaction holds the database for long.
 */
const PEOPLE_PER_PLAN = 5000
const PEOPLE_PER_TRANSACTION = 1000
/** Far enough back to see every overdue reminder of a due date (4 weekly ones) and every lapsing one. */
const LEDGER_LOOKBACK_DAYS = 60
const REMINDER_KINDS: SweepKind[] = ['due-soon', 'due-today', 'overdue', 'evidence-lapsing']

export interface SweepResult {
  people: number
  reminders: number
  emails: number
}

export async function sweepReminders({
  now = new Date(),
  onProgress,
}: { now?: Date; onProgress?: (peopleDone: number) => void } = {}): Promise<SweepResult> {
  const result: SweepResult = { people: 0, reminders: 0, emails: 0 }
  let after = ''
  for (;;) {
    const people = await reachablePeople({ after, limit: PEOPLE_PER_PLAN })
    if (people.length === 0) break
    after = people.at(-1) as string
    const planned = await planFor({ userIds: people, now })
    for (const group of chunks(people, PEOPLE_PER_TRANSACTION)) {
      const { sends, emails } = await recordAndQueue({ planned, userIds: group, now })
      result.people += group.length
      result.reminders += sends
      result.emails += emails
      onProgress?.(result.people)
    }
  }
  return result
}

/** People with an email address who have not left, in id order (suspended people get nothing). */
async function reachablePeople({ after, limit }: { after: string; limit: number }): Promise<string[]> {
  const { users } = schema()
  const rows = await db()
    .select({ id: users.id })
    .from(users)
    .where(and(gt(users.id, after), isNull(users.suspendedAt), isNotNull(users.email)))
    .orderBy(asc(users.id))
    .limit(limit)
  return rows.map((row) => row.id)
}

type PlannedFor = Map<string, PlannedReminder[]>

async function planFor({ userIds, now }: { userIds: string[]; now: Date }): Promise<PlannedFor> {
  const [work, lapsing, past, optedOut] = await Promise.all([
    outstandingWork({ userIds, now }),
    lapsingEvidenceOf({ userIds, now }),
    pastReminders({ userIds, now }),
    Promise.all(REMINDER_KINDS.map(async (kind) => [kind, await optedOutUserIds({ kind, userIds })] as const)),
  ])
  const lapsingByPerson = new Map<string, LapsingEvidence[]>()
  for (const row of lapsing) lapsingByPerson.set(row.userId, [...(lapsingByPerson.get(row.userId) ?? []), row])
  const planned: PlannedFor = new Map()
  for (const userId of userIds) {
    const reminders = planReminders({
      work: work.get(userId) ?? [],
      lapsing: lapsingByPerson.get(userId) ?? [],
      past: past.get(userId) ?? [],
      now,
      optedOut: new Set(optedOut.filter(([, people]) => people.has(userId)).map(([kind]) => kind)),
    })
    if (reminders.length > 0) planned.set(userId, reminders)
  }
  return planned
}

async function outstandingWork({ userIds, now }: { userIds: string[]; now: Date }) {
  const statuses = (await assignmentStatuses({ people: { userIds }, now })).filter((row) => row.status !== 'done')
  const { assignments } = schema()
  const assignedAt = new Map<string, Date>()
  const assignmentIds = [...new Set(statuses.map((row) => row.assignmentId))]
  for (const part of chunks(assignmentIds, 500)) {
    const rows = await db()
      .select({ id: assignments.id, createdAt: assignments.createdAt })
      .from(assignments)
      .where(inArray(assignments.id, part))
    for (const row of rows) assignedAt.set(row.id, row.createdAt)
  }
  const work = new Map<string, OutstandingWork[]>()
  for (const row of statuses) {
    const items = work.get(row.userId) ?? []
    items.push({
      subject: workSubject(row.moduleSlug),
      dueAt: row.dueAt,
      assignedAt: assignedAt.get(row.assignmentId) ?? row.dueAt,
    })
    work.set(row.userId, items)
  }
  return work
}

async function pastReminders({ userIds, now }: { userIds: string[]; now: Date }) {
  const { reminderSends } = schema()
  const since = isoDay(new Date(now.getTime() - LEDGER_LOOKBACK_DAYS * DAY_MS))
  const rows = await db()
    .select()
    .from(reminderSends)
    .where(and(inArray(reminderSends.userId, userIds), gte(reminderSends.plannedOn, since)))
  const past = new Map<string, PastReminder[]>()
  for (const row of rows) past.set(row.userId, [...(past.get(row.userId) ?? []), row])
  return past
}

/** One transaction for these people: their emails queued (keyed so a second sweep adds none) and the ledger rows. */
function recordAndQueue({ planned, userIds, now }: { planned: PlannedFor; userIds: string[]; now: Date }) {
  const emails = new Map<string, PlannedEmail>()
  for (const userId of userIds)
    for (const { kind, subject, period, email: emailKey } of planned.get(userId) ?? []) {
      const key = `reminder:${userId}:${emailKey}`
      const email = emails.get(key) ?? { key, payload: { kind, userId, params: { items: [] } }, sends: [] }
      email.sends.push({ subject, kind, period })
      ;(email.payload.params.items as { subject: string; period: string }[]).push({ subject, period })
      emails.set(key, email)
    }
  return transaction(() => queuePlannedEmails({ emails: [...emails.values()], plannedOn: isoDay(now), now }))
}
