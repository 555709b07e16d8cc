import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { statementsEndpoint } from '#app/lib/xapi/http/statements-endpoint.server.ts'

// GET/HEAD read; PUT/POST write. The server answers /xapi/statements itself before Remix sees it
// (server/xapi-statements.ts); this route is the same handler for the dev server's fallback and the tests.
function statementsResource({ request }: LoaderFunctionArgs | ActionFunctionArgs) {
  return statementsEndpoint(request)
}

export const loader = statementsResource
export const action = statementsResource
