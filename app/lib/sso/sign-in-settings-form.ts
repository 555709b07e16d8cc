import { z } from 'zod'

// An administrator's form for how one organisation's people sign in. Its fields, in page order, are also the
// error summary's. Kept apart from .server files because the page draws it.

export const SIGN_IN_SETTINGS_FIELDS = [
  'methods',
  'providers',
  'tenantIds',
  'emailDomains',
  'createUnknown',
  'helpContact',
] as const

export const HELP_CONTACT_MAX = 200
const MAX_LINES = 50

export const signInMethodLabels = {
  password: 'With their email address and a password',
  sso: 'Through single sign-on only',
  both: 'Either way',
} as const

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/

/** One entry a line (commas and spaces work too), lower case, without repeats or blank lines. */
function lines(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((line) => line.trim().toLowerCase())
        .filter(Boolean),
    ),
  ]
}

/** The form's schema for the providers this instance has (their ids and whether each is Microsoft Entra ID). */
/** A check on each line of a list that names the first line it refuses, so the administrator can find it. */
function firstBadLine(isGood: (line: string) => boolean, problem: string) {
  return (values: string[], ctx: z.RefinementCtx) => {
    const index = values.findIndex((value) => !isGood(value))
    if (index < 0) return
    const value = values[index] ?? ''
    const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value
    ctx.addIssue({ code: 'custom', message: `Line ${index + 1}, “${shown}”, ${problem}` })
  }
}

export function signInSettingsFormSchema(providers: { id: string; type: 'entra' | 'oidc' }[]) {
  const providerIds = providers.map((provider) => provider.id)
  return z
    .object({
      methods: z.enum(['password', 'sso', 'both'], { error: 'Choose how people in the organisation sign in' }),
      providers: z.array(z.string()).refine((chosen) => chosen.every((id) => providerIds.includes(id)), {
        message: 'Choose sign-in services from the list',
      }),
      tenantIds: z
        .string()
        .default('')
        .transform(lines)
        .pipe(
          z
            .array(z.string())
            .max(MAX_LINES, `Enter ${MAX_LINES} tenant ids or fewer`)
            .superRefine(
              firstBadLine(
                (id) => GUID.test(id),
                'is not a tenant id. Enter each as Microsoft shows it: 36 letters, digits and hyphens, like 6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b',
              ),
            ),
        ),
      emailDomains: z
        .string()
        .default('')
        .transform((text) => lines(text).map((domain) => domain.replace(/^@/, '')))
        .pipe(
          z
            .array(z.string())
            .max(MAX_LINES, `Enter ${MAX_LINES} email domains or fewer`)
            .superRefine(
              firstBadLine(
                (domain) => DOMAIN.test(domain),
                'is not an email domain. Enter each like nhs.net, without anyone’s name',
              ),
            ),
        ),
      createUnknown: z.enum(['yes', 'no'], { error: 'Choose what happens when someone unknown signs in' }),
      helpContact: z
        .string()
        .default('')
        .transform((text) => text.trim())
        .pipe(z.string().max(HELP_CONTACT_MAX, `Contact details must be ${HELP_CONTACT_MAX} characters or fewer`)),
    })
    .superRefine((form, ctx) => {
      if (form.methods === 'password') return
      if (form.providers.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['providers'], message: 'Choose at least one sign-in service' })
        return
      }
      const microsoft = providers.some((provider) => provider.type === 'entra' && form.providers.includes(provider.id))
      if (microsoft && form.tenantIds.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['tenantIds'],
          message: 'Enter at least one Microsoft tenant id: sign-ins from any other tenant are refused',
        })
      }
    })
}

export type SignInSettingsForm = z.output<ReturnType<typeof signInSettingsFormSchema>>
