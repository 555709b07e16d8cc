import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { isProduction } from '#app/lib/env.server.ts'
import { statementsEndpoint } from '#app/lib/xapi/http/statements-endpoint.server.ts'
import { requestWithBody, responseBytes } from '#app/lib/xapi/http/bodies-beside.server.ts'

// /xapi/statements answered by the HTTP server itself, before Express. Going through Remix cost about 3 ms of CPU
// a request (matching the URL against every route, adapting the request and response streams); Express's own
// request set-up, the page security headers (a fresh nonce and policy for every response) and compression were
// most of what was left of a single-statement POST outside the store (docs/decisions/016-lrs-at-scale.md). The
// handler is the same one the Remix route runs.

/**
 * The most a statements request may carry (a batch, or statements with their attachments). The body is read
 * before the client is authenticated, so without a ceiling anyone could make the server hold any amount.
 */
export const MAX_STATEMENTS_REQUEST_BYTES = 32 * 1024 * 1024

/** An API answer's security headers: JSON is never a page, so nothing may run in it or frame it. */
const apiSecurityHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  ...(isProduction ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
}

class BodyTooLarge extends Error {}

/** Answers the Statements resource; passes every other request (and CORS preflights) to `rest`. */
export function statementsFirst(rest: RequestListener): RequestListener {
  return (req, res) => {
    const url = req.url ?? '/'
    const queryAt = url.indexOf('?')
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt)
    if (pathname !== '/xapi/statements' || req.method === 'OPTIONS') {
      rest(req, res)
      return
    }
    answerStatements(req, res, url).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) {
        // Said before the rest is read; the connection closes rather than take it.
        res.writeHead(413, { ...apiSecurityHeaders, 'Content-Type': 'application/json', Connection: 'close' })
        res.end(
          JSON.stringify({
            error: `a statements request may be at most ${MAX_STATEMENTS_REQUEST_BYTES / (1024 * 1024)} MB`,
          }),
        )
        return
      }
      console.error(error)
      if (!res.headersSent) res.writeHead(500, { ...apiSecurityHeaders, 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ error: 'the LRS could not answer this request' }))
    })
  }
}

async function answerStatements(req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
  const body = await readBody(req, MAX_STATEMENTS_REQUEST_BYTES)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item)
    else if (value !== undefined) headers.set(name, value)
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  const address = `http://${req.headers.host ?? 'localhost'}${url}`
  const method = req.method ?? 'GET'
  const response = await statementsEndpoint(
    hasBody ? requestWithBody(address, { method, headers }, body) : new Request(address, { method, headers }),
  )
  res.statusCode = response.status
  for (const [name, value] of Object.entries(apiSecurityHeaders)) res.setHeader(name, value)
  response.headers.forEach((value, name) => res.setHeader(name, value))
  res.end(req.method === 'HEAD' ? undefined : await responseBytes(response))
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return reject(new BodyTooLarge())
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.pause()
        reject(new BodyTooLarge())
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
