import { z } from 'zod'
import { parseSsoProviders, type SsoProviderSettings } from './sso-settings.ts'

const databaseUrl = z
  .string()
  .trim()
  .refine((url) => /^(file:|postgres:\/\/|postgresql:\/\/|pglite:)/.test(url), {
    message: 'must start with file:, postgres://, postgresql:// or pglite:',
  })

const NOTIFY_PRODUCTION_URL = 'https://api.notifications.service.gov.uk'
// Development only: the file transport never sends, so the address only has to look like one.
const DEVELOPMENT_FROM = 'Digital skills <no-reply@localhost>'

const DEFAULT_HELP_CONTACT_TEXT =
  'For help with signing in, your account or this service, contact your organisation’s IT service desk. For help with what to learn, speak to your line manager.'

const uuidPattern = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const templateId = z
  .string()
  .trim()
  .regex(new RegExp(`^${uuidPattern}$`, 'i'), { message: 'must be a Notify template id (a UUID)' })
  .optional()

/**
 * Which variable holds the Notify template of each kind of email. The kinds are those of
 * app/lib/email/outgoing-email.ts, written out because the email domain imports this file, not the reverse.
 */
export const notifyTemplateVariables = {
  'password-reset': 'NOTIFY_TEMPLATE_PASSWORD_RESET',
  assigned: 'NOTIFY_TEMPLATE_ASSIGNED',
  'due-soon': 'NOTIFY_TEMPLATE_DUE_SOON',
  'due-today': 'NOTIFY_TEMPLATE_DUE_TODAY',
  overdue: 'NOTIFY_TEMPLATE_OVERDUE',
  'evidence-lapsing': 'NOTIFY_TEMPLATE_EVIDENCE_LAPSING',
  'manager-digest': 'NOTIFY_TEMPLATE_MANAGER_DIGEST',
} as const

// How email leaves: MAIL_TRANSPORT and the settings of each transport, checked only when that transport is
// chosen, so a development machine needs none of them. Messages never repeat the value: SMTP_URL and
// NOTIFY_API_KEY hold secrets.
const mailEnvironment = {
  MAIL_TRANSPORT: z.enum(['file', 'smtp', 'notify'], { message: 'must be file, smtp or notify' }).default('file'),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^(?:[^<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, {
      message: 'must be an address, or a name and an address like Digital skills <no-reply@example.nhs.uk>',
    })
    .optional(),
  MAIL_DIR: z.string().trim().min(1, 'must name a folder').default('data/mail'),
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/[^/?#]+/, {
      message: 'must start with smtp:// or smtps://, like smtp://mail.example.nhs.uk:587',
    })
    .optional(),
  NOTIFY_API_KEY: z
    .string()
    .trim()
    .regex(new RegExp(`^\\S+-${uuidPattern}-${uuidPattern}$`, 'i'), {
      message: 'must be a whole Notify API key: its name, then the service id, then the secret',
    })
    .optional(),
  NOTIFY_BASE_URL: z
    .url({ message: 'must be an absolute URL like https://api.notifications.service.gov.uk' })
    .default(NOTIFY_PRODUCTION_URL)
    .transform((url) => url.replace(/\/+$/, '')),
  NOTIFY_TEMPLATE_PASSWORD_RESET: templateId,
  NOTIFY_TEMPLATE_ASSIGNED: templateId,
  NOTIFY_TEMPLATE_DUE_SOON: templateId,
  NOTIFY_TEMPLATE_DUE_TODAY: templateId,
  NOTIFY_TEMPLATE_OVERDUE: templateId,
  NOTIFY_TEMPLATE_EVIDENCE_LAPSING: templateId,
  NOTIFY_TEMPLATE_MANAGER_DIGEST: templateId,
}

type MailEnvironment = z.output<z.ZodObject<typeof mailEnvironment>>
type NotifyTemplateKind = keyof typeof notifyTemplateVariables

export type FileMailSettings = { transport: 'file'; from: string; dir: string }
export type SmtpMailSettings = { transport: 'smtp'; from: string; url: string }
export type NotifyMailSettings = {
  transport: 'notify'
  apiKey: string
  baseUrl: string
  templates: Record<NotifyTemplateKind, string>
}
export type MailSettings = FileMailSettings | SmtpMailSettings | NotifyMailSettings

/** The settings of the chosen transport, or the names of the variables that transport needs and lacks. */
function mailSettings(
  env: MailEnvironment,
): { settings: MailSettings; missing?: never } | { settings?: never; missing: string[] } {
  switch (env.MAIL_TRANSPORT) {
    case 'file':
      return { settings: { transport: 'file', from: env.MAIL_FROM ?? DEVELOPMENT_FROM, dir: env.MAIL_DIR } }
    case 'smtp': {
      const { SMTP_URL: url, MAIL_FROM: from } = env
      if (!url || !from) return { missing: [...(url ? [] : ['SMTP_URL']), ...(from ? [] : ['MAIL_FROM'])] }
      return { settings: { transport: 'smtp', from, url } }
    }
    case 'notify': {
      const apiKey = env.NOTIFY_API_KEY
      const entries = Object.entries(notifyTemplateVariables).map(([kind, name]) => [kind, env[name], name] as const)
      const missing = [
        ...(apiKey ? [] : ['NOTIFY_API_KEY']),
        ...entries.filter(([, id]) => !id).map(([, , name]) => name),
      ]
      if (!apiKey || missing.length > 0) return { missing }
      const templates = Object.fromEntries(entries.map(([kind, id]) => [kind, id])) as Record<
        NotifyTemplateKind,
        string
      >
      return { settings: { transport: 'notify', apiKey, baseUrl: env.NOTIFY_BASE_URL, templates } }
    }
  }
}

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: databaseUrl.default('file:./data/app.db'),
    // Keys the HMAC that keeps raw IP addresses out of the rate-limit table; later, anything the app signs.
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    // Where the app is reached. Learners' xAPI accounts and the app's activity IRIs are built from it.
    PUBLIC_URL: z.url({ message: 'must be an absolute URL like https://skills.example.nhs.uk' }).optional(),
    XAPI_ACTIVITY_BASE: z.url({ message: 'must be an absolute URL ending in /' }).optional(),
    // Each app instance runs a job worker (emails, reminders) unless this is off, e.g. when `npm run worker`
    // runs them in processes of their own.
    JOBS_WORKER: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
    // What the "Get help" page tells people: who to contact, and (when set) an email address for it.
    HELP_CONTACT_TEXT: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(500, 'must be 500 characters or fewer')
      .default(DEFAULT_HELP_CONTACT_TEXT),
    HELP_CONTACT_EMAIL: z.email({ message: 'must be an email address like digital.skills@example.nhs.uk' }).optional(),
    TRUST_PROXY: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    // Tests only: lets a request say what time it is (a cookie), to see sessions and tokens expire. Never in production.
    TEST_CLOCK: z.enum(['on', 'off'], { message: 'must be on or off' }).default('off'),
    ...mailEnvironment,
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' })
    }
    if (env.NODE_ENV === 'production' && env.TEST_CLOCK === 'on') {
      ctx.addIssue({ code: 'custom', path: ['TEST_CLOCK'], message: 'must be off in production' })
    }
  })
  .transform((env, ctx) => {
    const { settings, missing } = mailSettings(env)
    for (const name of missing ?? []) {
      ctx.issues.push({
        code: 'custom',
        path: [name],
        message: `is required when MAIL_TRANSPORT=${env.MAIL_TRANSPORT}`,
        input: undefined,
      })
    }
    return settings ? { ...env, mail: settings } : z.NEVER
  })

export type Env = z.infer<typeof envSchema> & { ssoProviders: SsoProviderSettings[] }

const DEVELOPMENT_SECRET = 'development-only-secret-do-not-use-in-production'

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source)
  if (!result.success) {
    const issue = result.error.issues[0]
    const field = issue?.path.join('.') || 'environment'
    throw new InvalidEnvironmentError(`${field} ${issue?.message ?? 'is invalid'}`)
  }
  // Only development may fall back to writing email to files: in production that would be silence nobody notices.
  if (result.data.NODE_ENV === 'production' && !source.MAIL_TRANSPORT)
    throw new InvalidEnvironmentError(
      'MAIL_TRANSPORT is required in production: smtp or notify to send email, or file to only write it to MAIL_DIR',
    )
  // Single sign-on providers are named by SSO_PROVIDERS, so their variables cannot be listed in the schema above.
  const sso = parseSsoProviders(source, { production: result.data.NODE_ENV === 'production' })
  if (sso.problem) throw new InvalidEnvironmentError(`${sso.problem.variable} ${sso.problem.message}`)
  return { ...result.data, ssoProviders: sso.providers }
}

export class InvalidEnvironmentError extends Error {
  override name = 'InvalidEnvironmentError'
}

export const env = parseEnv(process.env)

export const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')
export const xapiActivityBase = env.XAPI_ACTIVITY_BASE ?? `${publicUrl}/xapi/activities/`

export const sessionSecret = env.SESSION_SECRET ?? DEVELOPMENT_SECRET
export const isProduction = env.NODE_ENV === 'production'
/** Whether requests may set the time they are answered at (tests only; refused in production at start-up). */
export const testClockEnabled = env.TEST_CLOCK === 'on' && !isProduction

/** Who to contact for help, as the "Get help" page says it. */
export const helpContact = { text: env.HELP_CONTACT_TEXT, email: env.HELP_CONTACT_EMAIL ?? null }
