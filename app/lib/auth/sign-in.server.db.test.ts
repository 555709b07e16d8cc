import { describe, expect, test } from 'vitest'
import { createOrg, createTeam, createUser, setSignInSettings, TEST_PASSWORD } from '#tests/factories.ts'
import {
  backOffMs,
  recordAttempt,
  recordSignInFailure,
  SIGN_IN_ACCOUNT_MEMORY_MS,
  SIGN_IN_ADDRESS_MAX_FAILURES,
  SIGN_IN_ADDRESS_WINDOW_MS,
  SIGN_IN_FREE_FAILURES,
  SIGN_IN_MAX_WAIT_MS,
  signInKeys,
  signInWaitMs,
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

  test(`after ${SIGN_IN_FREE_FAILURES} failures an account waits before each try, even with the right password, the wait doubling to 15 minutes`, async () => {
    const user = await createUser()
    const start = new Date()
    const at = (ms: number) => new Date(start.getTime() + ms)
    for (let i = 0; i < SIGN_IN_FREE_FAILURES; i++) {
      // A different address each time: the account's own count must trip.
      expect(await signIn({ email: user.email, password: 'wrong', ip: `198.51.100.${i}`, now: start })).toEqual({
        ok: false,
        reason: 'invalid',
      })
    }
    expect(await signIn({ email: user.email, password: TEST_PASSWORD, ip: '192.0.2.1', now: start })).toEqual({
      ok: false,
      reason: 'rate-limited',
      waitMs: 60_000,
    })
    // After the wait, one more wrong try doubles it.
    expect(await signIn({ email: user.email, password: 'wrong', ip: '192.0.2.1', now: at(60_000) })).toEqual({
      ok: false,
      reason: 'invalid',
    })
    expect(await signInWaitMs({ email: user.email, ip: null, now: at(60_000) })).toBe(120_000)
    expect([5, 6, 7, 8, 9, 20].map(backOffMs)).toEqual([60_000, 120_000, 240_000, 480_000, 900_000, 900_000])
    expect(backOffMs(SIGN_IN_FREE_FAILURES - 1)).toBe(0)
    expect((await signIn({ email: user.email, password: TEST_PASSWORD, ip: '192.0.2.1', now: at(180_000) })).ok).toBe(
      true,
    )
  })

  test('many staff behind one hospital address are not locked out together', async () => {
    const hospital = '203.0.113.80'
    const colleague = await createUser()
    // A busy shift change: fifty people each mistype their password once, all from the same address.
    for (let i = 0; i < 50; i++) await signIn({ email: `ward.person${i}@example.test`, password: 'typo', ip: hospital })
    const result = await signIn({ email: colleague.email, password: TEST_PASSWORD, ip: hospital })
    expect(result.ok).toBe(true)
  })

  test(`one address is stopped only after ${SIGN_IN_ADDRESS_MAX_FAILURES} failures in 15 minutes`, async () => {
    const scripted = '203.0.113.99'
    const victim = await createUser()
    const [, addressKey] = signInKeys({ email: victim.email, ip: scripted })
    await recordAttempt({
      keys: Array.from({ length: SIGN_IN_ADDRESS_MAX_FAILURES - 1 }, () => addressKey as string),
      windowMs: SIGN_IN_ADDRESS_WINDOW_MS,
    })
    expect(await signInWaitMs({ email: victim.email, ip: scripted })).toBe(0)
    await signIn({ email: 'one.more@example.test', password: 'wrong', ip: scripted })
    expect(await signIn({ email: victim.email, password: TEST_PASSWORD, ip: scripted })).toMatchObject({
      ok: false,
      reason: 'rate-limited',
    })
    const elsewhere = await signIn({ email: victim.email, password: TEST_PASSWORD, ip: '192.0.2.99' })
    expect(elsewhere.ok).toBe(true)
  })

  test('an account’s failures are forgotten after a day', async () => {
    const email = 'old@example.test'
    const longAgo = new Date(Date.now() - SIGN_IN_ACCOUNT_MEMORY_MS - 60_000)
    for (let i = 0; i < 10; i++) await recordSignInFailure({ email, ip: null, now: longAgo })
    expect(await signInWaitMs({ email, ip: null })).toBe(0)
    expect(await signInWaitMs({ email, ip: null, now: longAgo })).toBe(SIGN_IN_MAX_WAIT_MS)
  })

  test('a successful sign-in forgives the account’s earlier failures', async () => {
    const user = await createUser()
    for (let i = 0; i < SIGN_IN_FREE_FAILURES - 1; i++)
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

  test('an organisation that signs in through single sign-on only: its people are refused a password, its administrators are not', async () => {
    const org = await createOrg()
    const team = await createTeam({ under: org.directorate })
    const person = await createUser({ team })
    const admin = await createUser({ team, isAdmin: true })
    await setSignInSettings({ organisation: org.organisation, methods: 'sso' })
    // Told only once the password is right: a wrong one gets the usual answer.
    expect(await signIn({ email: person.email, password: 'wrong', ip })).toEqual({ ok: false, reason: 'invalid' })
    expect(await signIn({ email: person.email, password: TEST_PASSWORD, ip })).toEqual({
      ok: false,
      reason: 'sso-only',
      providers: ['nhsmail'],
    })
    expect((await signIn({ email: admin.email, password: TEST_PASSWORD, ip })).ok).toBe(true)
    await setSignInSettings({ organisation: org.organisation, methods: 'both' })
    expect((await signIn({ email: person.email, password: TEST_PASSWORD, ip })).ok).toBe(true)
  })

  test('“This is a shared computer” gives a session that ends after 15 idle minutes', async () => {
    const user = await createUser()
    const result = await signIn({ email: user.email, password: TEST_PASSWORD, ip, shared: true })
    if (!result.ok) throw new Error('expected to sign in')
    expect(result.shared).toBe(true)
    expect(result.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000)
    expect((await validateSessionToken({ token: result.token }))?.session.idleTimeoutMs).toBe(15 * 60_000)
  })
})
