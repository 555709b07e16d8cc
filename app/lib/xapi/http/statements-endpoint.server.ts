import { handleXapi } from './http.server.ts'
import { getStatements, writeStatements } from './statements-resource.server.ts'

/**
 * The Statements resource as one Fetch handler: GET/HEAD read, PUT/POST write. An alternate-syntax POST may
 * stand for either, so every method goes through here. Served by the Remix route (app/routes/xapi.statements.ts)
 * and, without the framework's per-request work, by the server's own fast path (server/xapi-statements.ts).
 */
export function statementsEndpoint(request: Request): Promise<Response> {
  return handleXapi(
    request,
    (version, actual) => {
      const method = actual.method.toUpperCase()
      return method === 'GET' || method === 'HEAD' ? getStatements(actual, version) : writeStatements(actual, version)
    },
    { alternateSyntax: true },
  )
}
