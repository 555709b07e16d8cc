import { z } from 'zod'

// The forms of an administrator's unit page, one per button. Field names differ between forms (name for a
// rename, childName for a new unit) because all of them are on one page, where a field's id is its name.

const NAME_MISSING = 'Enter a name for the unit'
const unitName = z
  .string({ error: NAME_MISSING })
  .trim()
  .min(1, NAME_MISSING)
  .max(200, 'The name must be 200 characters or fewer')

export const unitFormSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('rename'), name: unitName }),
  z.object({
    intent: z.literal('move'),
    parentId: z.string({ error: 'Choose where to move the unit' }).trim().min(1, 'Choose where to move the unit'),
  }),
  z.object({
    intent: z.literal('add'),
    childName: unitName,
    // Left out when the parent can hold one kind only (an ICB holds organisations); the domain checks the rest.
    childKind: z.enum(['organisation', 'directorate', 'team'], { error: 'Choose what kind of unit to add' }).optional(),
  }),
  z.object({ intent: z.literal('close') }),
  z.object({ intent: z.literal('reopen') }),
])

export type UnitForm = z.output<typeof unitFormSchema>

/** The fields of every form on the page, in page order, for one error summary at the top. */
export const UNIT_FORM_FIELDS = ['name', 'parentId', 'childName', 'childKind', 'close', 'reopen'] as const

/** After a change the page is loaded again (post/redirect/get) with `?done=` saying which, for its banner. */
export const UNIT_CHANGES = ['created', 'renamed', 'moved', 'closed', 'reopened', 'sign-in-changed'] as const
export type UnitChangeDone = (typeof UNIT_CHANGES)[number]
