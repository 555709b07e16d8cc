import { z } from 'zod'
import type { Viewer } from '#app/lib/auth/scope.server.ts'
import { dateField, type DateParts } from '#app/lib/forms/date-field.ts'
import { parseForm, type FieldErrors, type FormValue } from '#app/lib/forms/parse-form.ts'
import { createAssignment } from './assignments.server.ts'

// The assign page's two forms. What may be assigned, to whom, is checked by createAssignment, which also
// serves callers without a form; this reads the form, and its day/month/year due date, around it.

export const cancelAssignmentFormSchema = z.object({
  intent: z.literal('cancel'),
  assignmentId: z.string().default(''),
})

const assignFormSchema = z.object({
  what: z.string().default(''),
  who: z.string().default(''),
  personId: z.string().default(''),
  dueDate: dateField({ label: 'Due date', missing: 'Enter a due date' }),
  recurs: z.string().optional(),
})

/** What the assign form showed, to show it again with its errors. */
export interface AssignFormValues {
  what: string
  who: string
  personId: string
  dueDate: DateParts
  recurs: boolean
}

export type AssignFromFormResult = { ok: true } | { ok: false; errors: FieldErrors; values: AssignFormValues }

/** Creates the assignment the form describes; otherwise every field's first problem, due date included. */
export async function assignFromForm({
  viewer,
  unitId,
  formData,
  now = new Date(),
}: {
  viewer: Viewer
  unitId: string
  formData: FormData
  now?: Date
}): Promise<AssignFromFormResult> {
  const form = parseForm(formData, assignFormSchema)
  // With no real due date, createAssignment still checks the other fields (and stores nothing).
  const input = form.ok ? form.data : { ...form.values, dueDate: undefined }
  const created = await createAssignment({ viewer, unitId, input, now })
  if (form.ok && created.ok) return { ok: true }
  const errors = { ...(created.ok ? {} : created.errors), ...(form.ok ? {} : form.errors) }
  const { what, who, personId, dueDate, recurs } = form.values
  return {
    ok: false,
    errors,
    values: {
      what: text(what),
      who: text(who),
      personId: text(personId),
      dueDate: isDateParts(dueDate) ? dueDate : { day: '', month: '', year: '' },
      recurs: recurs === 'yes',
    },
  }
}

const text = (value: FormValue | undefined) => (typeof value === 'string' ? value : '')
const isDateParts = (value: FormValue | undefined): value is DateParts =>
  typeof value === 'object' && !Array.isArray(value)
