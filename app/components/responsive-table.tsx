import type { ReactNode } from 'react'

/** An NHS.UK responsive table cell: on narrow screens each cell shows its column heading before it. */
export function Cell({ heading, children, className }: { heading: string; children: ReactNode; className?: string }) {
  return (
    <td className={`nhsuk-table__cell${className ? ` ${className}` : ''}`}>
      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
        {heading}{' '}
      </span>
      {children}
    </td>
  )
}
