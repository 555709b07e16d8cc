import * as oidc from 'openid-client'
import { publicUrl } from '#app/lib/env.server.ts'
import type { SsoProvider } from './providers.server.ts'
import { readStateCookie, type SignInState, type StateProblem, writeStateCookie } from './state-cookie.server.ts'

// The relying party: openid-client (v6) does the protocol and every check of the ID token (signature, issuer,
// audience, expiry, nonce) and PKCE; nothing here validates a token by hand. For Microsoft Entra ID's
// multi-tenant authorities (…/organizations/v2.0, …/common/v2.0) openid-client expects the issuer
// https://login.microsoftonline.com/{tenantid}/v2.0 with the token's own `tid` in it; which tenants are welcome
// is decided afterwards, by the organisations' allow-lists (link.server.ts).

const TIMEOUT_SECONDS = 10

// Discovery and signing keys are cached per process: a cache, not state another instance needs. Keyed by the
// clock skew too, which is 0 except under a test clock (request-clock.server.ts).
const configurations = new Map<string, Promise<oidc.Configuration>>()

export function callbackUrl(provider: SsoProvider): string {
  return `${publicUrl}/auth/${provider.id}/callback`
}

/**
 * The provider's configuration, discovered once per process. `skewSeconds` moves the relying party's clock;
 * `fetch` replaces how it reaches the provider (tests that stand in for Microsoft's servers).
 */
export function providerConfiguration(
  provider: SsoProvider,
  skewSeconds = 0,
  { fetch }: { fetch?: oidc.CustomFetch } = {},
): Promise<oidc.Configuration> {
  const key = `${provider.id}:${skewSeconds}`
  let configuration = configurations.get(key)
  if (!configuration) {
    const insecure = new URL(provider.issuer).protocol === 'http:'
    configuration = oidc
      .discovery(
        new URL(provider.issuer),
        provider.clientId,
        { client_secret: provider.clientSecret, [oidc.clockSkew]: skewSeconds },
        oidc.ClientSecretPost(provider.clientSecret),
        {
          timeout: TIMEOUT_SECONDS,
          ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
          ...(fetch ? { [oidc.customFetch]: fetch } : {}),
        },
      )
      .catch((error: unknown) => {
        configurations.delete(key)
        throw error
      })
    configurations.set(key, configuration)
  }
  return configuration
}

/** Where to send the browser to sign in, and the cookie that remembers the attempt. */
export async function startSignIn({
  provider,
  redirectTo,
  shared,
  now,
}: {
  provider: SsoProvider
  redirectTo: string
  shared: boolean
  now: Date
}): Promise<{ url: string; cookie: string }> {
  const configuration = await providerConfiguration(provider)
  const state: SignInState = {
    provider: provider.id,
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
    redirectTo,
    shared,
    startedAt: now,
  }
  const parameters: Record<string, string> = {
    redirect_uri: callbackUrl(provider),
    scope: provider.scopes,
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(state.codeVerifier),
    code_challenge_method: 'S256',
    state: state.state,
    nonce: state.nonce,
  }
  // On a shared computer the last person may still be signed in at the provider: make them prove who they are.
  if (shared) parameters.prompt = 'login'
  const url = oidc.buildAuthorizationUrl(configuration, parameters)
  return { url: url.href, cookie: writeStateCookie(state) }
}

export type FinishProblem = StateProblem | 'cancelled' | 'failed'

/**
 * Completes a sign-in at the callback: the browser's state cookie must match what came back, then the code is
 * exchanged (with the PKCE verifier) and the ID token checked with the nonce. `now` is the request's time.
 */
export async function finishSignIn({
  provider,
  request,
  now,
}: {
  provider: SsoProvider
  request: Request
  now: Date
}): Promise<
  { ok: true; claims: oidc.IDToken; state: SignInState } | { ok: false; problem: FinishProblem; state?: SignInState }
> {
  const remembered = readStateCookie({ request, provider: provider.id, now })
  if (!remembered.ok) return { ok: false, problem: remembered.problem }
  const { state } = remembered
  const returned = new URL(request.url).searchParams
  // The person said no at the provider, or the provider could not sign them in: not an attack, just "try again".
  if (returned.get('error')) return { ok: false, problem: 'cancelled', state }
  // The address the provider sent the browser back to, as the token endpoint will compare it (never the
  // internal address a proxy may have passed on).
  const currentUrl = new URL(callbackUrl(provider))
  for (const [name, value] of returned) currentUrl.searchParams.append(name, value)
  try {
    const skewSeconds = Math.round((now.getTime() - Date.now()) / 1000)
    const configuration = await providerConfiguration(provider, skewSeconds)
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: state.codeVerifier,
      expectedState: state.state,
      expectedNonce: state.nonce,
      idTokenExpected: true,
    })
    const claims = tokens.claims()
    if (!claims) return { ok: false, problem: 'failed', state }
    return { ok: true, claims, state }
  } catch (error) {
    // Why, for whoever runs the service; the person is told only that it did not work.
    console.warn(`Single sign-on with ${provider.id} failed: ${describe(error)}`)
    return { ok: false, problem: 'failed', state }
  }
}

/** The provider's sign-out address, when it advertises one; back to our sign-in page afterwards. */
export async function endSessionUrl(provider: SsoProvider): Promise<string | null> {
  try {
    const configuration = await providerConfiguration(provider)
    if (!configuration.serverMetadata().end_session_endpoint) return null
    return oidc.buildEndSessionUrl(configuration, { post_logout_redirect_uri: `${publicUrl}/login` }).href
  } catch (error) {
    console.warn(`Could not find how to sign out of ${provider.id}: ${describe(error)}`)
    return null
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = 'code' in error && typeof error.code === 'string' ? ` (${error.code})` : ''
  const cause =
    error.cause instanceof Error
      ? `: ${error.cause.message}`
      : error.cause && typeof error.cause === 'object' && 'error' in error.cause
        ? `: ${String(error.cause.error)}`
        : ''
  return `${error.message}${code}${cause}`
}
