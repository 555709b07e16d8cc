import { useEffect, useRef } from 'react'
import type { FieldErrors } from '#app/lib/forms/parse-form.ts'

/** NHS.UK error summary: every problem on the form, each linking to its field. Focused when it appears. */
export function ErrorSummary({ errors, order }: { errors: FieldErrors | undefined; order: string[] }) {
  const ref = useRef<HTMLDivElement>(null)
  const entries = order.flatMap((field) => {
    const message = errors?.[field]
    return message ? [{ field, message }] : []
  })
  useEffect(() => {
    if (entries.length > 0) ref.current?.focus()
  }, [entries.length, errors])
  if (entries.length === 0) return null
  return (
    <div className="nhsuk-error-summary" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__title" id="error-summary-title">
          There is a problem
        </h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {entries.map(({ field, message }) => (
              <li key={field}>
                <a href={`#${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  )
}
