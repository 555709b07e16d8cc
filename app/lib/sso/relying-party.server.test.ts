import { createSign, generateKeyPairSync } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import type { SsoProvider } from './providers.server.ts'
import { finishSignIn, providerConfiguration, startSignIn } from './relying-party.server.ts'
import { readStateCookie } from './state-cookie.server.ts'

// Microsoft Entra ID's multi-tenant authorities (…/organizations/v2.0) publish the issuer as a template,
// https://login.microsoftonline.com/{tenantid}/v2.0; each token's issuer has its own tenant in it. openid-client
// handles this for Microsoft's address only, so this test stands in for Microsoft's servers (discovery, keys and
// the token endpoint) through the relying party's fetch, and checks what the real path accepts and refuses.

const AUTHORITY = 'https://login.microsoftonline.com/organizations/v2.0'
const TENANT = '6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b'
const ANOTHER_TENANT = 'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f'

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'fake-entra', use: 'sig', alg: 'RS256' }

function signed(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const input = `${encode({ alg: 'RS256', typ: 'JWT', kid: 'fake-entra' })}.${encode(claims)}`
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`
}

/** Microsoft's endpoints, as far as the relying party uses them; the ID token is made by `idToken` per request. */
function fakeEntra(idToken: () => string) {
  return async (url: string) => {
    const { pathname } = new URL(url)
    if (pathname === '/organizations/v2.0/.well-known/openid-configuration') {
      return Response.json({
        issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
        authorization_endpoint: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize',
        token_endpoint: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token',
        jwks_uri: 'https://login.microsoftonline.com/organizations/discovery/v2.0/keys',
        end_session_endpoint: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/logout',
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      })
    }
    if (pathname === '/organizations/discovery/v2.0/keys') return Response.json({ keys: [jwk] })
    if (pathname === '/organizations/oauth2/v2.0/token') {
      return Response.json({
        access_token: 'an-access-token',
        token_type: 'Bearer',
        expires_in: 3600,
        id_token: idToken(),
      })
    }
    return new Response('not found', { status: 404 })
  }
}

let nextId = 0

async function signInThroughFakeEntra(claims: (nonce: string) => Record<string, unknown>) {
  const provider: SsoProvider = {
    id: `fake-entra-${++nextId}`,
    type: 'entra',
    name: 'NHSmail / Microsoft',
    label: 'NHSmail',
    issuer: AUTHORITY,
    clientId: 'our-app-registration',
    clientSecret: 'our-secret',
    scopes: 'openid profile email',
  }
  let nonce = ''
  await providerConfiguration(provider, 0, { fetch: fakeEntra(() => signed(claims(nonce))) })
  const now = new Date()
  const started = await startSignIn({ provider, redirectTo: '/', shared: false, now })
  const authorization = new URL(started.url)
  expect(authorization.origin + authorization.pathname).toBe(
    'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize',
  )
  const cookie = started.cookie.split(';')[0] ?? ''
  const remembered = readStateCookie({
    request: new Request('http://localhost/', { headers: { Cookie: cookie } }),
    provider: provider.id,
    now,
  })
  if (!remembered.ok) throw new Error('no state')
  nonce = remembered.state.nonce
  const callback = new Request(
    `http://localhost:3000/auth/${provider.id}/callback?code=a-code&state=${remembered.state.state}`,
    { headers: { Cookie: cookie } },
  )
  return finishSignIn({ provider, request: callback, now })
}

describe('Microsoft Entra ID’s multi-tenant issuer', () => {
  const entraClaims = (nonce: string, iss: string, tid: string) => {
    const now = Math.floor(Date.now() / 1000)
    return {
      iss,
      aud: 'our-app-registration',
      sub: 'pairwise-subject',
      tid,
      oid: '00000000-0000-4000-8000-000000000001',
      nonce,
      iat: now,
      nbf: now,
      exp: now + 3600,
    }
  }

  test('accepts a token whose issuer names the tenant in its own tid claim', async () => {
    const result = await signInThroughFakeEntra((nonce) =>
      entraClaims(nonce, `https://login.microsoftonline.com/${TENANT}/v2.0`, TENANT),
    )
    expect(result.ok && result.claims.tid).toBe(TENANT)
  })

  test('refuses a token whose issuer names another tenant than its tid claim', async () => {
    const result = await signInThroughFakeEntra((nonce) =>
      entraClaims(nonce, `https://login.microsoftonline.com/${ANOTHER_TENANT}/v2.0`, TENANT),
    )
    expect(result).toMatchObject({ ok: false, problem: 'failed' })
  })

  test('refuses the template itself as an issuer', async () => {
    const result = await signInThroughFakeEntra((nonce) =>
      entraClaims(nonce, 'https://login.microsoftonline.com/{tenantid}/v2.0', TENANT),
    )
    expect(result).toMatchObject({ ok: false, problem: 'failed' })
  })
})
