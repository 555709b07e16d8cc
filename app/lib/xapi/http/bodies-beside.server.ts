// The Statements resource's fast path (server/xapi-statements.ts) has a request's body in hand before it builds
// the Fetch Request, and writes the answer to the socket itself. Wrapping the body in a stream for the handler
// to read back, and reading the answer's stream back into bytes, was about 6% of a single-statement POST's CPU.
// So the bytes travel beside those objects; a caller that has only the objects (the Remix route) reads them
// the usual way.

const requestBodies = new WeakMap<Request, Uint8Array>()
const responseTexts = new WeakMap<Response, string>()

/** A Request without a body stream, whose body the LRS handlers read from `body` instead. */
export function requestWithBody(url: string, init: { method: string; headers: Headers }, body: Uint8Array): Request {
  const request = new Request(url, init)
  requestBodies.set(request, body)
  return request
}

/** The request's body as text (a UTF-8 byte order mark dropped, as `Request.text()` does). */
export function requestText(request: Request): Promise<string> {
  const body = requestBodies.get(request)
  return body ? Promise.resolve(new TextDecoder().decode(body)) : request.text()
}

export async function requestBytes(request: Request): Promise<Uint8Array> {
  return requestBodies.get(request) ?? new Uint8Array(await request.arrayBuffer())
}

/** A Response whose text the fast path can take without reading its stream. */
export function textResponse(text: string, init: ResponseInit): Response {
  const response = new Response(text, init)
  responseTexts.set(response, text)
  return response
}

export async function responseBytes(response: Response): Promise<Buffer> {
  const text = responseTexts.get(response)
  return text === undefined ? Buffer.from(await response.arrayBuffer()) : Buffer.from(text)
}
