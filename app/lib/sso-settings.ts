import { z } from 'zod'

// Which single sign-on services (OpenID Connect providers) people may use, read from the environment by
// env.server.ts. SSO_PROVIDERS lists them by id; each id's settings are variables named after it, so a second
// provider is a matter of configuration:
//
//   SSO_PROVIDERS=nhsmail,trust-okta
//   SSO_NHSMAIL_TYPE=entra                 entra (Microsoft Entra ID, NHSmail) or oidc (any other provider)
//   SSO_NHSMAIL_ISSUER=https://login.microsoftonline.com/organizations/v2.0
//   SSO_NHSMAIL_CLIENT_ID=…  SSO_NHSMAIL_CLIENT_SECRET=…
//   SSO_TRUST_OKTA_ISSUER=…  SSO_TRUST_OKTA_NAME="Trust sign-in" …
//
// See README.md (Single sign-on) and docs/decisions/015-single-sign-on.md.

export type SsoProviderType = 'entra' | 'oidc'

export interface SsoProviderSettings {
  /** In addresses (/auth/<id>) and in the database: lower-case letters, digits and hyphens. */
  id: string
  type: SsoProviderType
  /** What administrators and the person's page call it: "NHSmail / Microsoft". */
  name: string
  /** What the button says after "Sign in with": "NHSmail". */
  label: string
  /** The issuer (for Entra, the authority) whose /.well-known/openid-configuration describes the provider. */
  issuer: string
  clientId: string
  clientSecret: string
  scopes: string
}

export const SSO_ID_PATTERN = /^[a-z][a-z0-9-]{0,30}$/

/** The prefix of a provider's variables: SSO_ and its id in capitals, hyphens as underscores. */
export function ssoVariablePrefix(id: string): string {
  return `SSO_${id.toUpperCase().replace(/-/g, '_')}_`
}

const ENTRA_DEFAULTS = { name: 'NHSmail / Microsoft', label: 'NHSmail' }

/** A problem with the settings: the variable to name and what is wrong with it. */
export interface SsoSettingsProblem {
  variable: string
  message: string
}

const isLocalHost = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]'

/**
 * The providers the environment describes, or the first problem with them. Plain http is allowed only for a
 * provider on this machine outside production (the tests' and the local demo's provider).
 */
export function parseSsoProviders(
  source: Record<string, string | undefined>,
  { production }: { production: boolean },
): { providers: SsoProviderSettings[]; problem?: never } | { providers?: never; problem: SsoSettingsProblem } {
  const list = (source.SSO_PROVIDERS ?? '').trim()
  if (!list) return { providers: [] }
  const ids = list.split(',').map((id) => id.trim())
  const providers: SsoProviderSettings[] = []
  for (const id of ids) {
    if (!SSO_ID_PATTERN.test(id)) {
      return {
        problem: {
          variable: 'SSO_PROVIDERS',
          message:
            'must be a comma-separated list of provider ids, each lower-case letters, digits and hyphens, like nhsmail',
        },
      }
    }
    if (providers.some((provider) => provider.id === id)) {
      return { problem: { variable: 'SSO_PROVIDERS', message: `names ${id} twice` } }
    }
    const result = parseOne(id, source, production)
    if ('problem' in result) return { problem: result.problem }
    providers.push(result.provider)
  }
  return { providers }
}

function parseOne(
  id: string,
  source: Record<string, string | undefined>,
  production: boolean,
): { provider: SsoProviderSettings } | { problem: SsoSettingsProblem } {
  const prefix = ssoVariablePrefix(id)
  const read = (name: string) => {
    const value = source[prefix + name]?.trim()
    return value ? value : undefined
  }
  const problem = (name: string, message: string) => ({ problem: { variable: prefix + name, message } })

  const typeResult = z.enum(['entra', 'oidc']).default('oidc').safeParse(read('TYPE'))
  if (!typeResult.success) return problem('TYPE', 'must be entra or oidc')
  const type = typeResult.data

  const issuer = read('ISSUER')
  if (!issuer) return problem('ISSUER', `is required when SSO_PROVIDERS includes ${id}`)
  if (!URL.canParse(issuer)) return problem('ISSUER', 'must be an absolute URL like https://login.example.com')
  const url = new URL(issuer)
  const local = url.protocol === 'http:' && isLocalHost(url.hostname)
  if (url.protocol !== 'https:' && !(local && !production)) {
    return problem('ISSUER', 'must be an https URL (plain http only for a provider on this machine outside production)')
  }
  if (url.search || url.hash) return problem('ISSUER', 'must not have a query or fragment')

  const clientId = read('CLIENT_ID')
  if (!clientId) return problem('CLIENT_ID', `is required when SSO_PROVIDERS includes ${id}`)
  const clientSecret = read('CLIENT_SECRET')
  if (!clientSecret) return problem('CLIENT_SECRET', `is required when SSO_PROVIDERS includes ${id}`)

  const name = read('NAME') ?? (type === 'entra' ? ENTRA_DEFAULTS.name : undefined)
  if (!name) return problem('NAME', `is required for a provider of type oidc (what people and administrators call it)`)
  if (name.length > 60) return problem('NAME', 'must be 60 characters or fewer')
  const label = read('LABEL') ?? (type === 'entra' && !read('NAME') ? ENTRA_DEFAULTS.label : name)
  if (label.length > 40) return problem('LABEL', 'must be 40 characters or fewer')

  const scopes = (read('SCOPES') ?? 'openid profile email').split(/\s+/).join(' ')
  if (!scopes.split(' ').includes('openid')) return problem('SCOPES', 'must include openid')

  return {
    provider: { id, type, name, label, issuer: url.href.replace(/\/$/, ''), clientId, clientSecret, scopes },
  }
}
