import { DAY_MS, isoDay } from '#app/lib/dates/dates.ts'
import type { EmailKind } from '#app/lib/email/outgoing-email.ts'

// When a reminder is due, as plain rules over one person's outstanding work, evidence and past reminders
// (no database here). Days are UTC days, as due dates are (app/lib/assignments/due-dates.ts).

export const DUE_SOON_DAYS = 7
export const OVERDUE_REMINDERS = 4
export const OVERDUE_EVERY_DAYS = 7
export const LAPSING_WITHIN_DAYS = 30
/** Reminder emails a person gets at most in one day, however much is due. */
export const DAILY_REMINDER_CAP = 3

export type SweepKind = Extract<EmailKind, 'due-soon' | 'due-today' | 'overdue' | 'evidence-lapsing'>

/** Most pressing first: what the daily cap keeps. */
const PRIORITY: SweepKind[] = ['overdue', 'due-today', 'due-soon', 'evidence-lapsing']

/** Work a person has not done yet: one module, or everything their role targets need. */
export interface OutstandingWork {
  /** "module:<slug>" or "role-targets": the same work assigned twice is reminded of once. */
  subject: string
  dueAt: Date
  assignedAt: Date
}

/** Evidence of a competency that runs out soon, with nothing else covering it. */
export interface LapsingEvidence {
  competencyId: string
  expiresAt: Date
}

/** A reminder already planned for this person (any day), from the ledger. */
export interface PastReminder {
  subject: string
  kind: string
  period: string
  plannedOn: string
}

export interface PlannedReminder {
  kind: SweepKind
  subject: string
  period: string
  /** The emails it is sent in: lapsing evidence is grouped into one email a day; the rest one each. */
  email: string
}

const dayNumber = (date: Date) => Math.floor(date.getTime() / DAY_MS)

export function planReminders({
  work,
  lapsing,
  past,
  now,
  optedOut = new Set(),
}: {
  work: OutstandingWork[]
  lapsing: LapsingEvidence[]
  past: PastReminder[]
  now: Date
  optedOut?: ReadonlySet<SweepKind>
}): PlannedReminder[] {
  const today = isoDay(now)
  const sent = new Set(past.map((reminder) => `${reminder.subject}|${reminder.kind}|${reminder.period}`))
  const wasSent = (subject: string, kind: string, period: string) => sent.has(`${subject}|${kind}|${period}`)
  const candidates: PlannedReminder[] = []

  for (const item of mostPressingPerSubject(work)) {
    const dueDay = isoDay(item.dueAt)
    const daysLeft = dayNumber(item.dueAt) - dayNumber(now)
    if (daysLeft === 0) {
      if (!wasSent(item.subject, 'due-today', dueDay)) candidates.push(one('due-today', item.subject, dueDay))
    } else if (daysLeft > 0 && daysLeft <= DUE_SOON_DAYS) {
      // Given with less notice than that, the email saying it was assigned already named the date.
      const notice = dayNumber(item.dueAt) - dayNumber(item.assignedAt)
      if (notice >= DUE_SOON_DAYS && !wasSent(item.subject, 'due-soon', dueDay))
        candidates.push(one('due-soon', item.subject, dueDay))
    } else if (daysLeft < 0) {
      const earlier = past.filter(
        (reminder) =>
          reminder.subject === item.subject && reminder.kind === 'overdue' && reminder.period.startsWith(`${dueDay}/`),
      )
      const daysLate = -daysLeft
      const nextAt = 1 + OVERDUE_EVERY_DAYS * earlier.length
      const lastOn = earlier
        .map((reminder) => reminder.plannedOn)
        .sort()
        .at(-1)
      const weekSinceLast = !lastOn || dayNumber(now) - dayNumber(new Date(lastOn)) >= OVERDUE_EVERY_DAYS
      if (earlier.length < OVERDUE_REMINDERS && daysLate >= nextAt && weekSinceLast)
        candidates.push(one('overdue', item.subject, `${dueDay}/${earlier.length + 1}`))
    }
  }

  for (const evidence of lapsing) {
    const subject = `competency:${evidence.competencyId}`
    const period = isoDay(evidence.expiresAt)
    if (!wasSent(subject, 'evidence-lapsing', period))
      candidates.push({
        kind: 'evidence-lapsing',
        subject,
        period,
        email: emailKey({ kind: 'evidence-lapsing', subject, period, plannedOn: today }),
      })
  }

  const emailsToday = new Set(past.filter((reminder) => reminder.plannedOn === today).map(emailKey)).size
  const allowed = new Set<string>()
  const kept: PlannedReminder[] = []
  for (const reminder of candidates
    .filter((candidate) => !optedOut.has(candidate.kind))
    .sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind))) {
    if (!allowed.has(reminder.email)) {
      if (emailsToday + allowed.size >= DAILY_REMINDER_CAP) continue
      allowed.add(reminder.email)
    }
    kept.push(reminder)
  }
  return kept
}

function one(kind: SweepKind, subject: string, period: string): PlannedReminder {
  return { kind, subject, period, email: emailKey({ kind, subject, period }) }
}

/** Which email a reminder goes in: its own, except lapsing evidence, which shares one email a day. */
function emailKey({ kind, subject, period, plannedOn }: Omit<PastReminder, 'plannedOn'> & { plannedOn?: string }) {
  return kind === 'evidence-lapsing' ? `evidence-lapsing:${plannedOn}` : `${kind}:${subject}:${period}`
}

/** The same work assigned more than once (to the team and to the person) counts at its earliest due date. */
function mostPressingPerSubject(work: OutstandingWork[]): OutstandingWork[] {
  const bySubject = new Map<string, OutstandingWork>()
  for (const item of work) {
    const held = bySubject.get(item.subject)
    if (!held || item.dueAt < held.dueAt) bySubject.set(item.subject, item)
  }
  return [...bySubject.values()]
}
