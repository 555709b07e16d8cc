import { z } from 'zod'

// A `since` or `until` query parameter, read as a Date. Looser than a statement's timestamp
// (statement-schema.ts): a full date, a "T", then anything Date.parse understands. The documents
// resource names it a timestamp in its error, the statements resource a date-time.
export function dateTimeParam(message = 'must be an ISO 8601 date-time') {
  return z
    .string()
    .refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), message)
    .transform((value) => new Date(value))
}
