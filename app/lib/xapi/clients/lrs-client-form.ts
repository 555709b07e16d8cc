import { z } from 'zod'
import { lrsScopeSchema } from './lrs-scopes.ts'

/** The admin page's two forms: issue a key to a new client, or disable one. */
export const lrsClientFormSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('create'),
    name: z
      .string({ error: 'Enter a name for the client' })
      .trim()
      .min(1, 'Enter a name for the client')
      .max(200, 'Name must be 200 characters or fewer'),
    scopes: z.array(lrsScopeSchema).min(1, 'Choose at least one scope'),
    trusted: z
      .string()
      .optional()
      .transform((value) => value === 'yes'),
  }),
  z.object({ intent: z.literal('disable'), clientId: z.string().default('') }),
])
