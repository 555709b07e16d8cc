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

let counter = 0
/** A minimal valid statement; override any part. */
export function aStatement(overrides: Record<string, unknown> = {}) {
  counter++
  return {
    actor: { objectType: 'Agent', mbox: `mailto:learner${counter}@example.test`, name: `Learner ${counter}` },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-GB': 'experienced' } },
    object: { objectType: 'Activity', id: `https://example.test/activities/${counter}` },
    ...overrides,
  }
}
