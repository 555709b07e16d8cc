import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import nodemailer from 'nodemailer'
import { type FileMailSettings } from '#app/lib/env.server.ts'
import { type MailTransport } from './mail-transport.ts'
import { mimeMessage } from './mime-message.ts'

/**
 * Development and demos: each message becomes a complete .eml file (open it in any mail app) instead of being
 * sent, so `npm start` never emails anyone. The log line names the file and subject only, never the recipient.
 */
export function createFileTransport(
  settings: FileMailSettings,
  log: (line: string) => void = (line) => console.log(line),
): MailTransport {
  // nodemailer builds the whole MIME message (headers, text and HTML parts) into a buffer and sends nowhere.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })

  return {
    async send(message) {
      const composed = mimeMessage(message, settings.from)
      const info = await composer.sendMail(composed)
      await mkdir(settings.dir, { recursive: true })
      const file = path.join(settings.dir, fileName(message.kind, new Date()))
      await writeFile(file, info.message)
      log(`Email "${message.subject}" written to ${path.relative(process.cwd(), file) || file}`)
      return { providerId: file }
    },
    close() {},
  }
}

// 2026-11-30T14-05-09-123Z-due-soon-3f9a1c.eml: sorts by time, says the kind, and never collides with a
// message written in the same millisecond. No colons, which some file systems refuse.
function fileName(kind: string, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-')
  return `${stamp}-${kind}-${randomBytes(3).toString('hex')}.eml`
}
