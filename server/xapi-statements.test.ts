import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { MAX_STATEMENTS_REQUEST_BYTES, statementsFirst } from './xapi-statements.ts'

// The statements body is read before the client is authenticated: past the ceiling it is refused, not held.

let base = ''
let url = ''
let close: () => void = () => {}
beforeAll(async () => {
  const server = http
    .createServer(statementsFirst((_req, res) => res.writeHead(418).end('the rest of the app')))
    .listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  url = `${base}/xapi/statements`
  close = () => server.close()
})
afterAll(() => close())

test('a statements request larger than the ceiling is refused with 413 before anyone is asked who they are', async () => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' },
    body: new Uint8Array(MAX_STATEMENTS_REQUEST_BYTES + 1),
  })
  expect(response.status).toBe(413)
  expect(await response.json()).toEqual({ error: 'a statements request may be at most 32 MB' })
})

test('its answers carry the security headers of an API; other paths and CORS preflights go to the rest of the app', async () => {
  // Without the xAPI version header: refused before anything else is looked at.
  const response = await fetch(url, { method: 'POST', body: '{}' })
  expect(response.status).toBe(400)
  expect(Object.fromEntries(response.headers)).toMatchObject({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  })
  expect((await fetch(`${base}/xapi/statementsX`)).status).toBe(418)
  expect((await fetch(url, { method: 'OPTIONS' })).status).toBe(418)
  expect((await fetch(`${base}/xapi/statements/`)).status).toBe(418)
})
