import type { LoaderFunctionArgs } from '@remix-run/node'
import { AUDIT_CSV_HEADER, auditCsvFilename, auditCsvRows } from '#app/lib/audit/audit-export.server.ts'
import { parseAuditFilters } from '#app/lib/audit/audit-filters.server.ts'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { csvResponse } from '#app/lib/reports/csv.server.ts'

// The audit log as CSV: the page's filters (from the same query string), every page, streamed in batches.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const form = parseAuditFilters(new URL(request.url).searchParams)
  if (!form.ok) {
    return new Response(`Correct the filters on the audit log page first: ${Object.values(form.errors).join('; ')}`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  const { before: _before, after: _after, ...filters } = form.data
  return csvResponse({
    filename: auditCsvFilename(new Date()),
    header: AUDIT_CSV_HEADER,
    rows: auditCsvRows({ filters }),
  })
}
