import { e2ePorts } from './mail-ports.ts'

// What the app emailed during the browser tests, read from the mail catcher that playwright.config.ts starts.
// Journeys run in parallel against one catcher, so each reads (and clears) only its own recipient's mail.

/** One email as the catcher serves it. */
/** The mail catcher refuses mail to this domain with 550, as a mail server refuses an address that does not exist. */
export const BOUNCING_DOMAIN = '@bounces.example.test'

export interface ReceivedEmail {
  /** The To and Cc addresses, lower case, comma-separated. */
  to: string
  subject: string
  text: string
  html: string
  /** When the app says it sent it (ISO 8601). */
  date: string | null
  /** Every header as written, by lower-case name, e.g. headers['list-unsubscribe']. */
  headers: Record<string, string>
}

const messagesUrl = (to?: string) =>
  `http://localhost:${e2ePorts.mailApi}/messages${to ? `?to=${encodeURIComponent(to)}` : ''}`

/** Every email sent to this address so far, oldest first. */
export async function readEmails(to: string): Promise<ReceivedEmail[]> {
  const response = await fetch(messagesUrl(to))
  if (!response.ok) throw new Error(`The mail catcher answered ${response.status}`)
  return (await response.json()) as ReceivedEmail[]
}

/** The newest email to this address (with this subject, if given), waiting up to `timeoutMs` for it to arrive. */
export async function waitForEmail(
  to: string,
  { subject, timeoutMs = 10_000 }: { subject?: string | RegExp; timeoutMs?: number } = {},
): Promise<ReceivedEmail> {
  const matches = (email: ReceivedEmail) =>
    subject === undefined || (typeof subject === 'string' ? email.subject === subject : subject.test(email.subject))
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = (await readEmails(to)).filter(matches).at(-1)
    if (found) return found
    if (Date.now() > deadline) {
      throw new Error(`No email to ${to}${subject ? ` with subject ${String(subject)}` : ''} within ${timeoutMs} ms`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** Forgets the emails to this address, so a journey can wait for the next one. */
export async function clearEmails(to: string): Promise<void> {
  await fetch(messagesUrl(to), { method: 'DELETE' })
}

/** The first web address in an email's text that contains `part`, e.g. linkIn(email, '/reset-password/'). */
export function linkIn(email: ReceivedEmail, part: string): string {
  const link = email.text.match(/https?:\/\/\S+/g)?.find((url) => url.includes(part))
  if (!link) throw new Error(`No link containing ${part} in the email "${email.subject}"`)
  return link
}
