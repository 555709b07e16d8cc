import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { csvResponse } from '#app/lib/reports/csv.server.ts'
import { importRunErrorsCsv } from '#app/lib/workforce/web-import.server.ts'

// An import run's error report: every row left out and every warning, by line and column.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const csv = await importRunErrorsCsv({ runId: params.runId ?? '' })
  if (!csv) throw new Response('Not found', { status: 404 })
  return csvResponse(csv)
}
