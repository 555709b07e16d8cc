import http from 'node:http'

// A small HTTP driver for loading the LRS: keep-alive connections, a fixed number of clients each sending one
// request after another, every answer's status and time recorded. Used by the LRS load and crash tests and by
// `npm run bench:lrs`; never asserts a time itself.

export interface LrsTarget {
  url: string
  authorization: string
}

export interface Sent {
  status: number
  ms: number
  /** The statement ids the LRS acknowledged (a 200 to a POST). */
  ids: string[]
}

export interface LoadResult {
  sent: Sent[]
  /** Requests that got no HTTP answer at all (the connection broke): their statements may or may not be stored. */
  unanswered: number
  seconds: number
}

export function lrsAgent(clients: number) {
  return new http.Agent({ keepAlive: true, maxSockets: clients })
}

/** One request to the LRS; resolves with the status and body, rejects if the connection breaks. */
export function lrsRequest(
  target: LrsTarget,
  { method, path, body, agent }: { method: string; path: string; body?: unknown; agent: http.Agent },
): Promise<{ status: number; body: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${target.url}${path}`,
      {
        method,
        agent,
        headers: {
          Authorization: target.authorization,
          'X-Experience-API-Version': '1.0.3',
          ...(payload === undefined
            ? {}
            : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
        },
      },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }))
        response.on('error', reject)
      },
    )
    request.on('error', reject)
    request.end(payload)
  })
}

/**
 * `clients` loops, each POSTing the next body from `bodies` (a statement or a batch) until the bodies run out,
 * `until` passes, or `stop()` is called. A broken connection counts as unanswered, and that client stops.
 */
export async function postLoad(
  target: LrsTarget,
  {
    clients,
    bodies,
    until = Number.POSITIVE_INFINITY,
    signal,
  }: { clients: number; bodies: Iterator<unknown>; until?: number; signal?: { stopped: boolean } },
): Promise<LoadResult> {
  const agent = lrsAgent(clients)
  const sent: Sent[] = []
  let unanswered = 0
  const started = performance.now()
  const client = async () => {
    while (Date.now() < until && !signal?.stopped) {
      const next = bodies.next()
      if (next.done) return
      const begun = performance.now()
      try {
        const response = await lrsRequest(target, { method: 'POST', path: '/xapi/statements', body: next.value, agent })
        const ids = response.status === 200 ? (JSON.parse(response.body) as string[]) : []
        sent.push({ status: response.status, ms: performance.now() - begun, ids })
      } catch {
        unanswered++
        return
      }
    }
  }
  await Promise.all(Array.from({ length: clients }, client))
  agent.destroy()
  return { sent, unanswered, seconds: (performance.now() - started) / 1000 }
}
