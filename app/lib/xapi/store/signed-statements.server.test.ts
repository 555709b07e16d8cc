import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { signJws, signatureAttachment, x5cEntry } from '#tests/fixtures/xapi/signing.ts'
import { createStatement } from '#tests/statements.ts'
import { firstDifference, signatureProblem } from './signed-statements.server.ts'

const statement = createStatement({
  id: '33cff416-e331-4c9d-969e-5373a1756120',
  actor: { objectType: 'Agent', name: 'Ada Lovelace', mbox: 'mailto:ada@example.com' },
  object: {
    objectType: 'Activity',
    id: 'https://example.test/activities/phishing',
    definition: { name: { 'en-GB': 'Phishing' } },
  },
  timestamp: '2026-04-01T12:00:00Z',
})
/** What the LRS receives: the signed statement plus its signature attachment. */
const received = (jws: string, changes: Record<string, unknown> = {}) => ({
  ...statement,
  attachments: [signatureAttachment(jws)],
  ...changes,
})

describe('signatureProblem', () => {
  test.each(['RS256', 'RS384', 'RS512'])('accepts a JWS signed with %s whose x5c certificate verifies it', (alg) => {
    const jws = signJws({ payload: statement, header: { alg, x5c: [x5cEntry] } })
    expect(signatureProblem(received(jws), jws)).toBeNull()
  })

  test('accepts a JWS without x5c: there is no certificate to verify against', () => {
    const jws = signJws({ payload: statement, header: { alg: 'RS256' } })
    expect(signatureProblem(received(jws), jws)).toBeNull()
  })

  test('refuses other algorithms', () => {
    const jws = signJws({ payload: statement, header: { alg: 'HS256' } })
    expect(signatureProblem(received(jws), jws)).toBe('its JWS algorithm is HS256; it must be RS256, RS384 or RS512')
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify(statement),
    ).toString('base64url')}.`
    expect(signatureProblem(received(none), none)).toContain('not a JWS in compact serialization')
  })

  test('refuses what is not a compact JWS, or whose header or payload is not JSON', () => {
    expect(signatureProblem(statement, 'not a jws')).toBe(
      'it is not a JWS in compact serialization (three base64url parts separated by dots)',
    )
    expect(signatureProblem(statement, 'a.b')).toContain('not a JWS in compact serialization')
    expect(signatureProblem(statement, `${Buffer.from('nope').toString('base64url')}.e30.c2ln`)).toBe(
      'its JWS header is not a JSON object',
    )
    expect(signatureProblem(statement, `${Buffer.from('{}').toString('base64url')}.e30.c2ln`)).toBe(
      'its JWS header has no alg',
    )
    // What the conformance suite sends as a "broken" JWS: its JSON with the first quote turned into an apostrophe.
    const broken = signJws({ payload: JSON.stringify(statement).replace('"', "'") })
    expect(signatureProblem(received(broken), broken)).toBe(
      'its JWS payload is not a JSON serialization of a statement',
    )
  })

  test('refuses a payload that does not match the statement', () => {
    const jws = signJws({ payload: statement })
    const tampered = received(jws, { verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } })
    expect(signatureProblem(tampered, jws)).toBe(
      'its JWS payload does not match the statement (they differ at statement.verb.id)',
    )
    const withResult = received(jws, { result: { success: true } })
    expect(signatureProblem(withResult, jws)).toBe(
      'its JWS payload does not match the statement (they differ at statement.result)',
    )
  })

  test('refuses a signature that the x5c certificate does not verify', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString()
    const jws = signJws({ payload: statement, key: other })
    expect(signatureProblem(received(jws), jws)).toBe(
      'its signature does not verify with the public key of the first certificate in its x5c header',
    )
    const [header, , signature] = signJws({ payload: statement }).split('.')
    const swapped = `${header}.${Buffer.from(
      JSON.stringify({ ...statement, timestamp: '2026-04-01T12:00:01Z' }),
    ).toString('base64url')}.${signature}`
    expect(signatureProblem(received(swapped, { timestamp: '2026-04-01T12:00:01Z' }), swapped)).toContain(
      'does not verify',
    )
  })

  test('refuses an unreadable x5c', () => {
    const jws = signJws({ payload: statement, header: { alg: 'RS256', x5c: ['bm90IGEgY2VydA=='] } })
    expect(signatureProblem(received(jws), jws)).toBe('the first certificate in its x5c header cannot be read')
    const notArray = signJws({ payload: statement, header: { alg: 'RS256', x5c: x5cEntry } })
    expect(signatureProblem(received(notArray), notArray)).toBe(
      'its JWS header x5c must be an array of base64 DER certificates',
    )
  })
})

describe('firstDifference (Data 2.3.1 statement comparison)', () => {
  test('ignores what the LRS sets or may assign, attachments, verb display and activity definitions', () => {
    const { id: _id, timestamp: _timestamp, ...bare } = statement
    const stored = {
      ...statement,
      id: statement.id.toUpperCase(),
      timestamp: '2026-04-01T13:00:00+01:00',
      stored: '2026-04-02T00:00:00Z',
      authority: { objectType: 'Agent', account: { homePage: 'https://lrs.example', name: 'client' } },
      version: '1.0.0',
      attachments: [{ usageType: 'http://example.test/usage' }],
      verb: { id: statement.verb.id, display: { 'en-US': 'experienced it' } },
      object: { objectType: 'Activity', id: statement.object.id, definition: { name: { 'en-US': 'Other name' } } },
    }
    expect(firstDifference(statement, stored)).toBeNull()
    expect(firstDifference(bare, stored)).toBeNull()
  })

  test('ignores the case of email domains and UUIDs, and the order of group members', () => {
    const group = (members: unknown[]) => ({ objectType: 'Group', member: members })
    const a = { mbox: 'mailto:a@example.com' }
    const b = { mbox: 'mailto:b@example.com' }
    expect(
      firstDifference(
        { ...statement, actor: group([a, b]), context: { registration: 'ABCDEF01-2345-4789-8abc-def012345678' } },
        {
          ...statement,
          actor: group([b, { mbox: 'mailto:a@EXAMPLE.com' }]),
          context: { registration: 'abcdef01-2345-4789-8abc-def012345678' },
        },
      ),
    ).toBeNull()
  })

  test('a single context activity and a one-item list are the same', () => {
    const activity = { id: 'https://example.test/courses/1' }
    expect(
      firstDifference(
        { ...statement, context: { contextActivities: { parent: activity } } },
        { ...statement, context: { contextActivities: { parent: [activity] } } },
      ),
    ).toBeNull()
  })

  test('every other difference counts, serialization ones included', () => {
    expect(firstDifference(statement, { ...statement, id: '00000000-0000-4000-8000-000000000000' })).toBe(
      'statement.id',
    )
    expect(firstDifference(statement, { ...statement, timestamp: '2026-04-01T12:00:01Z' })).toBe('statement.timestamp')
    expect(
      firstDifference(statement, { ...statement, actor: { mbox: 'mailto:ada@example.com', name: 'Ada Lovelace' } }),
    ).toBe('statement.actor.objectType')
    expect(
      firstDifference(statement, { ...statement, actor: { ...statement.actor, mbox: 'mailto:ADA@example.com' } }),
    ).toBe('statement.actor.mbox')
    expect(firstDifference(statement, { ...statement, result: { duration: 'PT60S' } })).toBe('statement.result')
  })
})
