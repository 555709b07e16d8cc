import { z } from 'zod'
import { adminDoneSchema } from './person-admin-result.ts'

// What an administrator's page about a person reads from its address: the change just made (for the success
// banner), the suspend confirmation step, and the text narrowing the lists of teams and units. Anything
// malformed is ignored rather than failing the page.

const filterText = z.string().trim().max(100).optional().catch(undefined)

export const personPageQuerySchema = z.object({
  done: adminDoneSchema.optional().catch(undefined),
  unit: z.string().max(100).optional().catch(undefined),
  confirm: z.enum(['suspend', 'unlink']).optional().catch(undefined),
  /** The single sign-on account to confirm unlinking, and (after it) which provider it was at. */
  identity: z.string().max(100).optional().catch(undefined),
  provider: z.string().max(40).optional().catch(undefined),
  findTeam: filterText,
  findUnit: filterText,
})

export function readPersonPageQuery(url: URL) {
  return personPageQuerySchema.parse(Object.fromEntries(url.searchParams))
}
