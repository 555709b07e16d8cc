import { EventEmitter } from 'node:events'
import { type AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

// A real SMTP server in the test process, so mail tests go through nodemailer, the wire and a MIME parser
// rather than a mock. Plain SMTP on localhost: no STARTTLS to negotiate, any login accepted.

export type Rejection = { code: number; message: string }

export interface MailCatcherOptions {
  /** A fixed port (the browser tests' mail server); by default any free one. */
  port?: number
  /** Answer RCPT TO for some addresses with an error, e.g. `{ code: 451, message: 'Try again later' }`. */
  rejectWith?: (recipient: string) => Rejection | null
}

export interface MailCatcher {
  port: number
  /** smtp://localhost:<port>, for SMTP_URL. */
  url: string
  /** Every message accepted so far, in the order they arrived. */
  messages: ParsedMail[]
  /** Resolves with the messages once at least `count` have arrived; rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ParsedMail[]>
  clear(): void
  close(): Promise<void>
}

export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const messages: ParsedMail[] = []
  const arrivals = new EventEmitter()

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    // An SMTP_URL with user:password in it logs in; over plain localhost that must still be accepted.
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anyone' }),
    logger: false,
    // Pooled clients keep their connections open; a test's close() should not wait the default 30 s for them.
    closeTimeout: 200,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const rejection = options.rejectWith?.(address.address)
      if (!rejection) return callback()
      callback(Object.assign(new Error(rejection.message), { responseCode: rejection.code }))
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail)
          arrivals.emit('message')
          callback()
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))))
    },
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.server.address() as AddressInfo).port

  return {
    port,
    url: `smtp://localhost:${port}`,
    messages,
    waitForMessages(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return
          clearTimeout(timer)
          arrivals.off('message', check)
          resolve(messages.slice())
        }
        const timer = setTimeout(() => {
          arrivals.off('message', check)
          reject(new Error(`expected ${count} email(s) within ${timeoutMs} ms, got ${messages.length}`))
        }, timeoutMs)
        arrivals.on('message', check)
        check()
      })
    },
    clear() {
      messages.length = 0
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

/** One header as it was written (unfolded), e.g. headerValue(mail, 'List-Unsubscribe-Post'). */
export function headerValue(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((header) => header.key === name.toLowerCase())
  return line?.line
    .slice(line.line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim()
}

/** Every header of a message by lower-case name, as written (a repeated header gives its first value). */
export function headersOf(mail: ParsedMail): Record<string, string> {
  return Object.fromEntries(mail.headerLines.map((header) => [header.key, headerValue(mail, header.key) ?? '']))
}

/** The addresses a message's To and Cc headers name, in lower case. */
export function recipientsOf(mail: ParsedMail): string[] {
  const fields = [mail.to, mail.cc].flat().filter((field) => field !== undefined)
  return fields.flatMap((field) => field.value.map((entry) => entry.address?.toLowerCase() ?? ''))
}
