import { and, eq, inArray, notInArray } from 'drizzle-orm'
import { recordAudit, type AuditActor } from '#app/lib/audit/audit-log.server.ts'
import { chunks } from '#app/lib/chunks.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { type EmailKind } from '#app/lib/email/outgoing-email.ts'
import { isReminderKind, kindLabels, reminderKinds, type ReminderKind } from './notification-kinds.ts'

// Who gets which emails. A person turns reminder kinds off (a row in notification_opt_outs per kind turned off);
// an administrator can make a kind mandatory, and then it is sent whatever people chose. Their choice is kept
// underneath, so lifting the rule brings it back. A password reset is always sent.

/** Kinds an administrator has made mandatory (never 'password-reset', which needs no rule to be sent). */
export async function mandatoryKinds(): Promise<Set<EmailKind>> {
  const { notificationRules: rules } = schema()
  const rows = await db().select({ kind: rules.kind }).from(rules).where(eq(rules.mandatory, true))
  return new Set(rows.map((row) => row.kind).filter(isReminderKind))
}

/** Whether this kind is sent to everyone, whatever they chose. */
async function alwaysSent(kind: EmailKind): Promise<boolean> {
  return !isReminderKind(kind) || (await mandatoryKinds()).has(kind)
}

/**
 * The people who have turned this kind off: those of `userIds` when given, else everyone. Empty when the kind is
 * mandatory or is a password reset, because then nobody's choice stops it.
 */
export async function optedOutUserIds({
  kind,
  userIds,
}: {
  kind: EmailKind
  userIds?: string[]
}): Promise<Set<string>> {
  if (await alwaysSent(kind)) return new Set()
  const { notificationOptOuts: optOuts } = schema()
  const query = (where = eq(optOuts.kind, kind)) => db().select({ userId: optOuts.userId }).from(optOuts).where(where)
  if (userIds === undefined) return new Set((await query()).map((row) => row.userId))
  const found = new Set<string>()
  // IN lists in runs of 500 keep under SQLite's and PostgreSQL's limits on bound parameters.
  for (const part of chunks([...new Set(userIds)], 500)) {
    for (const row of await query(and(eq(optOuts.kind, kind), inArray(optOuts.userId, part)))) found.add(row.userId)
  }
  return found
}

/** Whether to send this person an email of this kind. */
export async function wantsEmail({ userId, kind }: { userId: string; kind: EmailKind }): Promise<boolean> {
  if (!isReminderKind(kind) || (await mandatoryKinds()).has(kind)) return true
  return !(await optedOutKinds({ userId })).has(kind)
}

/** The kinds this person has turned off, whether or not a rule overrides that just now. */
export async function optedOutKinds({ userId }: { userId: string }): Promise<Set<ReminderKind>> {
  const { notificationOptOuts: optOuts } = schema()
  const rows = await db().select({ kind: optOuts.kind }).from(optOuts).where(eq(optOuts.userId, userId))
  return new Set(rows.map((row) => row.kind).filter(isReminderKind))
}

/**
 * Replaces the kinds this person has turned off with `kinds`. An `actor` other than the person (an administrator
 * acting for them) is recorded in the audit log; a person's own choice is theirs and is not audited.
 */
export async function setOptOuts({
  userId,
  kinds,
  actor,
}: {
  userId: string
  kinds: readonly ReminderKind[]
  actor?: AuditActor
}): Promise<void> {
  const { notificationOptOuts: optOuts, users } = schema()
  const next = [...new Set(kinds)]
  await transaction(async () => {
    const before = await optedOutKinds({ userId })
    const ofPerson = eq(optOuts.userId, userId)
    await db()
      .delete(optOuts)
      .where(next.length > 0 ? and(ofPerson, notInArray(optOuts.kind, next)) : ofPerson)
    if (next.length > 0) {
      await db()
        .insert(optOuts)
        .values(next.map((kind) => ({ userId, kind })))
        .onConflictDoNothing()
    }
    if (!actor || actor.id === userId || sameKinds(before, next)) return
    const [person] = await db().select({ name: users.name }).from(users).where(eq(users.id, userId))
    await recordAudit({
      actor,
      entries: [
        {
          action: 'person.updated',
          subjectType: 'person',
          subjectId: userId,
          subjectName: person?.name ?? userId,
          before: { emailsTurnedOff: kindLabels(before) },
          after: { emailsTurnedOff: kindLabels(next) },
        },
      ],
    })
  })
}

export type OptOutResult = 'opted-out' | 'mandatory' | 'no-such-person'

/** Turns one kind off for one person, as an unsubscribe link does; a mandatory kind stays on and says so. */
export async function optOut({ userId, kind }: { userId: string; kind: ReminderKind }): Promise<OptOutResult> {
  const { notificationOptOuts: optOuts, users } = schema()
  return transaction(async () => {
    const [person] = await db().select({ id: users.id }).from(users).where(eq(users.id, userId))
    if (!person) return 'no-such-person'
    // Not recorded when mandatory: the page says the email cannot be turned off, and a choice saved anyway
    // would surprise the person on the day the rule is lifted.
    if (await alwaysSent(kind)) return 'mandatory'
    await db().insert(optOuts).values({ userId, kind }).onConflictDoNothing()
    return 'opted-out'
  })
}

/**
 * An administrator makes exactly `kinds` mandatory (and every other reminder kind optional again), audited with
 * the mandatory kinds before and after in words. Returns whether anything changed.
 */
export async function setMandatoryKinds({
  kinds,
  actor,
  at = new Date(),
}: {
  kinds: readonly ReminderKind[]
  actor: AuditActor
  at?: Date
}): Promise<{ changed: boolean }> {
  const { notificationRules: rules } = schema()
  const chosen = new Set(kinds)
  return transaction(async () => {
    const before = await mandatoryKinds()
    const changes = reminderKinds.filter((kind) => chosen.has(kind) !== before.has(kind))
    if (changes.length === 0) return { changed: false }
    for (const kind of changes) {
      const rule = { mandatory: chosen.has(kind), updatedAt: at, updatedBy: actor.id }
      await db()
        .insert(rules)
        .values({ kind, ...rule })
        .onConflictDoUpdate({ target: rules.kind, set: rule })
    }
    await recordAudit({
      actor,
      at,
      entries: [
        {
          action: 'setting.notifications-changed',
          subjectType: 'setting',
          subjectId: 'notifications',
          subjectName: 'Email rules',
          before: { sentToEveryone: kindLabels([...before].filter(isReminderKind)) },
          after: { sentToEveryone: kindLabels(chosen) },
        },
      ],
    })
    return { changed: true }
  })
}

function sameKinds(a: Set<ReminderKind>, b: readonly ReminderKind[]): boolean {
  return a.size === b.length && b.every((kind) => a.has(kind))
}
