import { type EmailKind, type OutgoingEmail } from '#app/lib/email/outgoing-email.ts'

/**
 * The placeholders each kind's GOV.UK Notify template uses (documented in the README's Email section). Notify
 * refuses a message that lacks any placeholder its template has, so every builder fills all of its kind's.
 * A value that is a list of strings shows as a bulleted list in Notify.
 */
export const notifyPlaceholders = {
  'password-reset': ['first_name', 'link', 'expires_in'],
  assigned: ['first_name', 'items', 'link'],
  'due-soon': ['first_name', 'title', 'due_date', 'days_left', 'link'],
  'due-today': ['first_name', 'title', 'due_date', 'link'],
  overdue: ['first_name', 'title', 'due_date', 'link'],
  'evidence-lapsing': ['first_name', 'summary', 'items'],
  'manager-digest': ['first_name', 'teams'],
} as const satisfies Record<EmailKind, readonly string[]>

/** Exactly the placeholders of one kind's template, so a builder cannot forget one or invent another. */
export type Personalisation<K extends EmailKind> = Record<(typeof notifyPlaceholders)[K][number], string | string[]>

/** What a builder returns: everything in an OutgoingEmail but who it goes to and which job it belongs to. */
export type EmailContent<K extends EmailKind> = Pick<OutgoingEmail, 'subject' | 'text' | 'html'> & {
  personalisation: Personalisation<K>
}

/**
 * Reminders and digests can be turned off, so their footer links to the unsubscribe page. Pass the same address
 * as the OutgoingEmail's `unsubscribeUrl`, which also becomes the List-Unsubscribe header.
 */
export type Unsubscribable = { unsubscribeUrl?: string }
