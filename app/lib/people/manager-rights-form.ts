import { z } from 'zod'

// Giving someone manager rights over a unit (it and everything below it), or taking back rights given by hand.

export const grantManagerFormSchema = z.object({
  intent: z.literal('grant-manager'),
  unitId: z.string({ error: 'Choose the unit they will manage' }).trim().min(1, 'Choose the unit they will manage'),
})

export const revokeManagerFormSchema = z.object({
  intent: z.literal('revoke-manager'),
  unitId: z.string().trim().min(1),
})
