import { requestNow } from '#app/lib/auth/request-clock.server.ts'
import { readSessionToken, validateSessionToken } from '#app/lib/auth/session.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { type AccountAgent, browserAuthority, clientAuthority, learnerAgent } from '#app/lib/xapi/model/agents.ts'
import { XapiError } from './http.server.ts'
import { findClientByCredentials, type LrsClient, type LrsScope } from '#app/lib/xapi/clients/lrs-clients.server.ts'
import { type DelegatedAccess, delegatedCredentials } from './delegated-credentials.server.ts'

/**
 * Who is calling the LRS: a third-party client (HTTP Basic), the app's own page for a signed-in learner, or
 * content holding credentials another domain issued for one learner and registration (HTTP Basic as well).
 */
export type XapiPrincipal =
  | { kind: 'client'; client: LrsClient; scopes: ReadonlySet<string>; authority: AccountAgent }
  | { kind: 'learner'; user: { id: string; name: string }; agent: AccountAgent; authority: AccountAgent }
  | { kind: 'delegated'; access: DelegatedAccess; agent: AccountAgent; authority: AccountAgent }

export async function authenticateXapi(request: Request): Promise<XapiPrincipal> {
  const authorization = request.headers.get('Authorization')
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice('Basic '.length).trim(), 'base64').toString('utf8')
    const separator = decoded.indexOf(':')
    const credentials =
      separator > 0 ? { key: decoded.slice(0, separator), secret: decoded.slice(separator + 1) } : null
    const client = credentials ? await findClientByCredentials(credentials) : null
    if (client)
      return {
        kind: 'client',
        client,
        scopes: new Set(client.scopes),
        authority: clientAuthority({ publicUrl, client }),
      }
    const access = credentials ? await delegatedCredentials.resolve(credentials) : null
    if (access) return { kind: 'delegated', access, agent: access.agent, authority: access.authority }
    throw new XapiError(401, 'the LRS key and secret are not recognised')
  }
  // The session cookie counts only for the app's own pages, never for another site's scripts.
  const fetchSite = request.headers.get('Sec-Fetch-Site')
  const token = readSessionToken(request)
  if (token && (fetchSite === null || fetchSite === 'same-origin')) {
    const session = await validateSessionToken({ token, now: requestNow(request) })
    if (session) {
      const user = { id: session.user.id, name: session.user.name }
      return {
        kind: 'learner',
        user,
        agent: learnerAgent({ publicUrl, user }),
        authority: browserAuthority({ publicUrl }),
      }
    }
  }
  throw new XapiError(401, 'authenticate with HTTP Basic (an LRS key and secret) or sign in to the app')
}

const READ_SCOPES = new Set(['all', 'all/read'])

/**
 * Whether a client may do this; learners and delegated credentials are limited elsewhere (their own statements
 * and documents).
 */
export function requireScope(principal: XapiPrincipal, ...accepted: LrsScope[]) {
  if (principal.kind !== 'client') return
  const scopes = principal.scopes
  const readOnly = accepted.every((scope) => scope.includes('read'))
  if (
    scopes.has('all') ||
    (readOnly && [...READ_SCOPES].some((s) => scopes.has(s))) ||
    accepted.some((s) => scopes.has(s))
  )
    return
  throw new XapiError(403, `this LRS client needs the ${accepted.join(' or ')} scope`)
}
