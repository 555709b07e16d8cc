import { z } from 'zod'

// Making someone an administrator, or no longer one: a button each, nothing to fill in.

export const grantAdminFormSchema = z.object({ intent: z.literal('grant-admin') })
export const revokeAdminFormSchema = z.object({ intent: z.literal('revoke-admin') })
