import { z } from 'zod'

// Suspending someone (after a confirmation page) or restoring them: a button each.

export const suspendFormSchema = z.object({ intent: z.literal('suspend') })
export const restoreFormSchema = z.object({ intent: z.literal('restore') })
