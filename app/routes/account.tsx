import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import type { FieldErrors } from '#app/lib/forms/parse-form.ts'
import { PasswordField } from '#app/components/forms/password-field.tsx'
import { NewPasswordFields } from '#app/components/new-password-fields.tsx'
import { SummaryList, SummaryRow } from '#app/components/summary-list.tsx'
import { changePasswordFormSchema } from '#app/lib/auth/credentials.ts'
import { getSession, requireUser } from '#app/lib/auth/current-user.server.ts'
import { passwordAllowed, personSignIn } from '#app/lib/auth/sign-in-methods.server.ts'
import { createSession, sessionCookie } from '#app/lib/auth/session.server.ts'
import { changePassword } from '#app/lib/auth/users.server.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { membershipOf } from '#app/lib/org/memberships.server.ts'
import { roleProfileLabel } from '#app/lib/org/role-profiles.ts'

export const meta: MetaFunction = () => [{ title: 'My account – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [membership, signIn] = await Promise.all([membershipOf({ userId: user.id }), personSignIn({ userId: user.id })])
  const changed = new URL(request.url).searchParams.get('changed') === '1'
  return {
    user: { name: user.name, email: user.email },
    membership: membership && { ...membership, roleProfile: roleProfileLabel(membership.roleProfile) },
    changed,
    // An organisation that signs in through single sign-on only: no password to change (administrators keep theirs).
    usesPassword: passwordAllowed({ methods: signIn.methods, isAdmin: user.isAdmin }),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { methods } = await personSignIn({ userId: user.id })
  if (!passwordAllowed({ methods, isAdmin: user.isAdmin })) {
    throw new Response('Your organisation signs in through single sign-on, so you have no password to change here.', {
      status: 403,
    })
  }
  const form = parseForm(await readFormData(request), changePasswordFormSchema)
  if (!form.ok) return data({ errors: form.errors }, { status: 400 })
  const result = await changePassword({
    userId: user.id,
    currentPassword: form.data.currentPassword,
    newPassword: form.data.newPassword,
  })
  if (!result.ok) {
    const errors: FieldErrors = { [result.field]: result.message }
    return data({ errors }, { status: 400 })
  }
  // Every session ended with the old password; this device carries on with a new one, as shared as it was.
  const current = (await getSession(request))?.session
  const shared = current?.idleTimeoutMs != null
  const { token, session } = await createSession({
    userId: user.id,
    shared,
    signInProvider: current?.signInProvider ?? null,
  })
  return redirect('/account?changed=1', {
    headers: { 'Set-Cookie': sessionCookie({ token, expiresAt: session.expiresAt, shared }) },
  })
}

export default function AccountPage() {
  const { user, membership, changed, usesPassword } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const errors = actionData?.errors
  return (
    <>
      <Breadcrumbs trail={[{ label: 'Home', to: '/' }]} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {changed && !errors ? (
            <div className="nhsuk-inset-text" role="status">
              <p>Your password has been changed. You have been signed out on your other devices.</p>
            </div>
          ) : null}
          <ErrorSummary errors={errors} fields={['currentPassword', 'newPassword', 'confirmPassword']} />
          <h1>My account</h1>
          <SummaryList>
            <SummaryRow label="Name">{user.name}</SummaryRow>
            <SummaryRow label="Email" valueClassName="app-break-anywhere">
              {user.email}
            </SummaryRow>
            {membership ? (
              <>
                <SummaryRow label="Team">{membership.teamName}</SummaryRow>
                <SummaryRow label="Role profile">{membership.roleProfile}</SummaryRow>
              </>
            ) : null}
          </SummaryList>
          <h2>Emails</h2>
          <p>
            <Link to="/account/notifications">Choose which emails you get</Link> about your learning.
          </p>
          <h2>{usesPassword ? 'Change your password' : 'Your password'}</h2>
          {usesPassword ? null : (
            <p>
              Your organisation signs in through single sign-on, so you do not have a password for digital skills. To
              change the password you sign in with, use your organisation’s own service.
            </p>
          )}
          {usesPassword ? (
            <Form method="post" noValidate>
              <PasswordField
                name="currentPassword"
                label="Current password"
                autoComplete="current-password"
                error={errors?.currentPassword}
              />
              <NewPasswordFields errors={errors} />
              <button className="nhsuk-button" type="submit" disabled={navigation.state === 'submitting'}>
                Change password
              </button>
            </Form>
          ) : null}
        </div>
      </div>
    </>
  )
}
