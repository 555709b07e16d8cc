import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { handleXapi } from '#app/lib/xapi/http/http.server.ts'
import { getStatements, writeStatements } from '#app/lib/xapi/http/statements-resource.server.ts'

// GET/HEAD read; PUT/POST write. An alternate-syntax POST may stand for either, so both exports dispatch.
function statementsResource({ request }: LoaderFunctionArgs | ActionFunctionArgs) {
  return handleXapi(
    request,
    (version, actual) => {
      const method = actual.method.toUpperCase()
      return method === 'GET' || method === 'HEAD' ? getStatements(actual, version) : writeStatements(actual, version)
    },
    { alternateSyntax: true },
  )
}

export const loader = statementsResource
export const action = statementsResource
