import { describe, expect, test } from 'vitest'
import { readStateCookie, STATE_LIFETIME_MS, writeStateCookie } from './state-cookie.server.ts'

const started = new Date('2026-11-30T09:00:00Z')
const state = {
  provider: 'nhsmail',
  state: 'the-state',
  nonce: 'the-nonce',
  codeVerifier: 'v'.repeat(43),
  redirectTo: '/modules',
  shared: true,
  startedAt: started,
}

const requestWith = (cookie: string) =>
  new Request('http://localhost/auth/nhsmail/callback', { headers: { Cookie: cookie } })
const valueOf = (setCookie: string) => setCookie.split(';')[0] ?? ''

describe('the sign-in state cookie', () => {
  test('is short-lived, HttpOnly, SameSite=Lax, only for /auth/, and reads back as written', () => {
    const cookie = writeStateCookie(state)
    expect(cookie).toMatch(/^sso_state=[\w-]+\.[\w-]+; HttpOnly; SameSite=Lax; Path=\/auth\/; Max-Age=600$/)
    expect(readStateCookie({ request: requestWith(valueOf(cookie)), provider: 'nhsmail', now: started })).toEqual({
      ok: true,
      state,
    })
  })

  test('is refused when changed, lapsed, missing or for another provider', () => {
    const [name, value = ''] = valueOf(writeStateCookie(state)).split('=')
    const [payload = '', signature = ''] = value.split('.')
    const changedPayload = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace('/modules', '/admin'),
    ).toString('base64url')
    const read = (cookie: string, now = started, provider = 'nhsmail') =>
      readStateCookie({ request: requestWith(cookie), provider, now })
    expect(read(`${name}=${changedPayload}.${signature}`)).toEqual({ ok: false, problem: 'tampered' })
    expect(read(`${name}=${payload}.${signature.slice(1)}x`)).toEqual({ ok: false, problem: 'tampered' })
    expect(read(`${name}=${value}`, new Date(started.getTime() + STATE_LIFETIME_MS + 1))).toEqual({
      ok: false,
      problem: 'expired',
    })
    expect(read('session=abc')).toEqual({ ok: false, problem: 'missing' })
    expect(read(`${name}=${value}`, started, 'trust-okta')).toEqual({ ok: false, problem: 'other-provider' })
  })
})
