import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { handleXapi } from '#app/lib/xapi/http.server.ts'
import { getStatements, writeStatements } from '#app/lib/xapi/statements-resource.server.ts'

export const loader = ({ request }: LoaderFunctionArgs) => handleXapi(request, (version) => getStatements(request, version))
export const action = ({ request }: ActionFunctionArgs) => handleXapi(request, (version) => writeStatements(request, version))
