import { z } from 'zod'
import type { Viewer, VisibleUnit } from '#app/lib/auth/scope.server.ts'
import { dateField, type DateParts } from '#app/lib/forms/date-field.ts'
import { parseForm, type FieldErrors, type FormValue } from '#app/lib/forms/parse-form.ts'
import type { AssignFormValues, AssignmentReview } from './assign-form.ts'
import { checkAssignment, createAssignment, describeAssignment } from './assignments.server.ts'

export type { AssignFormValues, AssignmentReview } from './assign-form.ts'

// The assign page's forms. What may be assigned, to whom, is checked by checkAssignment, which also
// serves callers without a form; this reads the form, and its day/month/year due date, around it.
//
// Assigning takes two posts: the form ("check") shows what, who (with how many people) and when without
// writing anything; only "confirm", which carries the same answers in hidden fields, stores the assignment.
// "Change" on the check step is a link back to the form with the answers in its query string.

export const cancelAssignmentFormSchema = z.object({
  intent: z.literal('cancel'),
  assignmentId: z.string().default(''),
})

const assignFormSchema = z.object({
  intent: z.enum(['check', 'confirm']).catch('check'),
  what: z.string().default(''),
  who: z.string().default(''),
  personId: z.string().default(''),
  dueDate: dateField({ label: 'Due date', missing: 'Enter a due date' }),
  recurs: z.string().optional(),
})

export type AssignFromFormResult =
  | { ok: true; step: 'assigned' }
  | { ok: true; step: 'check'; review: AssignmentReview }
  | { ok: false; errors: FieldErrors; values: AssignFormValues }

/**
 * "check": every field's first problem, due date included, or what the assignment would be, writing
 * nothing. "confirm": the same checks, then the assignment is stored.
 */
export async function assignFromForm({
  viewer,
  unit,
  formData,
  now = new Date(),
}: {
  viewer: Viewer
  unit: VisibleUnit
  formData: FormData
  now?: Date
}): Promise<AssignFromFormResult> {
  const form = parseForm(formData, assignFormSchema)
  const values = formValues(form.values)
  // With no real due date, the other fields are still checked (and nothing is stored).
  const input = form.ok ? form.data : { ...form.values, dueDate: undefined }
  if (form.ok && form.data.intent === 'confirm') {
    const created = await createAssignment({ viewer, unitId: unit.id, input, now })
    if (created.ok) return { ok: true, step: 'assigned' }
    return { ok: false, errors: created.errors, values }
  }
  const checked = await checkAssignment({ viewer, unitId: unit.id, input, now })
  if (form.ok && checked.ok) {
    const described = await describeAssignment({ plan: checked.plan, unit })
    return {
      ok: true,
      step: 'check',
      review: {
        values: { ...values, recurs: checked.plan.recurs },
        what: described.what,
        who: described.who,
        people: described.people,
        joinersIncluded: described.joinersIncluded,
        dueDate: checked.plan.dueDate,
        recurs: described.refreshes ? checked.plan.recurs : null,
      },
    }
  }
  return { ok: false, errors: { ...(checked.ok ? {} : checked.errors), ...(form.ok ? {} : form.errors) }, values }
}

function formValues(values: Partial<Record<string, FormValue>>): AssignFormValues {
  const { what, who, personId, dueDate, recurs } = values
  return {
    what: text(what),
    who: text(who),
    personId: text(personId),
    dueDate: isDateParts(dueDate) ? dueDate : { day: '', month: '', year: '' },
    recurs: recurs === 'yes',
  }
}

const text = (value: FormValue | undefined) => (typeof value === 'string' ? value : '')
const isDateParts = (value: FormValue | undefined): value is DateParts =>
  typeof value === 'object' && !Array.isArray(value)
