import type { ReactNode } from 'react'

/**
 * An NHS.UK responsive table: caption, one heading per column and the rows (each made of `Cell`s). On narrow
 * screens the headings are hidden and each cell shows its own.
 */
export function ResponsiveTable({
  caption,
  captionClassName,
  columns,
  children,
}: {
  caption: ReactNode
  /** Added to the caption's class, e.g. `nhsuk-u-visually-hidden` where a heading already says what it is. */
  captionClassName?: string
  columns: readonly ReactNode[]
  children: ReactNode
}) {
  return (
    <table className="nhsuk-table-responsive">
      <caption className={`nhsuk-table__caption${captionClassName ? ` ${captionClassName}` : ''}`}>{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr>
          {columns.map((column, index) => (
            // Columns are fixed by the page and never reordered, so their position identifies them.
            <th scope="col" key={index}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">{children}</tbody>
    </table>
  )
}

/**
 * An NHS.UK responsive table cell: on narrow screens each cell shows its column heading before it. The value is
 * one box of its own: on narrow screens the cell lays its children out side by side, which would put a line
 * break's two sides (a name and an email) next to each other.
 */
export function Cell({ heading, children, className }: { heading: string; children: ReactNode; className?: string }) {
  return (
    <td className={`nhsuk-table__cell${className ? ` ${className}` : ''}`}>
      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
        {heading}{' '}
      </span>
      <div className="app-table-value">{children}</div>
    </td>
  )
}
