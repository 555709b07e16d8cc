import { z } from 'zod'

// Unlinking one of a person's single sign-on accounts, posted from the confirmation page (the account's row id
// travels in a hidden field; it is never shown).

export const unlinkIdentityFormSchema = z.object({
  intent: z.literal('unlink-identity'),
  identityId: z
    .string({ error: 'Choose the account to unlink' })
    .trim()
    .min(1, 'Choose the account to unlink')
    .max(100),
})
