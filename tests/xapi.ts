import { createLrsClient, type LrsScope } from '#app/lib/xapi/clients/lrs-clients.server.ts'

// Helpers for calling the LRS routes directly in integration tests.
export async function createClientAuth(scopes: LrsScope[] = ['all'], name = 'Test client') {
  const { key, secret, client } = await createLrsClient({ name, scopes })
  return { client, authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` }
}

export function xapiRequest(
  path: string,
  {
    method = 'GET',
    body,
    authorization,
    version = '1.0.3',
    headers = {},
  }: {
    method?: string
    body?: unknown
    authorization?: string
    version?: string | null
    headers?: Record<string, string>
  } = {},
) {
  const allHeaders = new Headers(headers)
  if (authorization) allHeaders.set('Authorization', authorization)
  if (version) allHeaders.set('X-Experience-API-Version', version)
  if (body !== undefined && !allHeaders.has('Content-Type')) allHeaders.set('Content-Type', 'application/json')
  return new Request(`http://localhost${path}`, {
    method,
    headers: allHeaders,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
}
