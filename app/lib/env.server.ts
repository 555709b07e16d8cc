import { z } from 'zod'

const databaseUrl = z
  .string()
  .trim()
  .refine((url) => /^(file:|postgres:\/\/|postgresql:\/\/|pglite:)/.test(url), {
    message: 'must start with file:, postgres://, postgresql:// or pglite:',
  })

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
    TRUST_PROXY: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' })
    }
  })

export type Env = z.infer<typeof envSchema>

const DEVELOPMENT_SECRET = 'development-only-secret-do-not-use-in-production'

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source)
  if (!result.success) {
    const issue = result.error.issues[0]
    const field = issue?.path.join('.') || 'environment'
    throw new InvalidEnvironmentError(`${field} ${issue?.message ?? 'is invalid'}`)
  }
  return result.data
}

export class InvalidEnvironmentError extends Error {
  override name = 'InvalidEnvironmentError'
}

export const env = parseEnv(process.env)

export const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')
export const xapiActivityBase = env.XAPI_ACTIVITY_BASE ?? `${publicUrl}/xapi/activities/`

export const sessionSecret = env.SESSION_SECRET ?? DEVELOPMENT_SECRET
export const isProduction = env.NODE_ENV === 'production'
