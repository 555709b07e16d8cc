import { PASSWORD_MAX_LENGTH } from '#app/lib/auth/credentials.ts'
import { TextField } from './text-field.tsx'

/**
 * A password input, limited to the length a password may be. `autoComplete` tells password managers whether to
 * fill in the saved password or offer a new one.
 */
export function PasswordField({
  name,
  label,
  hint,
  error,
  autoComplete,
}: {
  name: string
  label: string
  hint?: string
  error?: string
  autoComplete: 'current-password' | 'new-password'
}) {
  return (
    <TextField
      name={name}
      label={label}
      hint={hint}
      type="password"
      autoComplete={autoComplete}
      maxLength={PASSWORD_MAX_LENGTH}
      error={error}
    />
  )
}
