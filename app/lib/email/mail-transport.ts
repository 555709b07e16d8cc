import { type OutgoingEmail } from './outgoing-email.ts'

/**
 * One way for email to leave. `send` resolves with the provider's id for the message, or throws TemporaryFailure
 * or PermanentFailure (app/lib/jobs/delivery-errors.ts) so the job queue knows whether to try again.
 */
export interface MailTransport {
  send(message: OutgoingEmail): Promise<{ providerId: string }>
  /** Lets go of pooled connections, so a process (or a test) can end. */
  close(): void
}
