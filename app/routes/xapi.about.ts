import { CORS_HEADERS } from '#app/lib/xapi/http/http.server.ts'
import { SUPPORTED_VERSIONS } from '#app/lib/xapi/model/version.ts'

// The About resource needs no version header and no authentication.
export function loader() {
  return new Response(JSON.stringify({ version: [...SUPPORTED_VERSIONS], extensions: {} }), {
    headers: { ...CORS_HEADERS, 'Content-Type': 'application/json', 'X-Experience-API-Version': '2.0.0' },
  })
}
