import { z } from 'zod'
import { parseForm } from '#app/lib/forms/parse-form.ts'

// The person search is a GET form (its pages can be bookmarked and shared), read like every other form.

export const SEARCH_MAX_LENGTH = 100

export const personSearchFormSchema = z.object({
  q: z
    .string()
    .trim()
    .max(SEARCH_MAX_LENGTH, `Name, email or employee number must be ${SEARCH_MAX_LENGTH} characters or fewer`)
    .default(''),
  after: z.string().max(1000).optional().catch(undefined),
  before: z.string().max(1000).optional().catch(undefined),
})

/** The search in the page's address, read by parseForm so its errors come in the forms kit's shape. */
export function readPersonSearch(url: URL) {
  const formData = new FormData()
  for (const [name, value] of url.searchParams) formData.append(name, value)
  return parseForm(formData, personSearchFormSchema)
}
