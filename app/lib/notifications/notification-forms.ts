import { z } from 'zod'
import { reminderKindSchema } from './notification-kinds.ts'

// The forms about emails: a person's choices, the administrators' email rules, and the unsubscribe button.

/** The ticked boxes are the emails the person wants; nothing ticked turns every offered kind off. */
export const emailChoicesFormSchema = z.object({ wanted: z.array(reminderKindSchema) })

/** The ticked boxes are the kinds sent to everyone; nothing ticked lets everyone choose every kind. */
export const emailRulesFormSchema = z.object({ mandatory: z.array(reminderKindSchema) })

/**
 * RFC 8058 one-click unsubscribe: mail clients post exactly `List-Unsubscribe=One-Click`, and the page's own
 * button sends the same, so both arrive as one request.
 */
export const unsubscribeFormSchema = z.object({
  'List-Unsubscribe': z.literal('One-Click', { error: 'Use the button on the page to stop these emails' }),
})
