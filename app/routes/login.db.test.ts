import { describe, expect, test } from 'vitest'
import { SIGN_IN_FREE_FAILURES } from '#app/lib/auth/rate-limit.server.ts'
import { createOrg, createTeam, createUser, setSignInSettings, TEST_PASSWORD } from '#tests/factories.ts'
import { action } from './login.tsx'

function submit(fields: Record<string, string>, ip = '192.0.2.10') {
  const request = new Request('http://localhost/login', { method: 'POST', body: new URLSearchParams(fields) })
  return action({ request, params: {}, context: { clientIp: ip, cspNonce: 'n' } })
}

async function errorsOf(response: Awaited<ReturnType<typeof submit>>) {
  if (!('data' in response)) throw new Error(`expected form errors, got a ${response.status} redirect`)
  return { status: response.init?.status, errors: response.data.errors }
}

describe('the sign-in form', () => {
  test('names each empty field', async () => {
    expect(await errorsOf(await submit({ email: '', password: '' }))).toEqual({
      status: 400,
      errors: { email: 'Enter your email address', password: 'Enter your password' },
    })
  })

  test('rejects overlong input without touching the database', async () => {
    const result = await errorsOf(await submit({ email: `${'a'.repeat(300)}@example.test`, password: 'x'.repeat(500) }))
    expect(result.status).toBe(400)
    expect(result.errors.email).toBe('Email address must be 254 characters or fewer')
    expect(result.errors.password).toBe('Password must be 128 characters or fewer')
  })

  test('says the same thing for an unknown email and a wrong password', async () => {
    const user = await createUser()
    const unknown = await errorsOf(await submit({ email: 'nobody@example.test', password: 'whatever it is' }))
    const wrong = await errorsOf(await submit({ email: user.email, password: 'whatever it is' }))
    expect(unknown).toEqual({ status: 400, errors: { email: 'Enter a correct email address and password' } })
    expect(wrong).toEqual(unknown)
  })

  test('answers 429 with a clear message, saying how long to wait, once the account has to wait', async () => {
    const user = await createUser()
    for (let i = 0; i < SIGN_IN_FREE_FAILURES; i++) await submit({ email: user.email, password: 'wrong' }, '192.0.2.77')
    const limited = await errorsOf(await submit({ email: user.email, password: TEST_PASSWORD }, '192.0.2.77'))
    expect(limited).toEqual({
      status: 429,
      errors: { email: 'Too many failed attempts to sign in. Wait 1 minute, then try again.' },
    })
  })

  test('signs in with a session cookie and goes only to a path on this site', async () => {
    const user = await createUser()
    const response = await submit({ email: user.email, password: TEST_PASSWORD, redirectTo: 'https://evil.example/' })
    if (!(response instanceof Response)) throw new Error('expected a redirect')
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/')
    expect(response.headers.get('Set-Cookie')).toMatch(/^session=[a-z2-7]{32}; HttpOnly; SameSite=Lax/)
  })

  test('“This is a shared computer” gives a session cookie that the browser forgets when it closes', async () => {
    const user = await createUser()
    const response = await submit({ email: user.email, password: TEST_PASSWORD, passwordShared: 'yes' })
    if (!(response instanceof Response)) throw new Error('expected a redirect')
    const cookies = response.headers.getSetCookie()
    expect(cookies.find((cookie) => cookie.startsWith('session='))).not.toMatch(/Expires=/)
    // Whoever signs in with a password wants the password form next time on this device.
    expect(cookies).toContainEqual(expect.stringMatching(/^sign_in_with=; .*Max-Age=0/))
  })

  test('someone whose organisation uses single sign-on only is told so, once their password is right', async () => {
    const org = await createOrg()
    const person = await createUser({ team: await createTeam({ under: org.directorate }) })
    await setSignInSettings({ organisation: org.organisation, methods: 'sso' })
    expect(await errorsOf(await submit({ email: person.email, password: 'not it' }, '192.0.2.90'))).toEqual({
      status: 400,
      errors: { email: 'Enter a correct email address and password' },
    })
    expect(await errorsOf(await submit({ email: person.email, password: TEST_PASSWORD }, '192.0.2.90'))).toEqual({
      status: 400,
      errors: {
        email: 'Your organisation signs in through single sign-on, not a password. Ask your digital learning team how.',
      },
    })
  })
})
