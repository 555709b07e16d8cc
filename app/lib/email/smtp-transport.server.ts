import nodemailer from 'nodemailer'
import { type SmtpMailSettings } from '#app/lib/env.server.ts'
import { type MailTransport } from './mail-transport.ts'
import { mimeMessage } from './mime-message.ts'
import { classifySmtpError } from './smtp-failure.ts'

/**
 * Sends through an SMTP server (NHSmail's relay, a local catcher in tests). Connections are pooled and reused,
 * so one worker can hand over hundreds of messages a second instead of paying a TCP and TLS handshake each.
 */
export function createSmtpTransport(settings: SmtpMailSettings): MailTransport {
  const transporter = nodemailer.createTransport({
    url: settings.url,
    pool: true,
    maxConnections: 5,
    // Fail within a job's lease rather than hold it for nodemailer's minutes-long defaults.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  })

  return {
    async send(message) {
      try {
        const info = await transporter.sendMail(mimeMessage(message, settings.from))
        return { providerId: info.messageId }
      } catch (error) {
        throw classifySmtpError(error)
      }
    },
    close() {
      transporter.close()
    },
  }
}
