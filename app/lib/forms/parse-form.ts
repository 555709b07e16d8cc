import { z } from 'zod'
import { DATE_PARTS, isDatePartsShape, type DateParts } from './date-field.ts'

/** A message per field, keyed by the field's name; the forms kit works out the ids it belongs to. */
export type FieldErrors = Partial<Record<string, string>>

/** What was submitted, as the form's fields hold it, to show the form again. Files are never sent back. */
export type FormValue = string | string[] | DateParts
export type FormValues = Partial<Record<string, FormValue>>

export type ParsedForm<T> =
  { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues }

type FieldKind = 'single' | 'repeated' | 'date' | 'file' | 'files'

/**
 * The one way to read a submitted form: each field the schema names is read as the schema declares it
 * (a string; an array for repeated fields such as checkboxes, even with one ticked; a File for a file
 * input, missing when none was chosen; one {day, month, year} object for a dateField), then validated.
 * On failure, the first message for each field. `values` is what was submitted, to fill the form again.
 */
export function parseForm<S extends z.ZodType>(formData: FormData, formSchema: S): ParsedForm<z.output<S>> {
  const raw: Record<string, unknown> = {}
  const values: FormValues = {}
  for (const [name, kind] of fieldKinds(formSchema)) {
    if (kind === 'file' || kind === 'files') {
      const files = chosenFiles(formData, name)
      raw[name] = kind === 'files' ? files : files[0]
      continue
    }
    const value = readValue(formData, name, kind)
    if (value !== undefined) raw[name] = values[name] = value
  }
  const result = formSchema.safeParse(raw)
  if (result.success) return { ok: true, data: result.data, values }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message
  return { ok: false, errors, values }
}

function readValue(formData: FormData, name: string, kind: 'single' | 'repeated' | 'date'): FormValue | undefined {
  switch (kind) {
    case 'single': {
      const value = formData.get(name)
      return typeof value === 'string' ? value : undefined
    }
    case 'repeated':
      return formData.getAll(name).filter((value) => typeof value === 'string')
    case 'date': {
      const [day = '', month = '', year = ''] = DATE_PARTS.map((part) => {
        const value = formData.get(`${name}-${part}`)
        return typeof value === 'string' ? value : ''
      })
      return { day, month, year }
    }
  }
}

// A file input left empty still submits a nameless, empty file.
function chosenFiles(formData: FormData, name: string): File[] {
  return formData.getAll(name).filter((value): value is File => typeof value !== 'string' && value.name !== '')
}

/** Each field of an object schema (or of every option of a union of them), with how the form holds it. */
function fieldKinds(formSchema: z.core.$ZodType): Map<string, FieldKind> {
  const kinds = new Map<string, FieldKind>()
  const schema = unwrap(formSchema)
  const objects = schema instanceof z.ZodUnion ? schema.options.map(unwrap) : [schema]
  for (const object of objects) {
    if (!(object instanceof z.ZodObject)) continue
    for (const [name, field] of Object.entries(object.shape)) {
      // Where the options of a union read a field differently, the one that is not a plain string wins.
      if ((kinds.get(name) ?? 'single') === 'single') kinds.set(name, kindOf(unwrap(field)))
    }
  }
  return kinds
}

function kindOf(field: z.core.$ZodType): FieldKind {
  if (field instanceof z.ZodFile) return 'file'
  if (field instanceof z.ZodArray) return unwrap(field.element) instanceof z.ZodFile ? 'files' : 'repeated'
  if (field instanceof z.ZodObject && isDatePartsShape(field.shape)) return 'date'
  return 'single'
}

/** The schema under optional(), default(), nullable(), catch() and transforms: what the form itself must supply. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodCatch
  )
    return unwrap(schema.unwrap())
  if (schema instanceof z.ZodPipe) return unwrap(schema.in)
  return schema
}
