import { z } from 'zod'

// The staff import pages' forms: upload a staff list, then apply or discard what it would change.

/** The largest staff list the upload accepts. A whole ICB's ESR export (80,000 rows) is about 25 MB. */
export const MAX_STAFF_LIST_BYTES = 50 * 1024 * 1024

export const STAFF_LIST_TOO_LARGE = 'The file must be smaller than 50 MB'

export const staffListUploadSchema = z.object({
  file: z
    .file({ error: 'Select a CSV file' })
    .min(1, 'The selected file is empty')
    .max(MAX_STAFF_LIST_BYTES, STAFF_LIST_TOO_LARGE),
})

export const CONFIRM_SUSPENSIONS = 'yes'

/** The preview's buttons. `confirm` is the "these people have left" checkbox, shown when many would be suspended. */
export const importRunFormSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('apply'),
    confirm: z.array(z.string()).transform((values) => values.includes(CONFIRM_SUSPENSIONS)),
  }),
  z.object({ intent: z.literal('discard') }),
])

export const CONFIRM_SUSPENSIONS_ERROR = 'Confirm that these people have left, or check the file'
