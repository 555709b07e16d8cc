import { z } from 'zod'

/**
 * Every kind of email the platform sends. A person can turn off the reminder kinds (unless an administrator
 * has made one mandatory); a password reset is always sent. Each kind has its own GOV.UK Notify template.
 */
export const emailKinds = [
  'password-reset',
  'assigned',
  'due-soon',
  'due-today',
  'overdue',
  'evidence-lapsing',
  'manager-digest',
] as const
export const emailKindSchema = z.enum(emailKinds)
export type EmailKind = z.infer<typeof emailKindSchema>

/**
 * One message, ready for any transport. SMTP and the development transport send `subject`, `text` and `html`;
 * Notify sends `personalisation` to the kind's template (its placeholders are documented in the README).
 * Content carries no personal data beyond the recipient's first name and the learning named.
 */
export interface OutgoingEmail {
  kind: EmailKind
  to: string
  subject: string
  text: string
  html: string
  personalisation: Record<string, string | string[]>
  /** The one-click unsubscribe address for this kind (List-Unsubscribe and List-Unsubscribe-Post). */
  unsubscribeUrl?: string
  /** Ties retries of one job to one message (Notify's reference; SMTP's Message-ID). */
  reference: string
}
