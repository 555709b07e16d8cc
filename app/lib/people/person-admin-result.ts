import { z } from 'zod'
import { RESET_LINK_LIFETIME_MINUTES } from '#app/lib/auth/reset-link.ts'
import type { Viewer } from '#app/lib/auth/scope.server.ts'

// What an administrator's change to a person came to. After a change the page redirects to itself with
// `done` (and the unit, where there is one) in its address, and says what happened in words built from the
// names as they are then: a sentence in the address could be written by anyone sending a link.

/** An administrator making a change: who they are (for the rights check) and their name (for the audit log). */
export type AdminActor = Viewer & { name: string }

export const adminDoneSchema = z.enum([
  'override-set',
  'override-cleared',
  'manager-granted',
  'manager-revoked',
  'admin-granted',
  'admin-revoked',
  'suspended',
  'restored',
  'password-reset-sent',
  'identity-unlinked',
])
export type AdminDone = z.infer<typeof adminDoneSchema>

/** Done (and on which unit), or refused with a sentence saying why. */
export type AdminResult =
  { ok: true; done: AdminDone; unitId?: string; provider?: string } | { ok: false; problem: string }

export function assertAdmin(actor: AdminActor): void {
  // Routes check first (requireAdmin); this keeps a later caller from skipping that.
  if (!actor.isAdmin) throw new Error('only administrators can change people and rights')
}

/** The success banner's sentence. */
export function doneMessage({
  done,
  person,
  unit,
  team,
  roleProfile,
  provider,
}: {
  done: AdminDone
  person: string
  unit?: string | null
  team?: string | null
  roleProfile?: string | null
  /** The single sign-on provider's name, for an unlinked account. */
  provider?: string | null
}): string {
  switch (done) {
    case 'override-set':
      return team && roleProfile
        ? `${person} is now in ${team} as ${roleProfile}. Staff imports will keep this.`
        : `${person}’s team and role profile are set. Staff imports will keep this.`
    case 'override-cleared':
      return `${person}’s team and role profile will come from the staff list again.`
    case 'manager-granted':
      return `Manager rights over ${unit ?? 'the unit'} given to ${person}`
    case 'manager-revoked':
      return `Manager rights over ${unit ?? 'the unit'} removed from ${person}`
    case 'admin-granted':
      return `Administrator rights given to ${person}`
    case 'admin-revoked':
      return `Administrator rights removed from ${person}`
    case 'suspended':
      return `${person} is suspended. They cannot sign in and have been signed out everywhere.`
    case 'restored':
      return team ? `${person} is restored to ${team} and can sign in again.` : `${person} can sign in again.`
    case 'identity-unlinked':
      return `${provider ?? 'The sign-in service'} is no longer linked to ${person}, and they are signed out of anything they signed in to with it.`
    case 'password-reset-sent':
      return `A link to reset their password is on its way to ${person}. The link works for ${RESET_LINK_LIFETIME_MINUTES} minutes. If the email cannot be delivered, it is listed under Background jobs.`
  }
}
