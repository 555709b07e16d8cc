import { XapiError } from './xapi-error.ts'
import { requestText } from './bodies-beside.server.ts'

// xAPI 1.0.3's "alternate request syntax" for browsers that could not send custom headers across
// origins: a POST with `?method=…`, whose form body carries the real headers, parameters and content.
const HEADER_FIELDS = new Set([
  'authorization',
  'x-experience-api-version',
  'content-type',
  'content-length',
  'if-match',
  'if-none-match',
])
const METHODS = new Set(['GET', 'HEAD', 'PUT', 'POST', 'DELETE'])

/** The request as it was meant: the given method, headers, query parameters and body. Others pass through. */
export async function fromAlternateSyntax(request: Request): Promise<Request> {
  const url = new URL(request.url)
  const method = url.searchParams.get('method')
  if (request.method.toUpperCase() !== 'POST' || method === null) return request
  if ([...url.searchParams.keys()].some((key) => key !== 'method')) {
    throw new XapiError(400, 'with the alternate request syntax, method must be the only query parameter')
  }
  const target = method.toUpperCase()
  if (!METHODS.has(target)) throw new XapiError(400, `method ${method} is not an HTTP method the LRS accepts`)
  if (!(request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new XapiError(400, 'an alternate-syntax request must be a form (application/x-www-form-urlencoded)')
  }
  const form = new URLSearchParams(await requestText(request))
  // Headers sent for real still count; those in the form take their place where both are given.
  const headers = new Headers()
  for (const name of HEADER_FIELDS) {
    const value = request.headers.get(name)
    if (value && name !== 'content-type' && name !== 'content-length') headers.set(name, value)
  }
  const params = new URLSearchParams()
  let content: string | null = null
  for (const [name, value] of form) {
    const lower = name.toLowerCase()
    if (lower === 'content') content = value
    else if (HEADER_FIELDS.has(lower)) headers.set(name, value)
    else params.append(name, value)
  }
  // Cookies and fetch metadata still describe the real caller.
  for (const name of ['Cookie', 'Sec-Fetch-Site', 'Origin', 'Accept-Language']) {
    const value = request.headers.get(name)
    if (value) headers.set(name, value)
  }
  if (/^2\./.test(headers.get('X-Experience-API-Version') ?? '')) {
    throw new XapiError(
      400,
      'xAPI 2.0 has no alternate request syntax: send the request with its own method and headers',
    )
  }
  if (content !== null && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
  const query = params.toString()
  const hasBody = target !== 'GET' && target !== 'HEAD' && content !== null
  return new Request(`${url.origin}${url.pathname}${query ? `?${query}` : ''}`, {
    method: target,
    headers,
    body: hasBody ? content : undefined,
  })
}
