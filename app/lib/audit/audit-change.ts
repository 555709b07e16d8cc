// An audit entry's before and after, in words for administrators: "Name: Ward 7 → Ward 7A" on the page and
// "Name: Ward 7; Part of: Medicine" in the CSV. Writers record plain values (names, not ids), so this only
// names the fields and spells out the few values that are words of ours.

export type AuditValues = Record<string, unknown> | null | undefined

const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  parent: 'Part of',
  status: 'Status',
  kind: 'Type of unit',
  reason: 'Reason',
  team: 'Team',
  unit: 'Unit',
  roleProfile: 'Role profile',
  jobTitle: 'Job title',
  email: 'Email address',
}

/** A field's name in words: a known label, else the key's words ("employeeNumber" is "Employee number"). */
export function fieldLabel(key: string): string {
  const known = FIELD_LABELS[key]
  if (known) return known
  const words = key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A recorded value as text. */
export function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none'
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((item) => valueText(key, item)).join(', ')
  if (typeof value === 'object') return JSON.stringify(value)
  const text = String(value)
  // Statuses are our own lower-case words ("open", "suspended"); shown on their own they start with a capital.
  return key === 'status' ? text.charAt(0).toUpperCase() + text.slice(1) : text
}

/** One side of a change as "field: value; field: value", or '' when there is nothing. */
export function valuesText(values: AuditValues): string {
  if (!values) return ''
  return Object.entries(values)
    .map(([key, value]) => `${fieldLabel(key)}: ${valueText(key, value)}`)
    .join('; ')
}

export interface ChangeLine {
  field: string
  /** Absent when the field was only set (a new person, a new unit). */
  before?: string
  after?: string
}

/** What changed, a line per field: before and after where both were recorded, else whichever was. */
export function changeLines(before: AuditValues, after: AuditValues): ChangeLine[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
  return keys.map((key) => {
    const line: ChangeLine = { field: fieldLabel(key) }
    if (before && key in before) line.before = valueText(key, before[key])
    if (after && key in after) line.after = valueText(key, after[key])
    return line
  })
}
