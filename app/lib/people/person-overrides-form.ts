import { z } from 'zod'
import { roleProfileSchema } from '#app/lib/org/role-profiles.ts'

// Setting a person's team and role profile by hand. An empty choice means "as the staff list says".

const emptyAsNull = <T extends string>(value: T | undefined): Exclude<T, ''> | null =>
  value ? (value as Exclude<T, ''>) : null

export const setOverridesFormSchema = z.object({
  intent: z.literal('set-overrides'),
  teamId: z.string().trim().max(100).optional().transform(emptyAsNull),
  roleProfile: z
    .union([z.literal(''), roleProfileSchema], { error: 'Choose a role profile from the list' })
    .optional()
    .transform(emptyAsNull),
})

export const clearOverridesFormSchema = z.object({ intent: z.literal('clear-overrides') })
