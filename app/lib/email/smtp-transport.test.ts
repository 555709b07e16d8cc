import { afterEach, describe, expect, test } from 'vitest'
import { PermanentFailure, TemporaryFailure } from '#app/lib/jobs/delivery-errors.ts'
import { anEmail } from '#tests/emails.ts'
import { aClosedPort } from '#tests/ports.ts'
import { headerValue, startMailCatcher, type MailCatcher, type MailCatcherOptions } from '#tests/mail-catcher.ts'
import { type MailTransport } from './mail-transport.ts'
import { createSmtpTransport } from './smtp-transport.server.ts'

const from = 'Digital skills <no-reply@skills.example.nhs.uk>'
const opened: { catcher?: MailCatcher; transport?: MailTransport }[] = []

async function smtpTo(options?: MailCatcherOptions) {
  const catcher = await startMailCatcher(options)
  const transport = createSmtpTransport({ transport: 'smtp', url: catcher.url, from })
  opened.push({ catcher, transport })
  return { catcher, transport }
}

afterEach(async () => {
  for (const { catcher, transport } of opened.splice(0)) {
    transport?.close()
    await catcher?.close()
  }
})

describe('sending by SMTP', () => {
  test('delivers a whole message: subject, both parts with the link, one-click unsubscribe headers', async () => {
    const { catcher, transport } = await smtpTo()
    const email = anEmail()

    const { providerId } = await transport.send(email)

    const [mail] = await catcher.waitForMessages(1)
    expect(mail?.subject).toBe('Due in 7 days: Spotting phishing emails')
    expect(mail?.from?.text).toBe('"Digital skills" <no-reply@skills.example.nhs.uk>')
    expect(mail?.to && 'text' in mail.to ? mail.to.text : undefined).toBe('priya.shah@example.nhs.uk')
    expect(mail?.text).toContain('Hello Priya,')
    expect(mail?.text).toContain('https://skills.example.nhs.uk/modules/spotting-phishing')
    expect(mail?.html).toContain('<a href="https://skills.example.nhs.uk/modules/spotting-phishing"')
    expect(mail && headerValue(mail, 'List-Unsubscribe')).toBe(`<${email.unsubscribeUrl}>`)
    expect(mail && headerValue(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
    expect(mail && headerValue(mail, 'Auto-Submitted')).toBe('auto-generated')
    expect(mail?.messageId).toBe('<job-42.due-soon@skills.example.nhs.uk>')
    expect(providerId).toBe('<job-42.due-soon@skills.example.nhs.uk>')
  })

  test('a retry of the same job carries the same Message-ID; an email nobody can unsubscribe from has no such headers', async () => {
    const { catcher, transport } = await smtpTo()
    await transport.send(anEmail({ reference: 'password-reset:7/1', unsubscribeUrl: undefined }))
    await transport.send(anEmail({ reference: 'password-reset:7/1', unsubscribeUrl: undefined }))

    const [first, second] = await catcher.waitForMessages(2)
    expect(first?.messageId).toMatch(/^<[0-9a-f]{40}@skills\.example\.nhs\.uk>$/)
    expect(second?.messageId).toBe(first?.messageId)
    expect(first && headerValue(first, 'List-Unsubscribe')).toBeUndefined()
  })

  test('a 4xx answer is temporary, a 5xx permanent; neither failure repeats the address', async () => {
    const { catcher, transport } = await smtpTo({
      rejectWith: (recipient) =>
        recipient.startsWith('busy')
          ? { code: 451, message: `4.7.1 <${recipient}> greylisted, try again later` }
          : recipient.startsWith('gone')
            ? { code: 550, message: `5.1.1 <${recipient}> no such mailbox` }
            : null,
    })

    const busy = await transport.send(anEmail({ to: 'busy.ward@example.nhs.uk' })).catch((error: unknown) => error)
    expect(busy).toBeInstanceOf(TemporaryFailure)
    expect((busy as Error).message).toMatch(/^The mail server answered 451 to RCPT TO: /)
    expect((busy as Error).message).not.toContain('busy.ward')

    const gone = await transport.send(anEmail({ to: 'gone.leaver@example.nhs.uk' })).catch((error: unknown) => error)
    expect(gone).toBeInstanceOf(PermanentFailure)
    expect((gone as Error).message).toMatch(/^The mail server answered 550 to RCPT TO: /)
    expect((gone as Error).message).not.toContain('gone.leaver')
    expect(catcher.messages).toHaveLength(0)
  })

  test('a server that is not there is a temporary failure', async () => {
    const port = await aClosedPort()
    const transport = createSmtpTransport({ transport: 'smtp', url: `smtp://localhost:${port}`, from })
    opened.push({ transport })

    const failure = await transport.send(anEmail()).catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(TemporaryFailure)
    expect((failure as Error).message).toContain('ECONNREFUSED')
  })

  test('pooled connections carry many messages at once', async () => {
    const { catcher, transport } = await smtpTo()
    const count = 200

    await Promise.all(Array.from({ length: count }, (_, i) => transport.send(anEmail({ reference: `bulk-${i}` }))))

    expect(await catcher.waitForMessages(count)).toHaveLength(count)
  })
})
