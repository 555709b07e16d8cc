import { Form } from '@remix-run/react'
import { RESET_LINK_LIFETIME_MINUTES } from '#app/lib/auth/reset-link.ts'

/**
 * An administrator sends someone a link to set a new password, for when they cannot use "Forgotten your
 * password?" themselves. The sentence before the button says what will happen, so pressing it is the confirmation.
 */
export function SendPasswordResetForm({
  name,
  email,
  suspended,
}: {
  name: string
  email: string | null
  suspended: boolean
}) {
  if (suspended) return null
  return (
    <>
      <h3>Password</h3>
      {email ? (
        <LinkForm name={name} email={email} />
      ) : (
        <p>{name} has no email address, so we cannot send them a link to reset their password.</p>
      )}
    </>
  )
}

function LinkForm({ name, email }: { name: string; email: string }) {
  return (
    <>
      <p>
        We will email {name} at <span className="app-break-anywhere">{email}</span> a link to set a new password. The
        link works for {RESET_LINK_LIFETIME_MINUTES} minutes. Their current password keeps working until they use it.
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="send-password-reset" />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Send a password reset link
        </button>
      </Form>
    </>
  )
}
