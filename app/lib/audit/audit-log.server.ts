import { chunks } from '#app/lib/chunks.ts'
import { db, type Schema, schema } from '#app/lib/db.server.ts'

// The audit log: every change an administrator or an import makes to people, units and rights, appended in
// the same transaction as the change (a change that rolls back leaves no entry). Nothing updates or deletes
// these rows; the page and its CSV read them (app/lib/audit/audit-query.server.ts).

export const auditActions = {
  'person.created': 'Person added',
  'person.updated': 'Details changed',
  'person.moved': 'Team or role profile changed',
  'person.suspended': 'Suspended',
  'person.revived': 'Restored',
  'person.override-set': 'Team or role profile set by an administrator',
  'person.override-cleared': 'Administrator’s team or role profile removed',
  'person.password-reset-sent': 'Password reset link sent',
  'person.sso-linked': 'Single sign-on account linked',
  'person.sso-unlinked': 'Single sign-on account unlinked',
  'person.course-unit-waived': 'Course unit waived',
  'rights.manager-granted': 'Manager rights given',
  'rights.manager-revoked': 'Manager rights removed',
  'rights.admin-granted': 'Administrator rights given',
  'rights.admin-revoked': 'Administrator rights removed',
  'unit.created': 'Unit created',
  'unit.renamed': 'Unit renamed',
  'unit.moved': 'Unit moved',
  'unit.closed': 'Unit closed',
  'unit.reopened': 'Unit reopened',
  'unit.sign-in-changed': 'How people sign in changed',
  'job.retried': 'Failed background job tried again',
  'setting.notifications-changed': 'Email rules changed',
  'course.imported': 'Course imported',
  'course.replaced': 'Course imported again, replacing the earlier version',
} as const

export type AuditAction = keyof typeof auditActions
export type AuditEvent = Schema['auditEvents']['$inferSelect']

/** Who made a change: an administrator, or an import run (started by someone, or from the command line). */
export interface AuditActor {
  id: string | null
  name: string
  importRunId?: string | null
}

export interface AuditEntry {
  action: AuditAction
  subjectType: AuditEvent['subjectType']
  subjectId: string
  subjectName: string
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

/** Appends entries; call it inside the transaction that makes the change. */
export async function recordAudit({
  actor,
  entries,
  at = new Date(),
}: {
  actor: AuditActor
  entries: AuditEntry[]
  at?: Date
}): Promise<void> {
  const { auditEvents } = schema()
  const rows = entries.map((entry) => ({
    at,
    actorId: actor.id,
    actorName: actor.name,
    importRunId: actor.importRunId ?? null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    subjectName: entry.subjectName,
    before: entry.before ?? null,
    after: entry.after ?? null,
  }))
  for (const part of chunks(rows, 400)) await db().insert(auditEvents).values(part)
}
