import { createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { isProduction, sessionSecret } from '#app/lib/env.server.ts'

// What a sign-in through a provider must remember between sending the browser away and its return: the state,
// the nonce and the PKCE verifier, where to go afterwards, and whether this is a shared computer. It travels in
// the browser, in a short-lived cookie signed with a key derived from SESSION_SECRET, so that any instance can
// answer the callback (nothing is kept in memory) and nobody can change it. HttpOnly keeps it from scripts;
// SameSite=Lax still sends it on the provider's top-level redirect back to us.

export const STATE_COOKIE = 'sso_state'
/** Long enough to choose an account and approve a prompt on a phone; short enough to be useless if copied later. */
export const STATE_LIFETIME_MS = 10 * 60 * 1000
const COOKIE_PATH = '/auth/'

const signingKey = createHmac('sha256', sessionSecret).update('sso-state-cookie').digest()

const payloadSchema = z.object({
  p: z.string().min(1),
  s: z.string().min(1),
  n: z.string().min(1),
  v: z.string().min(43),
  r: z.string(),
  sh: z.boolean(),
  t: z.number().int(),
})

export interface SignInState {
  provider: string
  state: string
  nonce: string
  codeVerifier: string
  redirectTo: string
  shared: boolean
  startedAt: Date
}

export function writeStateCookie(value: SignInState): string {
  const payload = Buffer.from(
    JSON.stringify({
      p: value.provider,
      s: value.state,
      n: value.nonce,
      v: value.codeVerifier,
      r: value.redirectTo,
      sh: value.shared,
      t: value.startedAt.getTime(),
    }),
  ).toString('base64url')
  const parts = [
    `${STATE_COOKIE}=${payload}.${signature(payload)}`,
    'HttpOnly',
    'SameSite=Lax',
    `Path=${COOKIE_PATH}`,
    `Max-Age=${STATE_LIFETIME_MS / 1000}`,
  ]
  if (isProduction) parts.push('Secure')
  return parts.join('; ')
}

/** The cookie that forgets the state: sent with every answer to a callback, so a state is used once. */
export function clearStateCookie(): string {
  const parts = [`${STATE_COOKIE}=`, 'HttpOnly', 'SameSite=Lax', `Path=${COOKIE_PATH}`, 'Max-Age=0']
  if (isProduction) parts.push('Secure')
  return parts.join('; ')
}

export type StateProblem = 'missing' | 'tampered' | 'expired' | 'other-provider'

/** The state this browser started, or why there is none to use. */
export function readStateCookie({
  request,
  provider,
  now,
}: {
  request: Request
  provider: string
  now: Date
}): { ok: true; state: SignInState } | { ok: false; problem: StateProblem } {
  const raw = cookieValue(request, STATE_COOKIE)
  if (!raw) return { ok: false, problem: 'missing' }
  const [payload, given, ...rest] = raw.split('.')
  if (!payload || !given || rest.length > 0) return { ok: false, problem: 'tampered' }
  // Compared as the exact text written, not decoded bytes (see notifications/unsubscribe-token.server.ts).
  const expected = Buffer.from(signature(payload))
  const actual = Buffer.from(given)
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, problem: 'tampered' }
  const parsed = payloadSchema.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')))
  if (!parsed.success) return { ok: false, problem: 'tampered' }
  const value = parsed.data
  const age = now.getTime() - value.t
  if (age < 0 || age > STATE_LIFETIME_MS) return { ok: false, problem: 'expired' }
  if (value.p !== provider) return { ok: false, problem: 'other-provider' }
  return {
    ok: true,
    state: {
      provider: value.p,
      state: value.s,
      nonce: value.n,
      codeVerifier: value.v,
      redirectTo: value.r,
      shared: value.sh,
      startedAt: new Date(value.t),
    },
  }
}

function signature(payload: string): string {
  return createHmac('sha256', signingKey).update(payload).digest('base64url')
}

function cookieValue(request: Request, name: string): string | null {
  const header = request.headers.get('Cookie')
  if (!header) return null
  for (const pair of header.split(';')) {
    const [key, ...rest] = pair.trim().split('=')
    if (key === name) return rest.join('=') || null
  }
  return null
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
