import type { ReactNode } from 'react'

/** An NHS.UK summary list: facts about one thing, a `SummaryRow` each. */
export function SummaryList({ children }: { children: ReactNode }) {
  return <dl className="nhsuk-summary-list">{children}</dl>
}

export function SummaryRow({
  label,
  valueClassName,
  children,
}: {
  label: ReactNode
  /** Added to the value's class, e.g. `app-break-anywhere` for keys and email addresses. */
  valueClassName?: string
  children: ReactNode
}) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className={`nhsuk-summary-list__value${valueClassName ? ` ${valueClassName}` : ''}`}>{children}</dd>
    </div>
  )
}
