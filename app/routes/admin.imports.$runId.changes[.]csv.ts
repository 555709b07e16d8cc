import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { csvResponse } from '#app/lib/reports/csv.server.ts'
import { importRunChangesCsv } from '#app/lib/workforce/web-import.server.ts'

// Every change an import run would make (or made), one row per person, as the run page lists them.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const csv = await importRunChangesCsv({ runId: params.runId ?? '' })
  if (!csv) throw new Response('Not found', { status: 404 })
  return csvResponse(csv)
}
