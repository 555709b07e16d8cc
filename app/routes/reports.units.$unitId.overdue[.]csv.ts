import type { LoaderFunctionArgs } from '@remix-run/node'
import { OVERDUE_COLUMNS } from '#app/lib/assignments/assignment-options.ts'
import { eachOverdueRow, overdueCells } from '#app/lib/assignments/assignments.server.ts'
import { isoDay } from '#app/lib/dates/dates.ts'
import { csvResponse } from '#app/lib/reports/csv.server.ts'
import { requireReportUnit, requireReportViewer } from '#app/lib/reports/report-access.server.ts'

/** The overdue work list as CSV: the page's rows and columns, every page of them, streamed. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireReportViewer(request)
  const unit = await requireReportUnit({ viewer, unitId: params.unitId })
  const now = new Date()
  async function* rows() {
    for await (const row of eachOverdueRow({ unit, now })) yield overdueCells(row)
  }
  const name =
    unit.name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'unit'
  return csvResponse({
    filename: `overdue-work-${name}-${isoDay(now)}.csv`,
    header: [...OVERDUE_COLUMNS],
    rows: rows(),
  })
}
