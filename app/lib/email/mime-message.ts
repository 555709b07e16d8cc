import { createHash } from 'node:crypto'
import type Mail from 'nodemailer/lib/mailer'
import { type OutgoingEmail } from './outgoing-email.ts'

/** The nodemailer message for an OutgoingEmail: what the SMTP and file transports both write. */
export function mimeMessage(message: OutgoingEmail, from: string): Mail.Options {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: messageIdFor(message.reference, from),
    headers: {
      // Tells mail servers and out-of-office rules this is automatic, so nobody's auto-reply answers it.
      'Auto-Submitted': 'auto-generated',
      ...(message.unsubscribeUrl ? unsubscribeHeaders(message.unsubscribeUrl) : {}),
    },
  }
}

// RFC 8058 one-click unsubscribe: mail apps show an Unsubscribe button that POSTs to the URL.
function unsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
}

const messageIdSafe = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/

/**
 * A Message-ID made from the job's reference, so a retry of one job carries the same id and mail systems (and
 * people reading headers) can tell it is the same message. A reference that cannot stand in an id is hashed.
 */
export function messageIdFor(reference: string, from: string): string {
  const domain = /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'localhost'
  const left = messageIdSafe.test(reference)
    ? reference
    : createHash('sha256').update(reference).digest('hex').slice(0, 40)
  return `<${left}@${domain}>`
}
