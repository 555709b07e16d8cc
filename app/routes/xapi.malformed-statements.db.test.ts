import { describe, expect, test } from 'vitest'
import { malformedStatements } from '#tests/fixtures/xapi/malformed-statements.ts'
import { createClientAuth, xapiRequest } from '#tests/xapi.ts'
import { action, loader } from './xapi.statements.ts'

// Every malformed statement the validator knows, sent through the real Statements resource on this
// database: rejected with 400 and the message naming the property, and nothing stored.
// A body that is not an object at all is answered for the whole request, not as "statement …".
const statementShaped = malformedStatements.filter(
  ({ input }) => typeof input === 'object' && input !== null && !Array.isArray(input),
)

describe('the Statements resource rejects malformed statements', () => {
  test('the table has at least 40 statements', () => {
    expect(statementShaped.length).toBeGreaterThanOrEqual(40)
  })

  test.each(statementShaped)('$name', async ({ input, error, version }) => {
    const { authorization } = await createClientAuth(['all'], 'Malformed')
    const request = xapiRequest('/xapi/statements', {
      method: 'POST',
      body: JSON.stringify(input),
      authorization,
      version: version ?? '1.0.3',
    })
    const response = await action({ request, params: {}, context: { clientIp: null, cspNonce: '' } })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: string }
    if (typeof error === 'string') expect(body.error).toBe(error)
    else expect(body.error).toMatch(error)
  })

  test('none of them was stored', async () => {
    const { authorization } = await createClientAuth(['all'], 'Reader')
    const response = await loader({
      request: xapiRequest('/xapi/statements', { authorization }),
      params: {},
      context: { clientIp: null, cspNonce: '' },
    })
    expect(((await response.json()) as { statements: unknown[] }).statements).toEqual([])
  })
})
