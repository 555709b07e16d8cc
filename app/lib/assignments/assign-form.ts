import { DATE_PARTS, type DateParts } from '#app/lib/forms/date-field.ts'

// The assign form's answers as the page, its links and its hidden fields carry them (safe in the browser).

/** What the assign form showed, to show it again with its errors. */
export interface AssignFormValues {
  what: string
  who: string
  personId: string
  dueDate: DateParts
  recurs: boolean
}

/** The check-your-answers step: the answers (to carry to "Confirm" and back to "Change") and what they mean. */
export interface AssignmentReview {
  values: AssignFormValues
  what: string
  who: string
  /** How many people it reaches today. */
  people: number
  /** Set for a whole unit: people who join later get it too. */
  joinersIncluded: boolean
  /** YYYY-MM-DD */
  dueDate: string
  /** Null when the module's evidence does not expire (so it cannot repeat). */
  recurs: boolean | null
}

/**
 * The answers a link may carry into the form: "Change" on the check step, or "Assign learning to <name>"
 * from a person's record (?who=person&personId=…). Null when the link carries none.
 */
export function assignFormValuesFromUrl(url: URL): AssignFormValues | null {
  const params = url.searchParams
  const names = ['what', 'who', 'personId', 'recurs', ...DATE_PARTS.map((part) => `dueDate-${part}`)]
  if (!names.some((name) => params.has(name))) return null
  const [day = '', month = '', year = ''] = DATE_PARTS.map((part) => params.get(`dueDate-${part}`) ?? '')
  return {
    what: params.get('what') ?? '',
    who: params.get('who') ?? '',
    personId: params.get('personId') ?? '',
    dueDate: { day, month, year },
    recurs: params.get('recurs') === 'yes',
  }
}

/** The form's fields for these answers: hidden inputs for "Confirm", a query string for "Change". */
export function assignFormFields(values: AssignFormValues): [string, string][] {
  return [
    ['what', values.what],
    ['who', values.who],
    ...(values.who === 'person' ? [['personId', values.personId] as [string, string]] : []),
    ...DATE_PARTS.map((part) => [`dueDate-${part}`, values.dueDate[part]] as [string, string]),
    ...(values.recurs ? [['recurs', 'yes'] as [string, string]] : []),
  ]
}
