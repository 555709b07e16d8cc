import type { z } from 'zod'

/** A message per field, keyed by the id of the field it belongs to (the error summary links there). */
export type FieldErrors = Partial<Record<string, string>>

export type ParsedForm<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors }

/** Validates a submitted form with its zod schema; on failure, the first message for each field. */
export function parseForm<S extends z.ZodType<Record<string, unknown>>>(
  formData: FormData,
  formSchema: S,
): ParsedForm<z.infer<S>> {
  const raw: Record<string, unknown> = {}
  for (const [key, value] of formData) {
    if (typeof value === 'string') raw[key] = value
  }
  const result = formSchema.safeParse(raw)
  if (result.success) return { ok: true, data: result.data }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message
  }
  return { ok: false, errors }
}
