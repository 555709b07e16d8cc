import { z } from 'zod'
import { WAIVE_REASONS, type WaiveReason } from './cmi5-vocabulary.ts'

const reasons = Object.keys(WAIVE_REASONS) as [WaiveReason, ...WaiveReason[]]

// The waive page's form: which unit, why, and whether this is the check step or the confirmation.
export const waiveFormSchema = z.object({
  intent: z.enum(['check', 'confirm']).default('check'),
  unit: z.string({ error: 'Choose the unit to waive' }).min(1, 'Choose the unit to waive'),
  reason: z.enum(reasons, { error: 'Choose why the unit is waived' }),
})

export const waiveReasonItems = reasons.map((value) => ({ value, label: WAIVE_REASONS[value] }))
