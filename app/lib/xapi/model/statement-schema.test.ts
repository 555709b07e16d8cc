import { describe, expect, test } from 'vitest'
import {
  agentKey,
  INTERACTION_TYPES,
  isAnonymousGroup,
  parseAgentParam,
  validateStatement,
  validateStatements,
  VOIDED_VERB_ID,
} from './statement-schema.ts'
import type { XapiVersion } from './version.ts'
import {
  activity,
  agent,
  anonymousGroup,
  attachment,
  identifiedGroup,
  type Json,
  malformedStatements,
  oauthConsumer,
  otherAgent,
  statement,
  statementRef,
  subStatement,
  verb,
  withActor,
  withContext,
  withDefinition,
  withObject,
  withSubStatement,
} from '#tests/fixtures/xapi/malformed-statements.ts'

const validate = (input: unknown, version: XapiVersion = '1.0.3') => validateStatement(input, { version })

function errorOf(input: unknown, version: XapiVersion = '1.0.3'): string {
  const result = validate(input, version)
  if (result.ok) throw new Error(`expected a rejection, but the statement was accepted: ${JSON.stringify(input)}`)
  return result.error
}

function accepted(input: unknown, version: XapiVersion = '1.0.3') {
  const result = validate(input, version)
  if (!result.ok) throw new Error(`expected the statement to be accepted, but: ${result.error}`)
  return result.statement
}

const malformed = malformedStatements

describe('malformed statements are rejected with a message naming the property', () => {
  test('the table covers at least 45 cases', () => {
    expect(malformed.length).toBeGreaterThanOrEqual(45)
  })

  test.each(malformed)('$name', ({ input, error, version }) => {
    const message = errorOf(input, version)
    if (typeof error === 'string') expect(message).toBe(error)
    else expect(message).toMatch(error)
  })
})

// One Activity definition per interaction type, each with the component lists that type supports.
const interactions: Record<(typeof INTERACTION_TYPES)[number], Json> = {
  'true-false': { correctResponsesPattern: ['true'] },
  choice: {
    correctResponsesPattern: ['golf[,]tetris'],
    choices: [
      { id: 'golf', description: { 'en-US': 'Golf Example' } },
      { id: 'tetris', description: { 'en-US': 'Tetris Example' } },
    ],
  },
  'fill-in': { correctResponsesPattern: ["{case_matters=false}Bob's your uncle"] },
  'long-fill-in': { correctResponsesPattern: ['{lang=en}It was a dark and stormy night'] },
  matching: {
    correctResponsesPattern: ['ben[.]3[,]chris[.]2'],
    source: [
      { id: 'ben', description: { 'en-US': 'Ben' } },
      { id: 'chris', description: { 'en-US': 'Chris' } },
    ],
    target: [
      { id: '2', description: { 'en-US': 'We got Runs' } },
      { id: '3', description: { 'en-US': 'Duck' } },
    ],
  },
  performance: {
    correctResponsesPattern: ['pong[.]1:[,]dg[.]:10'],
    steps: [{ id: 'pong', description: { 'en-US': 'Net pong matches won' } }, { id: 'dg' }],
  },
  sequencing: { correctResponsesPattern: ['tim[,]mike'], choices: [{ id: 'tim' }, { id: 'mike' }] },
  likert: {
    correctResponsesPattern: ['likert_3'],
    scale: [
      { id: 'likert_0', description: { 'sr-Latn-RS': 'Uopšte se ne slažem' } },
      { id: 'likert_3', description: { 'en-US': "It's OK" } },
    ],
  },
  numeric: { correctResponsesPattern: ['4[:]'] },
  other: { correctResponsesPattern: ['(35.937432,-86.868896)'] },
}

describe('valid statements are accepted as given', () => {
  test('the minimal statement', () => {
    const minimal = { actor: { mbox: 'mailto:ada@example.com' }, verb: { id: verb.id }, object: { id: activity.id } }
    expect(accepted(minimal)).toEqual(minimal)
  })

  test('a statement using every property comes back unchanged', () => {
    const full = {
      id: 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0',
      actor: agent,
      verb: { id: verb.id, display: { 'en-US': 'attended', de: 'besucht', 'zh-Hant': '參加' } },
      object: {
        ...activity,
        definition: {
          name: { 'en-GB': 'Spotting phishing' },
          description: { 'en-GB': 'Recognise a phishing email' },
          type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
          moreInfo: 'https://example.com/modules/spotting-phishing',
          ...interactions.choice,
          interactionType: 'choice',
          extensions: { 'http://example.com/ext/content-version': 'abc123' },
        },
      },
      result: {
        score: { scaled: 0.8, raw: 8, min: 0, max: 10 },
        success: true,
        completion: true,
        response: 'golf[,]tetris',
        duration: 'PT4M30.5S',
        extensions: { 'http://example.com/ext/attempt': 2 },
      },
      context: {
        registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
        instructor: otherAgent,
        team: anonymousGroup,
        contextActivities: { parent: [activity], grouping: [activity], category: [activity], other: [activity] },
        revision: 'rev_10_3_2',
        platform: 'Digital skills platform',
        language: 'en-GB',
        statement: statementRef,
        extensions: { 'http://example.com/ext/site': 'Ward 7' },
      },
      timestamp: '2024-05-01T09:30:00.123Z',
      stored: '2024-05-01T09:30:01.000Z',
      authority: { objectType: 'Group', member: [oauthConsumer, otherAgent] },
      version: '1.0.0',
      attachments: [attachment],
    }
    expect(accepted(full)).toEqual(full)
  })

  test('an input statement is not modified and no defaults are added', () => {
    const input = statement({ context: { contextActivities: { parent: activity } } })
    const copy = structuredClone(input)
    const output = accepted(input)
    expect(input).toEqual(copy)
    for (const added of ['id', 'timestamp', 'stored', 'authority', 'version']) expect(output).not.toHaveProperty(added)
  })

  test('single context activities come back as arrays; arrays stay as they are', () => {
    const other = { id: 'http://example.com/activities/other' }
    const output = accepted(
      withContext({ contextActivities: { parent: activity, grouping: [activity, other], category: [] } }),
    )
    expect(output.context?.contextActivities).toEqual({ parent: [activity], grouping: [activity, other], category: [] })
  })

  test('the same normalisation applies inside a SubStatement', () => {
    const output = accepted(withSubStatement({ context: { contextActivities: { other: activity } } }))
    expect(output.object.objectType).toBe('SubStatement')
    if (output.object.objectType === 'SubStatement')
      expect(output.object.context?.contextActivities?.other).toEqual([activity])
  })

  test.each([
    ['an Activity without objectType', { id: activity.id }],
    ['an Activity with an empty definition', { ...activity, definition: {} }],
    ['an Agent', agent],
    ['an identified Group', identifiedGroup],
    ['an anonymous Group', anonymousGroup],
    ['a StatementRef', statementRef],
    ['a SubStatement', subStatement()],
    [
      'a SubStatement about an Agent, with result, context, timestamp and attachments',
      subStatement({
        object: agent,
        result: { success: true },
        context: { instructor: otherAgent },
        timestamp: '2099-01-01T00:00:00Z', // a SubStatement may look ahead
        attachments: [attachment],
      }),
    ],
    ['a SubStatement about a StatementRef', subStatement({ object: statementRef })],
  ])('object: %s', (_, object) => {
    expect(accepted(withObject(object)).object).toEqual(object)
  })

  test.each(INTERACTION_TYPES.map((type) => [type]))('interaction type %s with its components', (interactionType) => {
    const definition = {
      type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      interactionType,
      ...interactions[interactionType],
    }
    expect(accepted(withDefinition(definition)).object).toEqual({ ...activity, definition })
  })

  test('an empty correctResponsesPattern (no answer is correct) is allowed', () => {
    expect(validate(withDefinition({ interactionType: 'choice', correctResponsesPattern: [] })).ok).toBe(true)
  })

  test.each([
    ['an Agent by mbox_sha1sum', { mbox_sha1sum: 'cd9b00a5611f94eaa7b1661edab976068e364975' }],
    ['an Agent by openid', { openid: 'http://openid.example.org/12345' }],
    ['an Agent by account', { objectType: 'Agent', ...oauthConsumer }],
    ['a Group by mbox with members', { ...identifiedGroup, member: [agent] }],
    ['a Group by mbox_sha1sum', { objectType: 'Group', mbox_sha1sum: 'cd9b00a5611f94eaa7b1661edab976068e364975' }],
    ['a Group by openid', { objectType: 'Group', openid: 'http://openid.example.org/group' }],
    ['a Group by account', { objectType: 'Group', account: { homePage: 'http://www.example.com', name: 'ward-7' } }],
    ['an anonymous Group', anonymousGroup],
  ])('actor: %s', (_, actor) => {
    expect(accepted(withActor(actor)).actor).toEqual(actor)
  })

  test.each([
    ['an Agent', agent],
    ['an OAuth Group of consumer and user', { objectType: 'Group', member: [oauthConsumer, otherAgent] }],
  ])('authority: %s', (_, authority) => {
    expect(validate(statement({ authority })).ok).toBe(true)
  })

  test.each([
    '2024-05-01T09:30:00Z',
    '2024-05-01T09:30:00.123456Z',
    '2024-05-01T09:30:00+00:00',
    '2024-05-01T09:30:00+0000',
    '2024-05-01T09:30:00+00',
    '2024-05-01T15:00:00.601+05:30',
    '2024-05-01T04:30:00-05:00',
    '2024-05-01T09:30:00', // a time zone is recommended, not required
    '2024-05-01T09:30Z',
    '2008-09-15 15:53:00.601+00:00', // RFC 3339 allows a space
    '2024-02-29T12:00:00,5Z',
    '2000-02-29T12:00:00Z',
    '0024-02-29T12:00:00Z', // years below 100 follow the calendar too
  ])('timestamp %s', (timestamp) => {
    expect(validate(statement({ timestamp, stored: timestamp })).ok).toBe(true)
  })

  test.each([
    ['1.0.3', '1.0'],
    ['1.0.3', '1.0.0'],
    ['1.0.3', '1.0.9'],
    ['2.0.0', '1.0.3'],
    ['2.0.0', '2.0.0'],
    ['2.0.0', '2.0'],
  ] as const)('in an xAPI %s request, statement version %s', (requestVersion, version) => {
    expect(validate(statement({ version }), requestVersion).ok).toBe(true)
  })

  test('extension values may be anything, null and empty values included', () => {
    const extensions = {
      'http://example.com/a': null,
      'http://example.com/b': '',
      'http://example.com/c': {},
      'http://example.com/d': [1, { e: false }],
    }
    const output = accepted(
      statement({
        result: { extensions },
        context: { extensions },
        object: { ...activity, definition: { extensions } },
      }),
    )
    expect(output.result?.extensions).toEqual(extensions)
  })

  test('empty extensions, language maps and attachments are allowed', () => {
    expect(
      validate(statement({ verb: { id: verb.id, display: {} }, result: { extensions: {} }, attachments: [] })).ok,
    ).toBe(true)
  })

  test('a voiding statement that points at a StatementRef', () => {
    expect(
      validate(statement({ verb: { id: VOIDED_VERB_ID, display: { 'en-US': 'voided' } }, object: statementRef })).ok,
    ).toBe(true)
  })

  test('revision and platform are fine when the object is an Activity, with or without objectType', () => {
    expect(
      validate(statement({ object: { id: activity.id }, context: { revision: 'r2', platform: 'Phone' } })).ok,
    ).toBe(true)
  })

  test('xAPI 2.0.0 accepts contextAgents and contextGroups', () => {
    const context = {
      contextAgents: [
        {
          objectType: 'contextAgent',
          agent,
          relevantTypes: ['https://example.com/xapi/activity-types/personnel/player'],
        },
        { objectType: 'contextAgent', agent: otherAgent },
      ],
      contextGroups: [
        {
          objectType: 'contextGroup',
          group: { ...identifiedGroup, member: [agent] },
          relevantTypes: ['https://example.com/xapi/team/a'],
        },
        { objectType: 'contextGroup', group: anonymousGroup },
      ],
    }
    expect(accepted(withContext(context), '2.0.0').context).toEqual(context)
    expect(accepted(withSubStatement({ context }), '2.0.0').object).toMatchObject({ context })
  })
})

describe('validateStatements', () => {
  const options = { version: '1.0.3' } as const

  test('takes one statement or an array, keeping the order', () => {
    const one = statement()
    const two = statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } })
    expect(validateStatements(one, options)).toEqual({ ok: true, statements: [one] })
    expect(validateStatements([one, two], options)).toEqual({ ok: true, statements: [one, two] })
  })

  test('accepts an empty array', () => {
    expect(validateStatements([], options)).toEqual({ ok: true, statements: [] })
  })

  test('names a failing statement in a batch by its index', () => {
    const batch = [statement(), statement(), withActor({ mbox: 'ada@example.com' })]
    expect(validateStatements(batch, options)).toEqual({
      ok: false,
      error: 'statements[2].actor.mbox must be a mailto: IRI',
    })
  })

  test('names a lone statement as statement', () => {
    expect(validateStatements(statement({ foo: 1 }), options)).toEqual({
      ok: false,
      error: 'statement.foo is not allowed',
    })
  })

  test('rejects a batch that repeats a statement id, whatever its letter case', () => {
    const id = 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0'
    const batch = [statement({ id }), statement(), statement({ id: id.toUpperCase() })]
    expect(validateStatements(batch, options)).toEqual({
      ok: false,
      error: 'statements[2].id repeats the id of statements[0]',
    })
  })

  test('rejects a body that is neither a statement nor an array', () => {
    for (const body of ['text', 42, null]) {
      expect(validateStatements(body, options)).toEqual({
        ok: false,
        error: 'the body must be a statement or an array of statements',
      })
    }
  })

  test('uses the rules of the request version', () => {
    const batch = [withContext({ contextAgents: [{ objectType: 'contextAgent', agent }] })]
    expect(validateStatements(batch, { version: '2.0.0' }).ok).toBe(true)
    expect(validateStatements(batch, options)).toEqual({
      ok: false,
      error: 'statements[0].context.contextAgents is not allowed in xAPI 1.0.3',
    })
  })
})

describe('agentKey', () => {
  test.each([
    [
      'an mbox, with the email domain in lower case',
      { mbox: 'mailto:Ada.Lovelace@Example.COM' },
      'mbox:mailto:Ada.Lovelace@example.com',
    ],
    [
      'an mbox_sha1sum, in lower case',
      { mbox_sha1sum: 'CD9B00A5611F94EAA7B1661EDAB976068E364975' },
      'mbox_sha1sum:cd9b00a5611f94eaa7b1661edab976068e364975',
    ],
    ['an openid', { openid: 'http://openid.example.org/12345' }, 'openid:http://openid.example.org/12345'],
    [
      'an account',
      { objectType: 'Agent' as const, account: { homePage: 'https://skills.example.nhs.uk', name: 'user|42' } },
      'account:https://skills.example.nhs.uk|user|42',
    ],
    [
      'an identified group, ignoring its members',
      { objectType: 'Group' as const, mbox: 'mailto:ward7@example.com', member: [{ mbox: 'mailto:ada@example.com' }] },
      'mbox:mailto:ward7@example.com',
    ],
  ])('keys %s', (_, actor, key) => {
    expect(agentKey(actor)).toBe(key)
  })

  test('gives the same key whatever else the agent carries', () => {
    expect(agentKey({ objectType: 'Agent', name: 'Ada', mbox: 'mailto:ada@example.com' })).toBe(
      agentKey({ mbox: 'mailto:ada@example.com' }),
    )
  })

  test('refuses an anonymous group, which has no identifier', () => {
    const group = { objectType: 'Group' as const, member: [{ mbox: 'mailto:ada@example.com' }] }
    expect(isAnonymousGroup(group)).toBe(true)
    expect(isAnonymousGroup({ objectType: 'Group', openid: 'http://openid.example.org/g' })).toBe(false)
    expect(isAnonymousGroup({ mbox: 'mailto:ada@example.com' })).toBe(false)
    expect(() => agentKey(group)).toThrow(/anonymous Group/)
  })
})

describe('parseAgentParam', () => {
  test('reads an Agent, with or without objectType', () => {
    expect(parseAgentParam('{"mbox":"mailto:ada@example.com"}')).toEqual({
      ok: true,
      agent: { mbox: 'mailto:ada@example.com' },
    })
    expect(parseAgentParam(JSON.stringify(agent))).toEqual({ ok: true, agent })
  })

  test('reads an identified Group, members and all', () => {
    const group = { ...identifiedGroup, member: [agent] }
    expect(parseAgentParam(JSON.stringify(group))).toEqual({ ok: true, agent: group })
  })

  test('the parsed agent has the same key as the one in a statement', () => {
    const parsed = parseAgentParam('{"account":{"homePage":"https://skills.example.nhs.uk","name":"42"}}')
    expect(parsed.ok && agentKey(parsed.agent)).toBe('account:https://skills.example.nhs.uk|42')
  })

  test.each([
    ['text that is not JSON', 'not JSON', 'agent must be an Agent or identified Group as JSON'],
    ['JSON that is not an object', 'true', 'agent must be an object'],
    [
      'an agent without an identifier',
      '{"name":"Ada"}',
      'agent must be identified by one of mbox, mbox_sha1sum, openid or account',
    ],
    [
      'an agent with two identifiers',
      '{"mbox":"mailto:a@example.com","openid":"http://openid.example.org/1"}',
      'agent must have only one identifier, but has mbox and openid',
    ],
    ['a malformed mbox', '{"mbox":"ada@example.com"}', 'agent.mbox must be a mailto: IRI'],
    ['an unknown property', '{"mbox":"mailto:a@example.com","email":"a@example.com"}', 'agent.email is not allowed'],
    [
      'an anonymous group',
      JSON.stringify(anonymousGroup),
      'agent must be an Agent or identified Group, not an anonymous Group',
    ],
  ])('rejects %s', (_, json, error) => {
    expect(parseAgentParam(json)).toEqual({ ok: false, error })
  })
})

describe('a "__proto__" key, which JSON.parse makes an ordinary property', () => {
  // Written as JSON text: in an object literal "__proto__" would set the prototype instead of adding a key.
  const actorAndObject = '"actor":{"mbox":"mailto:ada@example.com"},"object":{"id":"http://example.com/activities/1"}'
  const attended = '"verb":{"id":"http://adlnet.gov/expapi/verbs/attended"}'

  test.each([
    [
      'in extensions',
      `{${actorAndObject},${attended},"result":{"extensions":{"__proto__":{"polluted":true}}}}`,
      'statement.result.extensions key "__proto__" must be an absolute IRI',
    ],
    [
      'in a language map',
      `{${actorAndObject},"verb":{"id":"http://adlnet.gov/expapi/verbs/attended","display":{"__proto__":"x"}}}`,
      'statement.verb.display key "__proto__" is not an RFC 5646 language tag',
    ],
    [
      'on the statement',
      `{${actorAndObject},${attended},"__proto__":{"polluted":true}}`,
      'statement.__proto__ is not allowed',
    ],
  ])('is rejected %s rather than dropped', (_, json, error) => {
    expect(errorOf(JSON.parse(json))).toBe(error)
  })
})
