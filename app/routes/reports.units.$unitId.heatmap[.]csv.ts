import type { LoaderFunctionArgs } from '@remix-run/node'
import { heatmapReport, unitTableCsv } from '#app/lib/reports/unit-report.server.ts'

// The heatmap's table as CSV: the units below × domains (at a team, its people), exactly as on the page.
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  unitTableCsv({ request, unitId: params.unitId, what: 'readiness-heatmap', report: heatmapReport })
