import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { statementsEndpoint } from '#app/lib/xapi/http/statements-endpoint.server.ts'

// /xapi/statements answered straight from Express. Going through Remix cost about 3 ms of CPU a request
// (matching the URL against every route, adapting the request and response streams), the static-file
// middleware a file-system look-up, and compression a stream: most of a single-statement POST
// (docs/decisions/016-lrs-at-scale.md). The handler is the same one the Remix route runs.

/**
 * The most a statements request may carry (a batch, or statements with their attachments). The body is read
 * before the client is authenticated, so without a ceiling anyone could make the server hold any amount.
 */
export const MAX_STATEMENTS_REQUEST_BYTES = 32 * 1024 * 1024

class BodyTooLarge extends Error {}

/** Express middleware for the Statements resource; other paths pass on. */
export function xapiStatements() {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (req.path !== '/xapi/statements' || req.method === 'OPTIONS') return next()
    readBody(req, MAX_STATEMENTS_REQUEST_BYTES)
      .then((body) => {
        const headers = new Headers()
        for (const [name, value] of Object.entries(req.headers)) {
          if (Array.isArray(value)) for (const item of value) headers.append(name, item)
          else if (value !== undefined) headers.set(name, value)
        }
        const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
        return statementsEndpoint(
          new Request(`http://${req.get('host') ?? 'localhost'}${req.originalUrl}`, {
            method: req.method,
            headers,
            body: hasBody ? new Uint8Array(body) : undefined,
          }),
        )
      })
      .then(async (response) => {
        res.status(response.status)
        response.headers.forEach((value, name) => res.setHeader(name, value))
        res.end(req.method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()))
      })
      .catch((error: unknown) => {
        if (!(error instanceof BodyTooLarge)) return next(error)
        // Said before the rest is read; the connection closes rather than take it.
        res.status(413).set('Connection', 'close')
        res.json({ error: `a statements request may be at most ${MAX_STATEMENTS_REQUEST_BYTES / (1024 * 1024)} MB` })
      })
  }
}

function readBody(req: ExpressRequest, limit: number): Promise<Buffer> {
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
