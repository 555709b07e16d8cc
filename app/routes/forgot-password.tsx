import { data, redirect, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { TextField } from '#app/components/forms/text-field.tsx'
import { forgotPasswordFormSchema, MAX_EMAIL_LENGTH } from '#app/lib/auth/credentials.ts'
import { requestPasswordReset } from '#app/lib/auth/password-reset.server.ts'
import { RESET_REQUEST_WINDOW_MS } from '#app/lib/auth/reset-rate-limit.server.ts'
import type { FieldErrors } from '#app/lib/forms/parse-form.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { ssoProviders } from '#app/lib/sso/providers.server.ts'

export const meta: MetaFunction = () => [{ title: 'Forgotten your password – Digital skills' }]

export function loader() {
  return { providerLabels: ssoProviders().map((provider) => provider.label) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(await readFormData(request), forgotPasswordFormSchema)
  const submittedEmail = typeof form.values.email === 'string' ? form.values.email.slice(0, MAX_EMAIL_LENGTH) : ''
  if (!form.ok) return data({ errors: form.errors, email: submittedEmail }, { status: 400 })
  const result = await requestPasswordReset({ email: form.data.email, ip: context.clientIp })
  if (result.outcome === 'try-later') {
    const errors: FieldErrors = { email: tooManyRequests }
    return data({ errors, email: submittedEmail }, { status: 429 })
  }
  // The same page whether or not anyone has that email: the address is not repeated, so it stays out of the URL.
  return redirect('/forgot-password/sent')
}

// Only the client address's limit is said out loud: it says nothing about whether the email has an account.
const tooManyRequests = `There have been too many requests to reset a password from your network. Wait ${RESET_REQUEST_WINDOW_MS / 60_000} minutes, then try again.`

export default function ForgotPasswordPage() {
  const { providerLabels } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const errors = actionData?.errors
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Link className="nhsuk-back-link" to="/login">
          Back to sign in
        </Link>
        <ErrorSummary errors={errors} fields={['email']} />
        <h1>Forgotten your password?</h1>
        <p>Enter the email address you use to sign in. We will email you a link to reset your password.</p>
        {providerLabels.length > 0 ? (
          <p>
            {`If your organisation uses ${providerLabels.join(' or ')} to sign in, you do not need a password for this service: `}
            <Link to="/login">{`go back and choose “Sign in with ${providerLabels[0]}”`}</Link>.
          </p>
        ) : null}
        <Form method="post" noValidate>
          <TextField
            name="email"
            label="Email address"
            type="email"
            autoComplete="email"
            spellCheck={false}
            maxLength={MAX_EMAIL_LENGTH}
            defaultValue={actionData?.email}
            error={errors?.email}
          />
          <button className="nhsuk-button" type="submit" disabled={navigation.state === 'submitting'}>
            Send me a link
          </button>
        </Form>
      </div>
    </div>
  )
}
