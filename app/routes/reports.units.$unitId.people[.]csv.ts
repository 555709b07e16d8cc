import type { LoaderFunctionArgs } from '@remix-run/node'
import { csvResponse, tableCsvResponse } from '#app/lib/reports/csv.server.ts'
import { requireReportUnit, requireReportViewer } from '#app/lib/reports/report-access.server.ts'
import { csvFilename } from '#app/lib/reports/report-tables.server.ts'
import { peopleBelowUnitCsv, teamPeopleReport } from '#app/lib/reports/unit-report.server.ts'

// People as CSV. At a team: the people table exactly as on the page. Above: everyone below the unit, with
// their team, streamed a page at a time.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireReportViewer(request)
  const unit = await requireReportUnit({ viewer, unitId: params.unitId })
  const now = new Date()
  const filename = csvFilename({ unit, what: 'readiness-people', now })
  if (unit.kind === 'team') {
    const { table } = await teamPeopleReport({ unit, now })
    return tableCsvResponse({ filename, table })
  }
  const { header, rows } = await peopleBelowUnitCsv({ unit, now })
  return csvResponse({ filename, header, rows })
}
