import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { MAX_STATEMENTS_REQUEST_BYTES, xapiStatements } from './xapi-statements.ts'

// The statements body is read before the client is authenticated: past the ceiling it is refused, not held.

let url = ''
let close: () => void = () => {}
beforeAll(async () => {
  const app = express().use(xapiStatements())
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi/statements`
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
