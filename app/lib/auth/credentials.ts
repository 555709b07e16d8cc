import { z } from 'zod'

// Shared by the sign-in, change-password and reset-password forms so they all speak the same limits.
export const MAX_EMAIL_LENGTH = 254
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 128

export const emailField = z
  .string({ error: 'Enter your email address' })
  .trim()
  .min(1, 'Enter your email address')
  .max(MAX_EMAIL_LENGTH, `Email address must be ${MAX_EMAIL_LENGTH} characters or fewer`)
  .pipe(z.email('Enter an email address in the correct format, like name@example.nhs.uk'))

/**
 * "This is a shared computer", a lone checkbox: ticked, the session ends after a short idle time. The password
 * form and the single sign-on form each have one, under different names (a field's id is its name).
 */
export const sharedComputerField = z
  .array(z.string())
  .default([])
  .transform((values) => values.includes('yes'))

export const signInFormSchema = z.object({
  email: emailField,
  password: z
    .string({ error: 'Enter your password' })
    .min(1, 'Enter your password')
    .max(PASSWORD_MAX_LENGTH, `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`),
  redirectTo: z.string().optional(),
  passwordShared: sharedComputerField,
})

/** Starting a sign-in through a single sign-on provider: where to go afterwards, and whether the computer is shared. */
export const ssoStartFormSchema = z.object({
  redirectTo: z.string().optional(),
  shared: sharedComputerField,
})

export const newPasswordField = z
  .string({ error: 'Enter a new password' })
  .min(1, 'Enter a new password')
  .min(PASSWORD_MIN_LENGTH, `New password must be ${PASSWORD_MIN_LENGTH} characters or more`)
  .max(PASSWORD_MAX_LENGTH, `New password must be ${PASSWORD_MAX_LENGTH} characters or fewer`)

const confirmPasswordField = z.string({ error: 'Confirm your new password' }).min(1, 'Confirm your new password')

const passwordsMatch = {
  check: (form: { newPassword: string; confirmPassword: string }) => form.newPassword === form.confirmPassword,
  params: { path: ['confirmPassword'], message: 'The passwords do not match' },
}

export const NEW_PASSWORD_HINT = `Use ${PASSWORD_MIN_LENGTH} characters or more. A few unrelated words together make a strong password.`

export const changePasswordFormSchema = z
  .object({
    currentPassword: z
      .string({ error: 'Enter your current password' })
      .min(1, 'Enter your current password')
      .max(PASSWORD_MAX_LENGTH, 'Your current password is not right'),
    newPassword: newPasswordField,
    confirmPassword: confirmPasswordField,
  })
  .refine(passwordsMatch.check, passwordsMatch.params)

/** Setting a password from a reset link: the same rules as changing it, without the current one. */
export const newPasswordFormSchema = z
  .object({ newPassword: newPasswordField, confirmPassword: confirmPasswordField })
  .refine(passwordsMatch.check, passwordsMatch.params)

/** Asking for a reset link: only the email address. */
export const forgotPasswordFormSchema = z.object({ email: emailField })
