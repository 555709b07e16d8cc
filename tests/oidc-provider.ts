import { createHash, generateKeyPairSync } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import Provider, { type Configuration } from 'oidc-provider'
import { TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT } from './oidc-test-client.ts'

// A real OpenID provider (oidc-provider) for the tests and the browser journeys, in the test's own process, on a
// port of its own. It plays Microsoft Entra ID: its ID tokens carry a tenant id (tid) and an object id (oid) as
// Entra's do, and its login and consent pages are oidc-provider's own development pages (any login name and
// password are accepted; the login name picks the account).
//
// Accounts: the login name is looked up in `accounts`; a name that is not there but looks like an email address
// is someone in TEST_TENANT with that (verified) address and an object id derived from it.

export { OTHER_TENANT, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT } from './oidc-test-client.ts'

export interface TestAccountClaims {
  tid?: string
  oid?: string
  email?: string
  email_verified?: boolean
  name?: string
  preferred_username?: string
}

export interface TestProvider {
  issuer: string
  port: number
  /** Accounts by login name; change them between sign-ins to play a provider changing someone's details. */
  accounts: Map<string, TestAccountClaims>
  close: () => Promise<void>
}

/** A stable object id for an account that was not described: a UUID made from its login name. */
export function objectIdFor(login: string): string {
  const hex = createHash('sha256').update(login).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export function claimsFor(login: string, accounts: Map<string, TestAccountClaims>): TestAccountClaims | undefined {
  const described = accounts.get(login)
  if (described) return described
  if (!login.includes('@')) return undefined
  return { tid: TEST_TENANT, oid: objectIdFor(login), email: login.toLowerCase(), email_verified: true, name: login }
}

export async function startTestProvider({
  port = 0,
  appUrl,
  accounts = new Map(),
  idTokenTtlSeconds = 600,
}: {
  port?: number
  /** The app's address: its callbacks and its sign-in page (after signing out) are registered with the client. */
  appUrl: string | string[]
  accounts?: Map<string, TestAccountClaims>
  idTokenTtlSeconds?: number
}): Promise<TestProvider> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('The test OpenID provider has no port')
  const issuer = `http://localhost:${address.port}`
  const apps = Array.isArray(appUrl) ? appUrl : [appUrl]

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const configuration: Configuration = {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: apps.flatMap((app) => ['nhsmail', 'trust-okta'].map((id) => `${app}/auth/${id}/callback`)),
        post_logout_redirect_uris: apps.map((app) => `${app}/login`),
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx, id) {
      const claims = claimsFor(id, accounts)
      if (!claims) return undefined
      return { accountId: id, claims: () => ({ sub: id, ...claims }) }
    },
    claims: {
      openid: ['sub', 'tid', 'oid'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    // Entra puts these in the ID token itself; oidc-provider would otherwise keep them for the userinfo endpoint.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    ttl: { IdToken: idTokenTtlSeconds, AccessToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['a-test-only-cookie-key'] },
    // Quiet: the development-only warnings are expected here.
    renderError(ctx, out) {
      ctx.type = 'html'
      ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Error</title></head><body><h1>${out.error}</h1><p>${out.error_description ?? ''}</p></body></html>`
    },
  }
  const provider = new Provider(issuer, configuration)
  server.on('request', provider.callback())
  return {
    issuer,
    port: address.port,
    accounts,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
