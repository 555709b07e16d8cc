import { describe, expect, test } from 'vitest'
import { emailKinds } from './email/outgoing-email.ts'
import { notifyTemplateVariables, parseEnv } from './env.server.ts'

describe('environment', () => {
  test('defaults to an embedded SQLite database on port 3000', () => {
    const env = parseEnv({})
    expect(env.DATABASE_URL).toBe('file:./data/app.db')
    expect(env.PORT).toBe(3000)
  })

  test('refuses a DATABASE_URL it cannot use, naming the variable', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://db/app' })).toThrow(
      'DATABASE_URL must start with file:, postgres://, postgresql:// or pglite:',
    )
  })

  test('refuses to run in production without a session secret', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow('SESSION_SECRET is required in production')
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(
      'SESSION_SECRET must be at least 32 characters',
    )
    expect(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), MAIL_TRANSPORT: 'file' }).NODE_ENV).toBe(
      'production',
    )
  })

  test('in production, refuses to start without a choice of how email leaves', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) })).toThrow(
      /^MAIL_TRANSPORT is required in production/,
    )
  })

  test('refuses a PORT that is not a port', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/^PORT /)
  })

  test('runs a job worker in each instance unless told not to', () => {
    expect(parseEnv({}).JOBS_WORKER).toBe('on')
    expect(parseEnv({ JOBS_WORKER: 'off' }).JOBS_WORKER).toBe('off')
    expect(() => parseEnv({ JOBS_WORKER: 'no' })).toThrow('JOBS_WORKER must be on or off')
  })

  test('the "Get help" page has something to say without settings, and takes a contact text and email address', () => {
    expect(parseEnv({}).HELP_CONTACT_TEXT).toMatch(/IT service desk/)
    expect(parseEnv({}).HELP_CONTACT_EMAIL).toBeUndefined()
    const configured = parseEnv({
      HELP_CONTACT_TEXT: 'Call the Digital skills team on 01234 567890.',
      HELP_CONTACT_EMAIL: 'digital.skills@example.nhs.uk',
    })
    expect(configured.HELP_CONTACT_TEXT).toBe('Call the Digital skills team on 01234 567890.')
    expect(configured.HELP_CONTACT_EMAIL).toBe('digital.skills@example.nhs.uk')
    expect(() => parseEnv({ HELP_CONTACT_EMAIL: 'the service desk' })).toThrow(/^HELP_CONTACT_EMAIL must be an email/)
  })

  describe('mail', () => {
    const serviceId = '26785a09-ab16-4eb0-8407-a37497a57506'
    const secret = '3d844edf-8d35-48ac-975b-e847b4f122b0'
    const templates = {
      NOTIFY_TEMPLATE_PASSWORD_RESET: '0f3cbb0c-8d4e-4c8b-9c5e-1a2b3c4d5e01',
      NOTIFY_TEMPLATE_ASSIGNED: '0f3cbb0c-8d4e-4c8b-9c5e-1a2b3c4d5e02',
      NOTIFY_TEMPLATE_DUE_SOON: '0f3cbb0c-8d4e-4c8b-9c5e-1a2b3c4d5e03',
      NOTIFY_TEMPLATE_DUE_TODAY: '0f3cbb0c-8d4e-4c8b-9c5e-1a2b3c4d5e04',
      NOTIFY_TEMPLATE_OVERDUE: '0f3cbb0c-8d4e-4c8b-9c5e-1a2b3c4d5e05',
      NOTIFY_TEMPLATE_EVIDENCE_LAPSING: '0f3cbb0c-8d4e-4c8b-9c5e-1a2b3c4d5e06',
      NOTIFY_TEMPLATE_MANAGER_DIGEST: '0f3cbb0c-8d4e-4c8b-9c5e-1a2b3c4d5e07',
    }
    const notify = { MAIL_TRANSPORT: 'notify', NOTIFY_API_KEY: `skills_live-${serviceId}-${secret}`, ...templates }

    test('with nothing configured, email is written to files in data/mail and never sent', () => {
      expect(parseEnv({}).mail).toEqual({
        transport: 'file',
        dir: 'data/mail',
        from: 'Digital skills <no-reply@localhost>',
      })
      expect(parseEnv({ MAIL_DIR: '/tmp/outbox' }).mail).toMatchObject({ transport: 'file', dir: '/tmp/outbox' })
    })

    test('refuses a transport it does not have', () => {
      expect(() => parseEnv({ MAIL_TRANSPORT: 'sendmail' })).toThrow('MAIL_TRANSPORT must be file, smtp or notify')
    })

    test('SMTP needs a server URL and a sender, and names whichever is missing', () => {
      expect(() => parseEnv({ MAIL_TRANSPORT: 'smtp', MAIL_FROM: 'no-reply@example.nhs.uk' })).toThrow(
        'SMTP_URL is required when MAIL_TRANSPORT=smtp',
      )
      expect(() => parseEnv({ MAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://localhost:2525' })).toThrow(
        'MAIL_FROM is required when MAIL_TRANSPORT=smtp',
      )
      const env = parseEnv({
        MAIL_TRANSPORT: 'smtp',
        SMTP_URL: 'smtps://user:pass@mail.example.nhs.uk:465',
        MAIL_FROM: 'Digital skills <no-reply@skills.example.nhs.uk>',
      })
      expect(env.mail).toEqual({
        transport: 'smtp',
        url: 'smtps://user:pass@mail.example.nhs.uk:465',
        from: 'Digital skills <no-reply@skills.example.nhs.uk>',
      })
    })

    test('refuses an SMTP_URL of another scheme without repeating it (it may hold a password)', () => {
      const attempt = () =>
        parseEnv({ MAIL_TRANSPORT: 'smtp', SMTP_URL: 'https://user:hunter2@mail', MAIL_FROM: 'a@example.nhs.uk' })
      expect(attempt).toThrow(/^SMTP_URL must start with smtp:\/\/ or smtps:\/\//)
      expect(attempt).not.toThrow(/hunter2/)
    })

    test('refuses a MAIL_FROM that is not an address', () => {
      expect(() => parseEnv({ MAIL_FROM: 'Digital skills' })).toThrow(/^MAIL_FROM must be an address/)
    })

    test('Notify needs the API key and a template for every kind of email, each named when missing', () => {
      expect(parseEnv(notify).mail).toEqual({
        transport: 'notify',
        apiKey: `skills_live-${serviceId}-${secret}`,
        baseUrl: 'https://api.notifications.service.gov.uk',
        templates: {
          'password-reset': templates.NOTIFY_TEMPLATE_PASSWORD_RESET,
          assigned: templates.NOTIFY_TEMPLATE_ASSIGNED,
          'due-soon': templates.NOTIFY_TEMPLATE_DUE_SOON,
          'due-today': templates.NOTIFY_TEMPLATE_DUE_TODAY,
          overdue: templates.NOTIFY_TEMPLATE_OVERDUE,
          'evidence-lapsing': templates.NOTIFY_TEMPLATE_EVIDENCE_LAPSING,
          'manager-digest': templates.NOTIFY_TEMPLATE_MANAGER_DIGEST,
        },
      })
      expect(() => parseEnv({ ...notify, NOTIFY_API_KEY: undefined })).toThrow(
        'NOTIFY_API_KEY is required when MAIL_TRANSPORT=notify',
      )
      expect(() => parseEnv({ ...notify, NOTIFY_TEMPLATE_OVERDUE: undefined })).toThrow(
        'NOTIFY_TEMPLATE_OVERDUE is required when MAIL_TRANSPORT=notify',
      )
      expect(() => parseEnv({ ...notify, NOTIFY_TEMPLATE_DUE_SOON: 'due-soon' })).toThrow(
        'NOTIFY_TEMPLATE_DUE_SOON must be a Notify template id (a UUID)',
      )
    })

    test('there is a template variable for every kind of email, and no other', () => {
      expect(Object.keys(notifyTemplateVariables).sort()).toEqual([...emailKinds].sort())
    })

    test('refuses a Notify key that is only part of one, without repeating it', () => {
      const attempt = () => parseEnv({ ...notify, NOTIFY_API_KEY: secret })
      expect(attempt).toThrow(/^NOTIFY_API_KEY must be a whole Notify API key/)
      expect(attempt).not.toThrow(secret)
    })

    test('NOTIFY_BASE_URL points the client elsewhere (tests use a local server)', () => {
      expect(parseEnv({ ...notify, NOTIFY_BASE_URL: 'http://localhost:4010/' }).mail).toMatchObject({
        baseUrl: 'http://localhost:4010',
      })
      expect(() => parseEnv({ ...notify, NOTIFY_BASE_URL: 'localhost' })).toThrow(/^NOTIFY_BASE_URL must be/)
    })
  })
})
