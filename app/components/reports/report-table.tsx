import { Link } from '@remix-run/react'
import type { ReportTable } from '#app/lib/reports/report-view.ts'
import { ScrollArea } from '#app/components/scroll-area.tsx'

// A report table exactly as the server formatted it (the CSV export writes the same cells), with its
// first column linking through when the row has somewhere to go, and the download link for its CSV.
// On a phone the table keeps its rows and columns and scrolls sideways in its own area, with the first
// column (who or which unit) held in place: a stacked "card per row" layout made a team of 25 people
// thousands of pixels long.

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
      {/* A caption is as wide as its table: shown above the scrolling area so that it is read in full. */}
      <p className="nhsuk-heading-xs nhsuk-u-margin-bottom-2" aria-hidden="true">
        {table.caption}
      </p>
      <ScrollArea label={table.caption}>
        <table className="nhsuk-table app-report-table">
          <caption className="nhsuk-u-visually-hidden">{table.caption}</caption>
          <thead className="nhsuk-table__head">
            <tr>
              {table.header.map((heading, index) => (
                // Columns are fixed by the server and never reordered, so their position identifies them.
                <th scope="col" key={index}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {table.rows.map((row) => (
              <tr className="nhsuk-table__row" key={row.key}>
                {row.cells.map((cell, index) =>
                  index === 0 ? (
                    <th scope="row" className="nhsuk-table__cell" key={index}>
                      {row.href ? <Link to={row.href}>{cell}</Link> : cell}
                    </th>
                  ) : (
                    <td className="nhsuk-table__cell" key={index}>
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
      <p className="nhsuk-u-display-none-print">
        <a href={csvHref} download>
          {csvLabel} (CSV)
        </a>
      </p>
    </>
  )
}
