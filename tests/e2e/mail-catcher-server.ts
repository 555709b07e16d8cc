import { createServer, type ServerResponse } from 'node:http'
import { type ParsedMail } from 'mailparser'
import { headersOf, recipientsOf, startMailCatcher } from '#tests/mail-catcher.ts'
import { BOUNCING_DOMAIN, type ReceivedEmail } from './mailbox.ts'

// Run by playwright.config.ts beside the app: the app sends its email here by SMTP, and journeys read what
// arrived over HTTP (tests/e2e/mailbox.ts):
//   GET    /messages?to=<address>   the messages to that address (all, without ?to), oldest first, as JSON
//   DELETE /messages?to=<address>   forgets them (all, without ?to)
// Mail to anyone at BOUNCING_DOMAIN is refused with 550, as a mail server refuses an address that does not exist.

const smtpPort = Number(process.env.E2E_SMTP_PORT)
const apiPort = Number(process.env.E2E_MAIL_API_PORT)
if (!smtpPort || !apiPort) throw new Error('E2E_SMTP_PORT and E2E_MAIL_API_PORT must both be set to port numbers')

const catcher = await startMailCatcher({
  port: smtpPort,
  rejectWith: (recipient) =>
    recipient.toLowerCase().endsWith(BOUNCING_DOMAIN) ? { code: 550, message: 'No such mailbox here' } : null,
})

const api = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost')
  if (url.pathname !== '/messages') return send(response, 404, { error: 'Try GET or DELETE /messages?to=<address>' })
  const to = url.searchParams.get('to')?.toLowerCase()
  const isFor = (mail: ParsedMail) => !to || recipientsOf(mail).includes(to)
  if (request.method === 'GET') return send(response, 200, catcher.messages.filter(isFor).map(asJson))
  if (request.method === 'DELETE') {
    const kept = catcher.messages.filter((mail) => !isFor(mail))
    catcher.messages.splice(0, catcher.messages.length, ...kept)
    return send(response, 204)
  }
  send(response, 405, { error: 'Only GET and DELETE' })
})
await new Promise<void>((resolve) => api.listen(apiPort, '127.0.0.1', resolve))
console.log(`Mail catcher: SMTP on port ${smtpPort}, messages at http://localhost:${apiPort}/messages`)

function asJson(mail: ParsedMail): ReceivedEmail {
  return {
    to: recipientsOf(mail).join(', '),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: mail.html || '',
    date: mail.date?.toISOString() ?? null,
    headers: headersOf(mail),
  }
}

function send(response: ServerResponse, status: number, body?: unknown) {
  response.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json' })
  response.end(body === undefined ? undefined : JSON.stringify(body))
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    api.close()
    void catcher.close().then(() => process.exit(0))
  })
}
