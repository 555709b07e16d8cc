// What a reminder is about, as the ledger names it: one module, everything a role's targets need, one
// competency's evidence, new work in general, or a manager's teams.

export const ROLE_TARGETS_SUBJECT = 'role-targets'

export function workSubject(moduleSlug: string | null): string {
  return moduleSlug ? `module:${moduleSlug}` : ROLE_TARGETS_SUBJECT
}

export function moduleOfSubject(subject: string): string | null {
  return subject.startsWith('module:') ? subject.slice('module:'.length) : null
}

export function competencyOfSubject(subject: string): string | null {
  return subject.startsWith('competency:') ? subject.slice('competency:'.length) : null
}
