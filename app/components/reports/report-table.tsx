import { Link } from '@remix-run/react'
import type { ReportTable } from '#app/lib/reports/report-view.ts'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { ScrollArea } from '#app/components/scroll-area.tsx'

// A report table exactly as the server formatted it (the CSV export writes the same cells), with its
// first column linking through when the row has somewhere to go, and the download link for its CSV.

export function ReportTableView({
  table,
  csvHref,
  csvLabel,
}: {
  table: ReportTable
  csvHref: string
  csvLabel: string
}) {
  return (
    <>
      {/* A wide table scrolls sideways in its own area rather than spilling past the page's column. */}
      <ScrollArea label={table.caption}>
        <ResponsiveTable caption={table.caption} captionClassName="nhsuk-table__caption--s" columns={table.header}>
          {table.rows.map((row) => (
            <tr className="nhsuk-table__row" key={row.key}>
              {row.cells.map((cell, index) => (
                <Cell heading={table.header[index] ?? ''} key={table.header[index] ?? index}>
                  {index === 0 && row.href ? <Link to={row.href}>{cell}</Link> : cell}
                </Cell>
              ))}
            </tr>
          ))}
        </ResponsiveTable>
      </ScrollArea>
      <p className="nhsuk-u-display-none-print">
        <a href={csvHref} download>
          {csvLabel} (CSV)
        </a>
      </p>
    </>
  )
}
