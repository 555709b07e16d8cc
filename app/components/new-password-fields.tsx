import { PasswordField } from '#app/components/forms/password-field.tsx'
import { NEW_PASSWORD_HINT } from '#app/lib/auth/credentials.ts'
import type { FieldErrors } from '#app/lib/forms/parse-form.ts'

/** Choosing a password: the new one with its rules, and again to confirm (changing it, or after a reset link). */
export function NewPasswordFields({ errors }: { errors?: FieldErrors | null }) {
  return (
    <>
      <PasswordField
        name="newPassword"
        label="New password"
        hint={NEW_PASSWORD_HINT}
        autoComplete="new-password"
        error={errors?.newPassword}
      />
      <PasswordField
        name="confirmPassword"
        label="Confirm new password"
        autoComplete="new-password"
        error={errors?.confirmPassword}
      />
    </>
  )
}
