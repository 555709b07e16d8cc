import { type MouseEvent, useEffect, useRef } from 'react'
import { ERROR_TITLE_PREFIX } from '#app/lib/forms/action-title.ts'
import type { FieldErrors } from '#app/lib/forms/parse-form.ts'
import { summaryTarget, type SummaryField } from './field-ids.ts'

/**
 * NHS.UK error summary: every problem on the form, in the order of `fields`, each linking to its field's
 * first input. Focused when it appears, so the problems are read out first, and
 * the page title starts "Error: " while it shows.
 */
export function ErrorSummary({ errors, fields }: { errors: FieldErrors | null | undefined; fields: SummaryField[] }) {
  const ref = useRef<HTMLDivElement>(null)
  const entries = fields.flatMap((field) => {
    const { name, href } = summaryTarget(field)
    const message = errors?.[name]
    return message ? [{ href, message }] : []
  })
  useEffect(() => {
    if (entries.length > 0) ref.current?.focus()
  }, [entries.length, errors])
  // NHS.UK: while a form shows errors, its page title starts "Error: ".
  const hasErrors = entries.length > 0
  useEffect(() => {
    if (!hasErrors) return
    if (!document.title.startsWith(ERROR_TITLE_PREFIX)) document.title = `${ERROR_TITLE_PREFIX}${document.title}`
    return () => {
      if (document.title.startsWith(ERROR_TITLE_PREFIX))
        document.title = document.title.slice(ERROR_TITLE_PREFIX.length)
    }
  }, [hasErrors])
  if (entries.length === 0) return null
  return (
    <div className="nhsuk-error-summary" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__title" id="error-summary-title">
          There is a problem
        </h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {entries.map(({ href, message }) => (
              <li key={href}>
                <a href={href} onClick={moveToField}>
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  )
}

/**
 * With JavaScript, a summary link moves focus itself rather than changing the URL's hash: Remix treats a
 * hash change as a navigation and would drop the errors the action returned. As NHS.UK does, the question
 * (legend) or label is scrolled into view above the field, and a date's first box to correct takes focus.
 */
function moveToField(event: MouseEvent<HTMLAnchorElement>) {
  const target = document.getElementById(decodeURIComponent(event.currentTarget.hash.slice(1)))
  if (!target) return
  event.preventDefault()
  const dateInput = target.closest('.nhsuk-date-input')
  const input = dateInput?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? target
  const legend = input.closest('fieldset')?.querySelector('legend')
  const label = document.querySelector(`label[for="${CSS.escape(input.id)}"]`)
  const isOption = input instanceof HTMLInputElement && (input.type === 'radio' || input.type === 'checkbox')
  const caption = dateInput || isOption ? (legend ?? label) : (label ?? legend)
  ;(caption ?? input).scrollIntoView()
  input.focus({ preventScroll: true })
}
