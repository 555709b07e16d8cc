import { useEffect, useRef } from 'react'

/**
 * Why a change was refused (it was understood, but cannot be made), in NHS.UK's error summary style with no
 * link: no field is wrong. Focused when it appears, like the error summary, so it is read out first.
 */
export function Refusal({ message }: { message: string | null | undefined }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (message) ref.current?.focus()
  }, [message])
  if (!message) return null
  return (
    <div className="nhsuk-error-summary" aria-labelledby="refusal-title" tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__title" id="refusal-title">
          This cannot be done
        </h2>
        <div className="nhsuk-error-summary__body">
          <p>{message}</p>
        </div>
      </div>
    </div>
  )
}
