import { type EmailContent } from './email-content.ts'
import { emailLayout, SERVICE_NAME } from './email-layout.ts'

export interface PasswordResetParams {
  firstName: string
  /** The absolute address of the reset page, token included. */
  resetUrl: string
  expiresInMinutes: number
}

export function passwordResetEmail({
  firstName,
  resetUrl,
  expiresInMinutes,
}: PasswordResetParams): EmailContent<'password-reset'> {
  const expiresIn = duration(expiresInMinutes)
  return {
    ...emailLayout({
      subject: `Reset your ${SERVICE_NAME} password`,
      firstName,
      blocks: [
        { type: 'paragraph', content: [`We have been asked to reset the password for your ${SERVICE_NAME} account.`] },
        { type: 'action', link: { text: 'Choose a new password', url: resetUrl } },
        { type: 'paragraph', content: [`This link works for ${expiresIn}. After that you will need to ask again.`] },
        {
          type: 'paragraph',
          content: ['If you did not ask for this, you can ignore this email. Your password has not changed.'],
        },
      ],
      reason: `You got this email because someone asked to reset the password of the ${SERVICE_NAME} account for this address.`,
    }),
    personalisation: { first_name: firstName, link: resetUrl, expires_in: expiresIn },
  }
}

/** "60 minutes": in minutes, as the reset pages say it, so the email and the page agree. */
export function duration(minutes: number): string {
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}
