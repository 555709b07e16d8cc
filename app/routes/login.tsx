import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import type { FieldErrors } from '#app/lib/forms/parse-form.ts'
import { PasswordField } from '#app/components/forms/password-field.tsx'
import { TextField } from '#app/components/forms/text-field.tsx'
import { MAX_EMAIL_LENGTH, signInFormSchema } from '#app/lib/auth/credentials.ts'
import { getUser, safeRedirect } from '#app/lib/auth/current-user.server.ts'
import { SIGN_IN_WINDOW_MS } from '#app/lib/auth/rate-limit.server.ts'
import { sessionCookie } from '#app/lib/auth/session.server.ts'
import { signIn } from '#app/lib/auth/sign-in.server.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Sign in – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'))
  if (await getUser(request)) throw redirect(redirectTo)
  return { redirectTo }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request)
  // Sent back so the email field stays filled in when the page is rendered again without JavaScript.
  const emailEntry = formData.get('email')
  const submittedEmail = typeof emailEntry === 'string' ? emailEntry.slice(0, MAX_EMAIL_LENGTH) : ''
  const form = parseForm(formData, signInFormSchema)
  if (!form.ok) return data({ errors: form.errors, email: submittedEmail }, { status: 400 })
  const { email, password, redirectTo } = form.data
  const result = await signIn({ email, password, ip: context.clientIp })
  if (!result.ok) {
    const limited = result.reason === 'rate-limited'
    const errors: FieldErrors = { email: signInRefusal[result.reason] }
    return data({ errors, email: submittedEmail }, { status: limited ? 429 : 400 })
  }
  return redirect(safeRedirect(redirectTo), {
    headers: { 'Set-Cookie': sessionCookie({ token: result.token, expiresAt: result.expiresAt }) },
  })
}

const signInRefusal = {
  'rate-limited': `Too many failed attempts to sign in. Wait ${SIGN_IN_WINDOW_MS / 60_000} minutes, then try again.`,
  invalid: 'Enter a correct email address and password',
  suspended:
    'Your account is suspended, so you cannot sign in. This happens when you leave your organisation. If you still work here, ask your line manager or your digital learning team to restore it.',
} as const

export default function LoginPage() {
  const { redirectTo } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const errors = actionData?.errors
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} fields={['email', 'password']} />
        <h1>Sign in</h1>
        <p>Use your work email address to sign in to your digital skills learning.</p>
        <Form method="post" noValidate>
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
          <PasswordField name="password" label="Password" autoComplete="current-password" error={errors?.password} />
          <button className="nhsuk-button" type="submit" disabled={navigation.state === 'submitting'}>
            Sign in
          </button>
        </Form>
        <p>
          <Link to="/forgot-password">Forgotten your password?</Link>
        </p>
      </div>
    </div>
  )
}
