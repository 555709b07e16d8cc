import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Checkboxes } from '#app/components/forms/checkboxes.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { PasswordField } from '#app/components/forms/password-field.tsx'
import { TextField } from '#app/components/forms/text-field.tsx'
import {
  SHARED_COMPUTER_HINT,
  SHARED_COMPUTER_LABEL,
  SsoSignInForm,
} from '#app/components/sign-in/sso-sign-in-form.tsx'
import { MAX_EMAIL_LENGTH, signInFormSchema } from '#app/lib/auth/credentials.ts'
import { getUser, safeRedirect } from '#app/lib/auth/current-user.server.ts'
import { requestNow } from '#app/lib/auth/request-clock.server.ts'
import { sessionCookie } from '#app/lib/auth/session.server.ts'
import { signIn } from '#app/lib/auth/sign-in.server.ts'
import type { FieldErrors } from '#app/lib/forms/parse-form.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { publicProvider, ssoProviders } from '#app/lib/sso/providers.server.ts'
import { clearHintCookie, hintedProvider } from '#app/lib/sso/sign-in-hint.server.ts'

export const meta: MetaFunction = () => [{ title: 'Sign in – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const redirectTo = safeRedirect(url.searchParams.get('redirectTo'))
  if (await getUser(request)) throw redirect(redirectTo)
  const hinted = hintedProvider(request)
  const showPassword = !hinted || url.searchParams.get('with') === 'password'
  // On a device whose last person signs in through single sign-on only, that provider alone (see sign-in-hint).
  const providers = hinted && !showPassword ? [publicProvider(hinted)] : ssoProviders().map(publicProvider)
  return { redirectTo, providers, showPassword, ended: url.searchParams.get('ended') === '1' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request)
  // Sent back so the email field stays filled in when the page is rendered again without JavaScript.
  const emailEntry = formData.get('email')
  const submittedEmail = typeof emailEntry === 'string' ? emailEntry.slice(0, MAX_EMAIL_LENGTH) : ''
  const form = parseForm(formData, signInFormSchema)
  if (!form.ok) return data({ errors: form.errors, email: submittedEmail }, { status: 400 })
  const { email, password, redirectTo, passwordShared } = form.data
  const result = await signIn({
    email,
    password,
    ip: context.clientIp,
    shared: passwordShared,
    now: requestNow(request),
  })
  if (!result.ok) {
    const errors: FieldErrors = {
      email:
        result.reason === 'rate-limited'
          ? rateLimited(result.waitMs)
          : result.reason === 'sso-only'
            ? ssoOnlyRefusal(result.providers)
            : signInRefusal(result.reason),
    }
    return data({ errors, email: submittedEmail }, { status: result.reason === 'rate-limited' ? 429 : 400 })
  }
  const headers = new Headers()
  headers.append(
    'Set-Cookie',
    sessionCookie({ token: result.token, expiresAt: result.expiresAt, shared: result.shared }),
  )
  // Whoever signs in with a password on this device wants the password form next time.
  headers.append('Set-Cookie', clearHintCookie())
  return redirect(safeRedirect(redirectTo), { headers })
}

function rateLimited(waitMs: number): string {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000))
  return `Too many failed attempts to sign in. Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, then try again.`
}

function signInRefusal(reason: 'invalid' | 'suspended'): string {
  switch (reason) {
    case 'invalid':
      return 'Enter a correct email address and password'
    case 'suspended':
      return 'Your account is suspended, so you cannot sign in. This happens when you leave your organisation. If you still work here, ask your line manager or your digital learning team to restore it.'
  }
}

/** Said only once the password was right: their organisation's own providers, by the names on the buttons. */
function ssoOnlyRefusal(providerIds: string[]): string {
  const labels = ssoProviders()
    .filter((provider) => providerIds.includes(provider.id))
    .map((provider) => provider.label)
  const [first] = labels
  if (!first)
    return 'Your organisation signs in through single sign-on, not a password. Ask your digital learning team how.'
  return `Your organisation signs in with ${labels.join(' or ')}, not a password. Use the “Sign in with ${first}” button.`
}

export default function LoginPage() {
  const { redirectTo, providers, showPassword, ended } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const errors = actionData?.errors
  const withSso = providers.length > 0
  const only = providers.length === 1 ? providers[0] : undefined
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} fields={['email', 'password']} />
        <h1>Sign in</h1>
        {ended && !errors ? (
          <div className="nhsuk-inset-text" role="status">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              You have been signed out. This happens after 15 minutes without use on a shared computer, after 30 days on
              your own device, or when your password is changed. Sign in again to carry on.
            </p>
          </div>
        ) : null}
        <p>Use your work account to sign in to your digital skills learning.</p>
        {withSso ? (
          <section aria-labelledby="sso-heading">
            <h2 id="sso-heading">{only ? `With ${only.label}` : 'With your organisation’s sign-in'}</h2>
            <p>
              If your organisation has set this up, use the account you sign in to{' '}
              {only ? only.label : 'your work email'} with. You do not need a separate password.
            </p>
            <SsoSignInForm providers={providers} redirectTo={redirectTo} />
          </section>
        ) : null}
        {showPassword ? (
          <section aria-labelledby={withSso ? 'password-heading' : undefined}>
            {withSso ? <h2 id="password-heading">With a password</h2> : null}
            <Form method="post" action="/login" noValidate>
              <input type="hidden" name="redirectTo" value={redirectTo} />
              <TextField
                name="email"
                label="Email address"
                type="email"
                autoComplete="username"
                spellCheck={false}
                maxLength={MAX_EMAIL_LENGTH}
                defaultValue={actionData?.email}
                error={errors?.email}
              />
              <PasswordField
                name="password"
                label="Password"
                autoComplete="current-password"
                error={errors?.password}
              />
              <Checkboxes
                name="passwordShared"
                items={[{ value: 'yes', label: SHARED_COMPUTER_LABEL, hint: SHARED_COMPUTER_HINT }]}
              />
              <button className="nhsuk-button" type="submit" disabled={navigation.state === 'submitting'}>
                Sign in
              </button>
            </Form>
            <p>
              <Link to="/forgot-password">Forgotten your password?</Link>
            </p>
          </section>
        ) : (
          <p>
            <Link to={`/login?${new URLSearchParams({ with: 'password', redirectTo })}`}>
              Sign in with an email address and password instead
            </Link>
          </p>
        )}
      </div>
    </div>
  )
}
