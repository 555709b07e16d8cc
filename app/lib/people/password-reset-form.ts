import { z } from 'zod'

// Sending someone a link to set a new password: a button, nothing to fill in.

export const sendPasswordResetFormSchema = z.object({ intent: z.literal('send-password-reset') })
