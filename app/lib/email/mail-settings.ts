import { z } from 'zod'
import { type EmailKind } from './outgoing-email.ts'

// The mail settings, part of the one environment schema in env.server.ts. They live here so the mail layer's
// settings read as one block; env.server.ts spreads `mailEnvironment` into its schema and calls `mailSettings`.

const NOTIFY_PRODUCTION_URL = 'https://api.notifications.service.gov.uk'
// Development only: the file transport never sends, so the address only has to look like one.
const DEVELOPMENT_FROM = 'Digital skills <no-reply@localhost>'

const uuidPattern = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const templateId = z
  .string()
  .trim()
  .regex(new RegExp(`^${uuidPattern}$`, 'i'), { message: 'must be a Notify template id (a UUID)' })
  .optional()

/** Which environment variable holds the Notify template of each kind of email. */
export const notifyTemplateVariables = {
  'password-reset': 'NOTIFY_TEMPLATE_PASSWORD_RESET',
  assigned: 'NOTIFY_TEMPLATE_ASSIGNED',
  'due-soon': 'NOTIFY_TEMPLATE_DUE_SOON',
  'due-today': 'NOTIFY_TEMPLATE_DUE_TODAY',
  overdue: 'NOTIFY_TEMPLATE_OVERDUE',
  'evidence-lapsing': 'NOTIFY_TEMPLATE_EVIDENCE_LAPSING',
  'manager-digest': 'NOTIFY_TEMPLATE_MANAGER_DIGEST',
} as const satisfies Record<EmailKind, string>

// Messages never repeat the value: SMTP_URL and NOTIFY_API_KEY hold secrets.
export const mailEnvironment = {
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

export type FileMailSettings = { transport: 'file'; from: string; dir: string }
export type SmtpMailSettings = { transport: 'smtp'; from: string; url: string }
export type NotifyMailSettings = {
  transport: 'notify'
  apiKey: string
  baseUrl: string
  templates: Record<EmailKind, string>
}
export type MailSettings = FileMailSettings | SmtpMailSettings | NotifyMailSettings

/**
 * The settings of the chosen transport, or the names of the variables that transport needs and lacks.
 * A transport's settings are checked only when it is chosen, so a development machine needs none of them.
 */
export function mailSettings(
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
      const templates = Object.fromEntries(entries.map(([kind, id]) => [kind, id])) as Record<EmailKind, string>
      return { settings: { transport: 'notify', apiKey, baseUrl: env.NOTIFY_BASE_URL, templates } }
    }
  }
}
