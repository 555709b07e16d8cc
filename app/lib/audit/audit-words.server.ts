import { type AuditAction, type AuditEvent, auditActions } from './audit-log.server.ts'

// The audit log's vocabulary as the page and its CSV show it: what each action is called, and the groups an
// administrator can filter by (every change to people, to units, or to rights).

export const AUDIT_GROUPS = {
  people: { label: 'People', any: 'Any change to people', prefix: 'person.' },
  units: { label: 'Units', any: 'Any change to units', prefix: 'unit.' },
  rights: { label: 'Rights', any: 'Any change to rights', prefix: 'rights.' },
  system: { label: 'Jobs and settings', any: 'Any change to jobs or settings', prefix: 'job.|setting.' },
  courses: { label: 'Courses', any: 'Any change to courses', prefix: 'course.' },
} as const

export type AuditGroup = keyof typeof AUDIT_GROUPS

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(auditActions, value)
}

export function isAuditGroup(value: string): value is AuditGroup {
  return Object.hasOwn(AUDIT_GROUPS, value)
}

/** The actions in a group. */
export function actionsIn(group: AuditGroup): AuditAction[] {
  const prefixes = AUDIT_GROUPS[group].prefix.split('|')
  return (Object.keys(auditActions) as AuditAction[]).filter((action) =>
    prefixes.some((prefix) => action.startsWith(prefix)),
  )
}

/** What an action is called; an action this version does not know (from a newer one) still reads as a change. */
export function actionLabel(action: string): string {
  return isAuditAction(action) ? auditActions[action] : 'Other change'
}

export function subjectTypeLabel(subjectType: AuditEvent['subjectType']): string {
  return subjectTypeLabels[subjectType]
}

const subjectTypeLabels: Record<AuditEvent['subjectType'], string> = {
  person: 'Person',
  unit: 'Unit',
  job: 'Background job',
  setting: 'Setting',
  course: 'Course',
}

/** The choices of the "What changed" filter: each group, then its actions. */
export function actionChoices(): { label: string; options: { value: string; label: string }[] }[] {
  return (Object.keys(AUDIT_GROUPS) as AuditGroup[]).map((group) => ({
    label: AUDIT_GROUPS[group].label,
    options: [
      { value: group, label: AUDIT_GROUPS[group].any },
      ...actionsIn(group).map((action) => ({ value: action, label: auditActions[action] })),
    ],
  }))
}
