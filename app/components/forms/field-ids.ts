import type { ReactNode } from 'react'

// The one place a field's ids and ARIA are worked out, so a message is always announced with its field
// and the error summary always links to an element that exists.

/** A field's element id: its name with anything but letters, digits, _ . and - replaced by "-" ("q:x" is "q-x"). */
export function fieldId(name: string): string {
  return name.replace(/[^\w.-]/g, '-')
}

/** The ids of a field's hint and error message, what its control (or fieldset) is described by, and aria-invalid. */
export function fieldAria({ name, hint, error }: { name: string; hint?: ReactNode; error?: string }) {
  const id = fieldId(name)
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  return { id, hintId, errorId, describedBy: idList(hintId, errorId), invalid: error ? true : undefined }
}

export type FieldAria = ReturnType<typeof fieldAria>

/** Space-separated ids for aria-describedby, or nothing. */
export function idList(...ids: (string | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined
}

/** Radios and checkboxes: the first option's id is the field's own (the error summary links there), the rest add their value. */
export function optionId(field: FieldAria, value: string, index: number): string {
  return index === 0 ? field.id : `${field.id}-${fieldId(value)}`
}

/** A date input's first box, which the error summary links to. */
export function dateBoxId(name: string, part: 'day' | 'month' | 'year'): string {
  return `${fieldId(name)}-${part}`
}

/** A field as the error summary lists it: its name, or { date: name } for a date input (linked to its day box). */
export type SummaryField = string | { date: string }

export function summaryTarget(field: SummaryField): { name: string; href: string } {
  return typeof field === 'string'
    ? { name: field, href: `#${fieldId(field)}` }
    : { name: field.date, href: `#${dateBoxId(field.date, 'day')}` }
}

/** The attributes tying a single control (input, textarea, select) to its field's hint and error. */
export function controlAttributes(field: FieldAria, name: string) {
  return { id: field.id, name, 'aria-describedby': field.describedBy, 'aria-invalid': field.invalid }
}
