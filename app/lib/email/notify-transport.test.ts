import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, test } from 'vitest'
import { PermanentFailure, TemporaryFailure } from '#app/lib/jobs/delivery-errors.ts'
import { anEmail } from '#tests/emails.ts'
import { aClosedPort } from '#tests/ports.ts'
import { signToken, startFakeNotify, type FakeNotify } from '#tests/fake-notify.ts'
import { type NotifyMailSettings } from '#app/lib/env.server.ts'
import { createNotifyTransport } from './notify-transport.server.ts'
import { emailKinds, type EmailKind } from './outgoing-email.ts'
import { notifyPlaceholders } from './templates/email-content.ts'
import { passwordResetEmail } from './templates/password-reset.ts'

const serviceId = randomUUID()
const secret = randomUUID()
const apiKey = `digital_skills_test-${serviceId}-${secret}`
const templates = Object.fromEntries(emailKinds.map((kind) => [kind, randomUUID()])) as Record<EmailKind, string>

const fakes: FakeNotify[] = []
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close()
})

async function notify(settings: Partial<NotifyMailSettings> = {}) {
  const fake = await startFakeNotify({
    serviceId,
    secret,
    templates: Object.fromEntries(emailKinds.map((kind) => [templates[kind], notifyPlaceholders[kind]])),
  })
  fakes.push(fake)
  const transport = createNotifyTransport({
    transport: 'notify',
    apiKey,
    baseUrl: fake.baseUrl,
    templates,
    ...settings,
  })
  return { fake, transport }
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => new Error('expected the send to fail'),
    (error: unknown) => error as Error,
  )
  return outcome
}

describe('sending by GOV.UK Notify', () => {
  test('sends the kind’s template with its placeholders, the reference and the one-click unsubscribe address', async () => {
    const { fake, transport } = await notify()
    const email = anEmail()

    const { providerId } = await transport.send(email)

    expect(providerId).toMatch(/^[0-9a-f-]{36}$/)
    expect(fake.accepted).toEqual([
      {
        templateId: templates['due-soon'],
        emailAddress: 'priya.shah@example.nhs.uk',
        personalisation: {
          first_name: 'Priya',
          title: 'Spotting phishing emails',
          due_date: '30 November 2026',
          days_left: '7 days',
          link: 'https://skills.example.nhs.uk/modules/spotting-phishing',
        },
        reference: 'job-42.due-soon',
        oneClickUnsubscribeUrl: email.unsubscribeUrl,
      },
    ])
  })

  test('an email nobody can unsubscribe from is sent without an unsubscribe address', async () => {
    const { fake, transport } = await notify()
    const content = passwordResetEmail({
      firstName: 'Priya',
      resetUrl: 'https://skills.example.nhs.uk/reset-password/abc',
      expiresInMinutes: 60,
    })

    await transport.send({ ...content, kind: 'password-reset', to: 'priya.shah@example.nhs.uk', reference: 'reset-1' })

    expect(fake.accepted[0]).toMatchObject({
      templateId: templates['password-reset'],
      oneClickUnsubscribeUrl: undefined,
    })
    expect(fake.accepted[0]?.personalisation).toEqual({
      first_name: 'Priya',
      link: 'https://skills.example.nhs.uk/reset-password/abc',
      expires_in: '60 minutes',
    })
  })

  test('a request Notify refuses (400) is a permanent failure that names the problem', async () => {
    const { transport } = await notify()
    const { link: _left, ...incomplete } = anEmail().personalisation

    const failure = await failureOf(transport.send(anEmail({ personalisation: incomplete })))

    expect(failure).toBeInstanceOf(PermanentFailure)
    expect(failure.message).toBe('GOV.UK Notify answered 400: BadRequestError: Missing personalisation: link')
  })

  test('a wrong API key (403) is a permanent failure', async () => {
    const { transport } = await notify({ apiKey: `digital_skills_test-${serviceId}-${randomUUID()}` })

    const failure = await failureOf(transport.send(anEmail()))

    expect(failure).toBeInstanceOf(PermanentFailure)
    expect(failure.message).toMatch(/^GOV.UK Notify answered 403: AuthError: Invalid token/)
  })

  test('too many requests (429) and Notify’s own errors (500) are temporary', async () => {
    const { fake, transport } = await notify()
    fake.failNext(429)
    fake.failNext(500)

    const limited = await failureOf(transport.send(anEmail()))
    const broken = await failureOf(transport.send(anEmail()))

    expect(limited).toBeInstanceOf(TemporaryFailure)
    expect(limited.message).toMatch(/^GOV.UK Notify answered 429: RateLimitError/)
    expect(broken).toBeInstanceOf(TemporaryFailure)
    expect(broken.message).toMatch(/^GOV.UK Notify answered 500/)
    expect(await transport.send(anEmail())).toHaveProperty('providerId')
  })

  test('no answer at all is temporary', async () => {
    const port = await aClosedPort()
    const transport = createNotifyTransport({
      transport: 'notify',
      apiKey,
      baseUrl: `http://localhost:${port}`,
      templates,
    })

    const failure = await failureOf(transport.send(anEmail()))

    expect(failure).toBeInstanceOf(TemporaryFailure)
    expect(failure.message).toContain('ECONNREFUSED')
  })
})

// The fake is only worth its checks, so check them without the client's help.
describe('the fake Notify', () => {
  async function post(fake: FakeNotify, authorization?: string) {
    const response = await fetch(`${fake.baseUrl}/v2/notifications/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
      body: JSON.stringify({ template_id: templates.assigned, email_address: 'a@example.nhs.uk', personalisation: {} }),
    })
    return { status: response.status, body: (await response.json()) as unknown }
  }

  test('refuses a missing token, a token signed with another secret, another service’s or a stale one', async () => {
    const { fake } = await notify()
    const now = Math.round(Date.now() / 1000)

    expect((await post(fake)).status).toBe(401)
    expect((await post(fake, `Bearer ${signToken(serviceId, randomUUID())}`)).status).toBe(403)
    expect((await post(fake, `Bearer ${signToken(randomUUID(), secret)}`)).status).toBe(403)
    expect(await post(fake, `Bearer ${signToken(serviceId, secret, now - 45)}`)).toEqual({
      status: 403,
      body: {
        status_code: 403,
        errors: [{ error: 'AuthError', message: 'Invalid token: the clock must be accurate to within 30 seconds' }],
      },
    })
    expect(await post(fake, `Bearer ${signToken(serviceId, secret, now)}`)).toEqual({
      status: 400,
      body: {
        status_code: 400,
        errors: [{ error: 'BadRequestError', message: 'Missing personalisation: first_name, items, link' }],
      },
    })
  })
})
