import { z } from 'zod'

// What an LRS client may be allowed to do (the xAPI OAuth scope names). Shared by the admin page's form.
export const LRS_SCOPES = [
  'all',
  'all/read',
  'statements/write',
  'statements/read',
  'statements/read/mine',
  'state',
  'profile',
  'define',
] as const
export const lrsScopeSchema = z.enum(LRS_SCOPES)
export type LrsScope = z.infer<typeof lrsScopeSchema>
