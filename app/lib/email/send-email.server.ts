import { env, type MailSettings } from '#app/lib/env.server.ts'
import { createFileTransport } from './file-transport.server.ts'
import { type MailTransport } from './mail-transport.ts'
import { createNotifyTransport } from './notify-transport.server.ts'
import { type OutgoingEmail } from './outgoing-email.ts'
import { createSmtpTransport } from './smtp-transport.server.ts'

/** The transport MAIL_TRANSPORT chose: written to files (the default), SMTP, or GOV.UK Notify. */
export function createMailTransport(settings: MailSettings): MailTransport {
  switch (settings.transport) {
    case 'file':
      return createFileTransport(settings)
    case 'smtp':
      return createSmtpTransport(settings)
    case 'notify':
      return createNotifyTransport(settings)
  }
}

// One per process, made on first use, so SMTP's pooled connections are shared by every message the worker sends.
let transport: MailTransport | undefined
let settings: MailSettings = env.mail

/** Sends by these settings from now on instead of the environment's (tests and benchmarks: a local SMTP server). */
export function useMailSettings(replacement: MailSettings): void {
  closeMailTransport()
  settings = replacement
}

/**
 * Sends one email by the configured transport and resolves with the provider's id for it. Throws
 * TemporaryFailure (try again later) or PermanentFailure (trying again cannot help) from
 * app/lib/jobs/delivery-errors.ts; neither message contains the recipient's address.
 */
export function sendEmail(message: OutgoingEmail): Promise<{ providerId: string }> {
  transport ??= createMailTransport(settings)
  return transport.send(message)
}

/** Closes pooled connections when the process shuts down. */
export function closeMailTransport(): void {
  transport?.close()
  transport = undefined
}
