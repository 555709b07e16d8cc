import { describe, expect, test } from 'vitest'
import { RESET_REQUESTS_PER_ADDRESS } from '#app/lib/auth/reset-rate-limit.server.ts'
import { readSessionToken, validateSessionToken } from '#app/lib/auth/session.server.ts'
import { signIn } from '#app/lib/auth/sign-in.server.ts'
import { createUser, TEST_PASSWORD } from '#tests/factories.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import { resetEmailsFor } from '#tests/reset-emails.ts'
import { loadContext, signedInRequest } from '#tests/requests.ts'
import AdminPersonPage, { action as personAction, loader as personLoader } from './admin.people.$personId.tsx'
import ForgotPasswordPage, { action as forgotAction, loader as forgotLoader } from './forgot-password.tsx'
import ResetLinkSentPage, { loader as sentLoader } from './forgot-password_.sent.tsx'
import LoginPage, { loader as loginLoader } from './login.tsx'
import ResetPasswordPage, {
  action as resetAction,
  headers as resetHeaders,
  loader as resetLoader,
} from './reset-password.$token.tsx'

// The pages as a browser without JavaScript uses them: plain form posts, and the HTML the server sends.

const NEW_PASSWORD = 'a fresh passphrase for today'

function askForLink(fields: Record<string, string>, ip = '192.0.2.20') {
  const request = new Request('http://localhost/forgot-password', {
    method: 'POST',
    body: new URLSearchParams(fields),
  })
  return forgotAction({ request, params: {}, context: { ...loadContext, clientIp: ip } })
}

function setPassword(token: string, fields: Record<string, string>) {
  const request = new Request(`http://localhost/reset-password/${token}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
  })
  return resetAction({ request, params: { token }, context: loadContext })
}

function resetPage(token: string) {
  const request = new Request(`http://localhost/reset-password/${token}`)
  return renderRoute({ pattern: '/reset-password/:token', loader: resetLoader, Component: ResetPasswordPage }, request)
}

function answerOf(response: unknown) {
  if (response instanceof Response) return { status: response.status, location: response.headers.get('Location') }
  if (response && typeof response === 'object' && 'data' in response && 'init' in response) {
    const { data, init } = response as { data: unknown; init?: { status?: number } }
    return { status: init?.status, data }
  }
  throw new Error('expected a redirect or data with a status')
}

/** A new person who has just asked for a link through the form, and the token their email carries. */
async function personWithLink() {
  const user = await createUser()
  const answer = await askForLink({ email: user.email })
  const [queued] = await resetEmailsFor(user.id)
  return { user, answer, token: queued?.token ?? '' }
}

describe('the sign-in page', () => {
  test('links to the forgotten password page', async () => {
    const html = await renderRoute(
      { pattern: '/login', loader: loginLoader, Component: LoginPage },
      new Request('http://localhost/login'),
    )
    expect(html).toMatch(/<a [^>]*href="\/forgot-password"[^>]*>Forgotten your password\?<\/a>/)
  })
})

describe('asking for a reset link', () => {
  test('the form asks for an email address and says what will happen', async () => {
    const html = await renderRoute(
      { pattern: '/forgot-password', loader: async () => forgotLoader(), Component: ForgotPasswordPage },
      new Request('http://localhost/forgot-password'),
    )
    const text = readableText(html)
    expect(text).toContain('Forgotten your password?')
    expect(text).toContain('We will email you a link to reset your password.')
    expect(html).toMatch(/<input[^>]*name="email"[^>]*type="email"/)
    expect(html).toMatch(/<form method="post"/)
  })

  test('names an empty or malformed email and keeps what was typed', async () => {
    expect(answerOf(await askForLink({ email: '' }))).toEqual({
      status: 400,
      data: { errors: { email: 'Enter your email address' }, email: '' },
    })
    expect(answerOf(await askForLink({ email: 'not an email' }))).toEqual({
      status: 400,
      data: {
        errors: { email: 'Enter an email address in the correct format, like name@example.nhs.uk' },
        email: 'not an email',
      },
    })
  })

  test('answers a known and an unknown email alike, with a page that does not repeat the address', async () => {
    const { user, answer: known } = await personWithLink()
    const unknown = await askForLink({ email: 'no-account-here@example.test' })
    expect(answerOf(known)).toEqual({ status: 302, location: '/forgot-password/sent' })
    expect(answerOf(unknown)).toEqual(answerOf(known))
    expect(await resetEmailsFor(user.id)).toHaveLength(1)

    const sent = readableText(
      await renderRoute(
        { pattern: '/forgot-password/sent', loader: async () => sentLoader(), Component: ResetLinkSentPage },
        new Request('http://localhost/forgot-password/sent'),
      ),
    )
    expect(sent).toContain(
      'If an account uses that email address, we have sent a link to reset its password. The link works for 60 minutes.',
    )
  })

  test('tells an address that has asked too often to wait, whichever email it asks about', async () => {
    const ip = '192.0.2.99'
    for (let i = 0; i < RESET_REQUESTS_PER_ADDRESS; i++) await askForLink({ email: `person.${i}@example.test` }, ip)
    const user = await createUser()
    const answer = answerOf(await askForLink({ email: user.email }, ip))
    expect(answer).toEqual({
      status: 429,
      data: {
        errors: {
          email:
            'There have been too many requests to reset a password from your network. Wait 15 minutes, then try again.',
        },
        email: user.email,
      },
    })
    expect(await resetEmailsFor(user.id)).toEqual([])
  })
})

describe('a reset link', () => {
  test('opens the new password form, on a page whose address goes into no Referer', async () => {
    const { user, token } = await personWithLink()
    const html = await resetPage(token)
    const text = readableText(html)
    expect(text).toContain('Reset your password')
    expect(text).toContain(`This link is for the account of ${user.name}.`)
    expect(text).toContain('Use 12 characters or more.')
    expect(html).toMatch(/<input[^>]*name="newPassword"[^>]*type="password"[^>]*autocomplete="new-password"/i)
    expect(html).toMatch(/<input[^>]*name="confirmPassword"/)

    const headers = resetHeaders({
      parentHeaders: new Headers({ 'Set-Cookie': 'session=renewed' }),
      loaderHeaders: new Headers(),
      actionHeaders: new Headers(),
      errorHeaders: undefined,
    })
    expect(new Headers(headers).get('Referrer-Policy')).toBe('strict-origin')
    expect(new Headers(headers).get('Set-Cookie')).toBe('session=renewed')
  })

  test('that is unknown says the link no longer works and offers a new one', async () => {
    for (const token of ['nonsense', 'a'.repeat(52)]) {
      const html = await resetPage(token)
      expect(readableText(html)).toContain('This link no longer works')
      expect(html).toMatch(/<a [^>]*href="\/forgot-password"[^>]*>Ask for a new link<\/a>/)
      expect(html).not.toContain('name="newPassword"')
    }
  })

  test('names each problem with the new password and changes nothing', async () => {
    const { user, token } = await personWithLink()
    expect(answerOf(await setPassword(token, { newPassword: '', confirmPassword: '' }))).toEqual({
      status: 400,
      data: {
        usable: true,
        errors: { newPassword: 'Enter a new password', confirmPassword: 'Confirm your new password' },
      },
    })
    expect(answerOf(await setPassword(token, { newPassword: 'short', confirmPassword: 'short' }))).toMatchObject({
      status: 400,
      data: { errors: { newPassword: 'New password must be 12 characters or more' } },
    })
    expect(
      answerOf(await setPassword(token, { newPassword: NEW_PASSWORD, confirmPassword: 'different' })),
    ).toMatchObject({ status: 400, data: { errors: { confirmPassword: 'The passwords do not match' } } })
    expect((await signIn({ email: user.email, password: TEST_PASSWORD, ip: null })).ok).toBe(true)
  })

  test('sets the password, signs the person in at home, and then no longer works', async () => {
    const { user, token } = await personWithLink()
    const response = await setPassword(token, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    if (!(response instanceof Response)) throw new Error('expected a redirect')
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/?password-reset=1')
    const cookie = response.headers.get('Set-Cookie') ?? ''
    expect(cookie).toMatch(/^session=[a-z2-7]{32}; HttpOnly; SameSite=Lax/)
    const session = readSessionToken(
      new Request('http://localhost/', { headers: { Cookie: cookie.split(';')[0] ?? '' } }),
    )
    expect((await validateSessionToken({ token: session ?? '' }))?.user.id).toBe(user.id)
    expect((await signIn({ email: user.email, password: NEW_PASSWORD, ip: null })).ok).toBe(true)

    expect(
      answerOf(await setPassword(token, { newPassword: 'another passphrase', confirmPassword: 'another passphrase' })),
    ).toEqual({ status: 410, data: { usable: false, errors: null } })
    expect(readableText(await resetPage(token))).toContain('This link no longer works')
  })
})

describe('an administrator sending a link from a person’s page', () => {
  test('sends it after saying what will happen, and says it was sent', async () => {
    const admin = await createUser({ isAdmin: true })
    const person = await createUser()
    const page = async (search = '') =>
      readableText(
        await renderRoute(
          { pattern: '/admin/people/:personId', loader: personLoader, Component: AdminPersonPage },
          await signedInRequest(admin.id, `/admin/people/${person.id}${search}`),
        ),
      )
    expect(await page()).toContain(
      `We will email ${person.name} at ${person.email} a link to set a new password. The link works for 60 minutes.`,
    )
    const request = await signedInRequest(admin.id, `/admin/people/${person.id}`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'send-password-reset' }),
    })
    const response = await personAction({ request, params: { personId: person.id }, context: loadContext })
    expect(answerOf(response)).toEqual({
      status: 302,
      location: `/admin/people/${person.id}?done=password-reset-sent`,
    })
    expect(await resetEmailsFor(person.id)).toHaveLength(1)
    expect(await page('?done=password-reset-sent')).toContain(
      `A link to reset their password is on its way to ${person.name}. The link works for 60 minutes. If the email cannot be delivered, it is listed under Background jobs.`,
    )
  })
})
