import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { OVERDUE_COLUMNS } from '#app/lib/assignments/assignment-options.ts'
import { overdueCells, overdueCountInUnit, overdueWork } from '#app/lib/assignments/assignments.server.ts'
import { formatDate } from '#app/lib/dates/dates.ts'
import { requireReportUnit, requireReportViewer } from '#app/lib/reports/report-access.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Overdue work: ${data?.unit.name ?? 'unit'} – Digital skills` },
]

export const ROWS_PER_PAGE = 100

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireReportViewer(request)
  const unit = await requireReportUnit({ viewer, unitId: params.unitId })
  const after = new URL(request.url).searchParams.get('after')
  const now = new Date()
  const [page, counts] = await Promise.all([
    overdueWork({ unit, now, after, limit: ROWS_PER_PAGE }),
    overdueCountInUnit({ unit, now }),
  ])
  return {
    unit: { id: unit.id, name: unit.name },
    rows: page.rows.map((row) => ({ key: `${row.assignmentId}:${row.userId}`, cells: overdueCells(row) })),
    next: page.next,
    firstPage: !after,
    counts,
  }
}

export default function OverduePage() {
  const { unit, rows, next, firstPage, counts } = useLoaderData<typeof loader>()
  const [person, team, what, dueDate, daysOverdue] = OVERDUE_COLUMNS
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: unit.name, to: `/reports/units/${unit.id}` },
        ]}
      />
      <span className="nhsuk-caption-l">{unit.name}</span>
      <h1>Overdue work</h1>
      {counts.overdue === 0 ? (
        <p>Nobody in {unit.name} has overdue work.</p>
      ) : (
        <>
          <p>
            {counts.overdue} overdue {counts.overdue === 1 ? 'assignment' : 'assignments'} for {counts.people}{' '}
            {counts.people === 1 ? 'person' : 'people'}, by team and name. Work is overdue from the day after its due
            date; recurring work from the day after the later of its due date and the person&apos;s evidence expiring.
          </p>
          <p>
            <a href={`/reports/units/${unit.id}/overdue.csv`} download>
              Download overdue work as a spreadsheet (CSV)
            </a>
          </p>
        </>
      )}
      <p>
        <Link to={`/reports/units/${unit.id}/assign`}>Assign learning in {unit.name}</Link>
      </p>

      {rows.length > 0 ? (
        <ResponsiveTable
          caption={`Overdue work in ${unit.name}`}
          captionClassName="nhsuk-u-visually-hidden"
          columns={OVERDUE_COLUMNS}
        >
          {rows.map(({ key, cells }) => (
            <tr className="nhsuk-table__row" key={key}>
              <Cell heading={person}>{cells[0]}</Cell>
              <Cell heading={team}>{cells[1]}</Cell>
              <Cell heading={what}>{cells[2]}</Cell>
              <Cell heading={dueDate}>
                <time dateTime={cells[3]}>{formatDate(cells[3])}</time>
              </Cell>
              <Cell heading={daysOverdue}>{cells[4]}</Cell>
            </tr>
          ))}
        </ResponsiveTable>
      ) : !firstPage && counts.overdue > 0 ? (
        <p>There is no more overdue work.</p>
      ) : null}

      {next || !firstPage ? (
        <nav className="nhsuk-pagination" role="navigation" aria-label="Pages of overdue work">
          <ul className="nhsuk-list nhsuk-pagination__list">
            {!firstPage ? (
              <li className="nhsuk-pagination-item--previous">
                <Link
                  className="nhsuk-pagination__link nhsuk-pagination__link--prev"
                  to={`/reports/units/${unit.id}/overdue`}
                >
                  <span className="nhsuk-pagination__title">First page</span>
                </Link>
              </li>
            ) : null}
            {next ? (
              <li className="nhsuk-pagination-item--next">
                <Link
                  className="nhsuk-pagination__link nhsuk-pagination__link--next"
                  to={`/reports/units/${unit.id}/overdue?after=${next}`}
                  rel="next"
                >
                  <span className="nhsuk-pagination__title">Next page</span>
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  )
}
