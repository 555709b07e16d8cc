import type { LoaderFunctionArgs } from '@remix-run/node'
import { csvResponse } from '#app/lib/reports/csv.server.ts'
import { requireReportUnit, requireReportViewer } from '#app/lib/reports/report-access.server.ts'
import { csvFilename, csvRows } from '#app/lib/reports/report-tables.server.ts'
import { heatmapReport } from '#app/lib/reports/unit-report.server.ts'

// The heatmap's table as CSV: the units below × domains (at a team, its people), exactly as on the page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireReportViewer(request)
  const unit = await requireReportUnit({ viewer, unitId: params.unitId })
  const now = new Date()
  const { table } = await heatmapReport({ unit, now })
  return csvResponse({
    filename: csvFilename({ unit, what: 'readiness-heatmap', now }),
    header: table.header,
    rows: csvRows(table),
  })
}
