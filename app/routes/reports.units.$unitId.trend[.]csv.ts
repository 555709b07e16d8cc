import type { LoaderFunctionArgs } from '@remix-run/node'
import { csvResponse } from '#app/lib/reports/csv.server.ts'
import { requireReportUnit, requireReportViewer } from '#app/lib/reports/report-access.server.ts'
import { csvFilename, csvRows } from '#app/lib/reports/report-tables.server.ts'
import { trendReport } from '#app/lib/reports/unit-report.server.ts'

// The 12-week trend table as CSV, exactly as on the page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireReportViewer(request)
  const unit = await requireReportUnit({ viewer, unitId: params.unitId })
  const now = new Date()
  const { table } = await trendReport({ unit, now })
  return csvResponse({
    filename: csvFilename({ unit, what: 'readiness-trend', now }),
    header: table.header,
    rows: csvRows(table),
  })
}
