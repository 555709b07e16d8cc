import type { LoaderFunctionArgs } from '@remix-run/node'
import { getPerson } from '#app/lib/xapi/http/activities-agents.server.ts'
import { handleXapi } from '#app/lib/xapi/http/http.server.ts'

export const loader = ({ request }: LoaderFunctionArgs) => handleXapi(request, (version) => getPerson(request, version))
