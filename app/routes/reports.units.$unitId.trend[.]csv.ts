import type { LoaderFunctionArgs } from '@remix-run/node'
import { trendReport, unitTableCsv } from '#app/lib/reports/unit-report.server.ts'

// The 12-week trend table as CSV, exactly as on the page.
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  unitTableCsv({ request, unitId: params.unitId, what: 'readiness-trend', report: trendReport })
