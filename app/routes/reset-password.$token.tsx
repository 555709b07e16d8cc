import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { NewPasswordFields } from '#app/components/new-password-fields.tsx'
import { newPasswordFormSchema } from '#app/lib/auth/credentials.ts'
import { completePasswordReset, findResetLink } from '#app/lib/auth/password-reset.server.ts'
import { RESET_LINK_LIFETIME_MINUTES } from '#app/lib/auth/reset-link.ts'
import { sessionCookie } from '#app/lib/auth/session.server.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'

// The page a reset link opens. Its address holds the token, so no request from the page may carry that address
// in its Referer: strict-origin sends only https://host/, to this site and any other (header, and meta for
// browsers that read only one). Not no-referrer: under it, browsers send `Origin: null` with the form's post,
// which the server's cross-site check rightly refuses, and without JavaScript the form could not be sent.

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  {
    title:
      page?.usable === false ? 'This link no longer works – Digital skills' : 'Reset your password – Digital skills',
  },
  { name: 'referrer', content: 'strict-origin' },
]

export const headers: HeadersFunction = ({ parentHeaders }) => {
  // The root's headers (a renewed session cookie) still go out. The server's same-origin policy comes first in
  // the response, and browsers follow the last policy they are given.
  const headers = new Headers(parentHeaders)
  headers.set('Referrer-Policy', 'strict-origin')
  headers.set('Cache-Control', 'no-store')
  return headers
}

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await findResetLink({ token: params.token ?? '' })
  // The name tells apart the links of people who share a mailbox; only whoever holds the link sees it.
  return link ? { usable: true as const, name: link.name } : { usable: false as const, name: null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? ''
  // An expired link is said first: correcting the form would not help.
  if (!(await findResetLink({ token }))) return data({ usable: false, errors: null }, { status: 410 })
  const form = parseForm(await readFormData(request), newPasswordFormSchema)
  if (!form.ok) return data({ usable: true, errors: form.errors }, { status: 400 })
  const result = await completePasswordReset({ token, newPassword: form.data.newPassword })
  if (!result.ok) return data({ usable: false, errors: null }, { status: 410 })
  return redirect('/?password-reset=1', {
    headers: { 'Set-Cookie': sessionCookie(result.session) },
  })
}

export default function ResetPasswordPage() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  if (!(actionData ?? loaderData).usable) return <ExpiredLink />
  const errors = actionData?.errors
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} fields={['newPassword', 'confirmPassword']} />
        <h1>Reset your password</h1>
        {loaderData.name ? <p>This link is for the account of {loaderData.name}.</p> : null}
        <p>Choose a new password. When you save it, you will be signed out on every other device.</p>
        <Form method="post" noValidate>
          <NewPasswordFields errors={errors} />
          <button className="nhsuk-button" type="submit" disabled={navigation.state === 'submitting'}>
            Save new password
          </button>
        </Form>
      </div>
    </div>
  )
}

function ExpiredLink() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>This link no longer works</h1>
        <p>
          A link to reset your password works once, for {RESET_LINK_LIFETIME_MINUTES} minutes. This one has been used or
          has expired, or it was not copied in full.
        </p>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
        <p>
          If you have already set a new password, <Link to="/login">sign in</Link>.
        </p>
      </div>
    </div>
  )
}
