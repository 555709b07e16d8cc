import { fromAlternateSyntax } from './alternate-request.server.ts'
import type { XapiVersion } from '#app/lib/xapi/model/version.ts'
import { XapiError } from './xapi-error.ts'
import { textResponse } from './bodies-beside.server.ts'

// The LRS's HTTP conventions, shared by every /xapi resource: version negotiation, JSON errors, CORS.

export { XapiError } from './xapi-error.ts'

/** 1.0.x requests are answered as 1.0.3; 2.0.0 as 2.0.0; anything else (or nothing) is refused. */
export function requestedVersion(request: Request, fallback?: string | null): XapiVersion {
  const header = request.headers.get('X-Experience-API-Version') ?? fallback ?? null
  if (header === null) throw new XapiError(400, 'the X-Experience-API-Version header is required')
  if (/^1\.0(\.\d+)?$/.test(header.trim())) return '1.0.3'
  if (header.trim() === '2.0.0') return '2.0.0'
  throw new XapiError(400, `X-Experience-API-Version ${header} is not supported (use 1.0.3 or 2.0.0)`)
}

export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'HEAD, GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'Authorization, Content-Type, Content-Length, If-Match, If-None-Match, X-Experience-API-Version',
  'Access-Control-Expose-Headers':
    'ETag, Last-Modified, Content-Type, X-Experience-API-Version, X-Experience-API-Consistent-Through',
}

export function xapiHeaders(version: XapiVersion, extra: Record<string, string> = {}): Headers {
  const headers = new Headers({ ...CORS_HEADERS, 'X-Experience-API-Version': version, ...extra })
  return headers
}

export function jsonResponse(
  body: unknown,
  { status = 200, version, headers = {} }: { status?: number; version: XapiVersion; headers?: Record<string, string> },
) {
  return textResponse(JSON.stringify(body), {
    status,
    headers: xapiHeaders(version, { 'Content-Type': 'application/json', ...headers }),
  })
}

export function noContent(version: XapiVersion, headers: Record<string, string> = {}) {
  return new Response(null, { status: 204, headers: xapiHeaders(version, headers) })
}

/** Turns anything thrown inside an LRS handler into the spec's answer; unexpected errors are logged once. */
export function errorResponse(
  error: unknown,
  version: XapiVersion = '2.0.0',
  headers: Record<string, string> = {},
): Response {
  if (error instanceof XapiError)
    return jsonResponse({ error: error.message }, { status: error.status, version, headers })
  if (error instanceof Response) return error
  console.error(error)
  return jsonResponse({ error: 'the LRS could not process this request' }, { status: 500, version })
}

/**
 * Runs a handler with the version checked first, answering every failure the spec's way. With
 * `alternateSyntax`, a 1.0.3 alternate-syntax POST is first turned back into the request it stands for,
 * which the handler receives.
 */
export async function handleXapi(
  request: Request,
  handler: (version: XapiVersion, request: Request) => Promise<Response>,
  { alternateSyntax = false }: { alternateSyntax?: boolean } = {},
): Promise<Response> {
  let version: XapiVersion = '2.0.0'
  try {
    const actual = alternateSyntax ? await fromAlternateSyntax(request) : request
    version = requestedVersion(actual)
    return await handler(version, actual)
  } catch (error) {
    return errorResponse(error, version)
  }
}
