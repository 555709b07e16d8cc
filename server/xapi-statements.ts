import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { statementsEndpoint } from '#app/lib/xapi/http/statements-endpoint.server.ts'

// /xapi/statements answered straight from Express. Going through Remix cost about 3 ms of CPU a request
// (matching the URL against every route, adapting the request and response streams), the static-file
// middleware a file-system look-up, and compression a stream: most of a single-statement POST
// (docs/decisions/016-lrs-at-scale.md). The handler is the same one the Remix route runs.

/** Express middleware for the Statements resource; other paths pass on. */
export function xapiStatements() {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (req.path !== '/xapi/statements' || req.method === 'OPTIONS') return next()
    readBody(req)
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
      .catch(next)
  }
}

function readBody(req: ExpressRequest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
