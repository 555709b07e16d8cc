import type { LoaderFunctionArgs } from '@remix-run/node'
import { isoDay } from '#app/lib/dates/dates.ts'
import { tableCsvResponse } from '#app/lib/reports/csv.server.ts'
import { reportRootUnits, requireReportViewer } from '#app/lib/reports/report-access.server.ts'
import { managedUnitsHeatmapReport } from '#app/lib/reports/unit-report.server.ts'

// The starting page's table as CSV: the units the viewer looks after × domains, exactly as on the page.
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireReportViewer(request)
  const now = new Date()
  const { table } = await managedUnitsHeatmapReport({ units: await reportRootUnits({ viewer }), now })
  return tableCsvResponse({ filename: `my-units-readiness-heatmap-${isoDay(now)}.csv`, table })
}
