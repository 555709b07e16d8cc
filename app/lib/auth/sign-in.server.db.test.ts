import { describe, expect, test } from 'vitest'
import { createUser, TEST_PASSWORD } from '#tests/factories.ts'
import {
  SIGN_IN_MAX_FAILURES,
  SIGN_IN_WINDOW_MS,
  isSignInLimited,
  recordSignInFailure,
  signInKeys,
} from './rate-limit.server.ts'
import { signIn } from './sign-in.server.ts'
import { validateSessionToken } from './session.server.ts'

const ip = '203.0.113.7'

describe('signing in', () => {
  test('the right password gives a working session; email case and spaces do not matter', async () => {
    const user = await createUser()
    const result = await signIn({ email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD, ip })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect((await validateSessionToken({ token: result.token }))?.user.id).toBe(user.id)
  })

  test('a wrong password and an unknown email get the same answer', async () => {
    const user = await createUser()
    const wrongPassword = await signIn({ email: user.email, password: 'not the password', ip })
    const unknownEmail = await signIn({ email: 'nobody@example.test', password: TEST_PASSWORD, ip })
    expect(wrongPassword).toEqual({ ok: false, reason: 'invalid' })
    expect(unknownEmail).toEqual(wrongPassword)
  })

  test(`after ${SIGN_IN_MAX_FAILURES} failures an account is locked for the window, even with the right password`, async () => {
    const user = await createUser()
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) {
      // A different address each time: the account's own count must trip.
      expect(await signIn({ email: user.email, password: 'wrong', ip: `198.51.100.${i}` })).toEqual({
        ok: false,
        reason: 'invalid',
      })
    }
    expect(await signIn({ email: user.email, password: TEST_PASSWORD, ip: '192.0.2.1' })).toEqual({
      ok: false,
      reason: 'rate-limited',
    })
  })

  test('one address failing against many accounts is limited too', async () => {
    const victim = await createUser()
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) {
      await signIn({ email: `guess${i}@example.test`, password: 'wrong', ip })
    }
    expect(await signIn({ email: victim.email, password: TEST_PASSWORD, ip })).toEqual({
      ok: false,
      reason: 'rate-limited',
    })
    const elsewhere = await signIn({ email: victim.email, password: TEST_PASSWORD, ip: '192.0.2.99' })
    expect(elsewhere.ok).toBe(true)
  })

  test('failures older than the window no longer count', async () => {
    const keys = signInKeys({ email: 'old@example.test', ip: '203.0.113.200' })
    const longAgo = new Date(Date.now() - SIGN_IN_WINDOW_MS - 60_000)
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) await recordSignInFailure({ keys, now: longAgo })
    expect(await isSignInLimited({ keys })).toBe(false)
    expect(await isSignInLimited({ keys, now: longAgo })).toBe(true)
  })

  test('a successful sign-in forgives the account’s earlier failures', async () => {
    const user = await createUser()
    for (let i = 0; i < SIGN_IN_MAX_FAILURES - 1; i++)
      await signIn({ email: user.email, password: 'wrong', ip: `198.51.100.${i}` })
    expect((await signIn({ email: user.email, password: TEST_PASSWORD, ip: '192.0.2.50' })).ok).toBe(true)
    await signIn({ email: user.email, password: 'wrong', ip: '192.0.2.51' })
    expect((await signIn({ email: user.email, password: TEST_PASSWORD, ip: '192.0.2.52' })).ok).toBe(true)
  })

  test('addresses are stored only as a keyed hash', () => {
    const keys = signInKeys({ email: 'A@Example.test', ip })
    expect(keys[0]).toBe('account:a@example.test')
    expect(keys[1]).toMatch(/^ip:[0-9a-f]{32}$/)
    expect(keys.join()).not.toContain(ip)
  })
})
