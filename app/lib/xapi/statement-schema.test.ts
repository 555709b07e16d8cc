import { describe, expect, test } from 'vitest'
import {
  agentKey,
  INTERACTION_TYPES,
  isAnonymousGroup,
  parseAgentParam,
  validateStatement,
  validateStatements,
  VOIDED_VERB_ID,
  type XapiVersion,
} from './statement-schema.ts'

type Json = Record<string, unknown>

// Small builders, so each case below shows only what it breaks.
const agent = { objectType: 'Agent', name: 'Ada Lovelace', mbox: 'mailto:ada@example.com' }
const otherAgent = { mbox: 'mailto:bob@example.com' }
const oauthConsumer = { account: { homePage: 'http://example.com/xAPI/OAuth/Token', name: 'oauth_consumer_x75db' } }
const verb = { id: 'http://adlnet.gov/expapi/verbs/attended', display: { 'en-GB': 'attended', 'en-US': 'attended' } }
const activity = { objectType: 'Activity', id: 'http://example.com/activities/spotting-phishing' }
const statementRef = { objectType: 'StatementRef', id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee' }
const identifiedGroup = { objectType: 'Group', name: 'Ward 7', mbox: 'mailto:ward7@example.com' }
const anonymousGroup = { objectType: 'Group', member: [agent, otherAgent] }
const attachment = {
  usageType: 'http://adlnet.gov/expapi/attachments/signature',
  display: { 'en-US': 'Certificate' },
  description: { 'en-US': 'Completion certificate' },
  contentType: 'application/pdf',
  length: 27,
  sha2: '495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a',
  fileUrl: 'http://example.com/certificates/1.pdf',
}

const statement = (changes: Json = {}): Json => ({ actor: agent, verb, object: activity, ...changes })
const withActor = (actor: unknown) => statement({ actor })
const withVerb = (changes: Json) => statement({ verb: { ...verb, ...changes } })
const withObject = (object: unknown) => statement({ object })
const withDefinition = (definition: Json) => withObject({ ...activity, definition })
const withResult = (result: unknown) => statement({ result })
const withScore = (score: Json) => withResult({ score })
const withContext = (context: unknown) => statement({ context })
const withAttachment = (changes: Json) => statement({ attachments: [{ ...attachment, ...changes }] })
const subStatement = (changes: Json = {}) => ({ objectType: 'SubStatement', actor: agent, verb, object: activity, ...changes })
const withSubStatement = (changes: Json) => withObject(subStatement(changes))

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

interface MalformedCase {
  name: string
  input: unknown
  error: string | RegExp
  version?: XapiVersion
}

const malformed: MalformedCase[] = [
  // Statement
  { name: 'a body that is not an object', input: 'just text', error: 'statement must be an object' },
  { name: 'no actor', input: { verb, object: activity }, error: 'statement.actor is required' },
  { name: 'no verb', input: { actor: agent, object: activity }, error: 'statement.verb is required' },
  { name: 'no object', input: { actor: agent, verb }, error: 'statement.object is required' },
  { name: 'an unknown property', input: statement({ foo: 1 }), error: 'statement.foo is not allowed' },
  { name: 'a property in the wrong case', input: statement({ Result: {} }), error: 'statement.Result is not allowed' },
  { name: 'an id with too many digits', input: statement({ id: 'AA97B177-9383-4934-8543-0F91A7A028368' }), error: 'statement.id must be a UUID' },
  { name: 'an id with a non-hex letter', input: statement({ id: 'MA97B177-9383-4934-8543-0F91A7A02836' }), error: 'statement.id must be a UUID' },
  { name: 'a numeric id', input: statement({ id: 12345 }), error: 'statement.id must be a string' },
  { name: 'a null property', input: statement({ context: null }), error: 'statement.context must not be null' },

  // Actor
  { name: 'an mbox that is an http IRI', input: withActor({ mbox: 'http://should.fail.com' }), error: 'statement.actor.mbox must be a mailto: IRI' },
  { name: 'an mbox without an address', input: withActor({ mbox: 'mailto:should.fail.com' }), error: 'statement.actor.mbox must be a mailto: IRI' },
  { name: 'an mbox_sha1sum that is not 40 hex characters', input: withActor({ mbox_sha1sum: 'not-a-hash' }), error: /^statement\.actor\.mbox_sha1sum must be 40 hexadecimal characters/ },
  { name: 'an mbox_sha1sum that is not a string', input: withActor({ mbox_sha1sum: { key: 'value' } }), error: 'statement.actor.mbox_sha1sum must be a string' },
  { name: 'an openid without a scheme', input: withActor({ openid: 'open.id.com/testUser' }), error: 'statement.actor.openid must be an absolute IRI' },
  { name: 'an account homePage without a scheme', input: withActor({ account: { homePage: 'homePage.com/testUser', name: '123456' } }), error: 'statement.actor.account.homePage must be an absolute IRL' },
  { name: 'an account without a homePage', input: withActor({ account: { name: '123456' } }), error: 'statement.actor.account.homePage is required' },
  { name: 'an account without a name', input: withActor({ account: { homePage: 'http://example.com' } }), error: 'statement.actor.account.name is required' },
  { name: 'an account name that is an object', input: withActor({ account: { homePage: 'http://example.com', name: { key: 'x' } } }), error: 'statement.actor.account.name must be a string' },
  { name: 'an unknown account property', input: withActor({ account: { homePage: 'http://example.com', name: 'n', nickname: 'x' } }), error: 'statement.actor.account.nickname is not allowed' },
  { name: 'an agent with no identifier', input: withActor({ objectType: 'Agent', name: 'Nobody' }), error: 'statement.actor must be identified by one of mbox, mbox_sha1sum, openid or account' },
  { name: 'an agent with two identifiers', input: withActor({ mbox: 'mailto:a@example.com', account: oauthConsumer.account }), error: 'statement.actor must have only one identifier, but has mbox and account' },
  { name: 'an actor objectType in the wrong case', input: withActor({ objectType: 'agent', mbox: 'mailto:a@example.com' }), error: 'statement.actor.objectType must be Agent or Group' },
  { name: 'a numeric actor objectType', input: withActor({ objectType: 123, mbox: 'mailto:a@example.com' }), error: 'statement.actor.objectType must be Agent or Group' },
  { name: 'a numeric agent name', input: withActor({ name: 123, mbox: 'mailto:a@example.com' }), error: 'statement.actor.name must be a string' },
  { name: 'an anonymous group without members', input: withActor({ objectType: 'Group', name: 'Anonymous' }), error: /^statement\.actor\.member is required for an anonymous Group/ },
  { name: 'an anonymous group with an empty member list', input: withActor({ objectType: 'Group', member: [] }), error: 'statement.actor.member must list at least one Agent in an anonymous Group' },
  { name: 'a group member that is not an array', input: withActor({ ...identifiedGroup, member: agent }), error: 'statement.actor.member must be an array' },
  { name: 'a group inside a group', input: withActor({ objectType: 'Group', member: [identifiedGroup] }), error: 'statement.actor.member[0].objectType must be Agent: a Group cannot contain Groups' },
  { name: 'a group member objectType in the wrong case', input: withActor({ objectType: 'Group', member: [{ objectType: 'agent', mbox: 'mailto:a@example.com' }] }), error: 'statement.actor.member[0].objectType must be Agent' },
  { name: 'a group member without an identifier', input: withActor({ objectType: 'Group', member: [{ name: 'Nobody' }] }), error: 'statement.actor.member[0] must be identified by one of mbox, mbox_sha1sum, openid or account' },
  { name: 'an identified group with two identifiers', input: withActor({ ...identifiedGroup, openid: 'http://openid.example.org/1' }), error: 'statement.actor must have only one identifier, but has mbox and openid' },

  // Verb
  { name: 'a verb without an id', input: statement({ verb: { display: { 'en-US': 'did' } } }), error: 'statement.verb.id is required' },
  { name: 'a verb id without a scheme', input: withVerb({ id: 'adlnet.gov/expapi/verbs/attended' }), error: 'statement.verb.id must be an absolute IRI' },
  { name: 'a verb id with an invalid scheme', input: withVerb({ id: 'ab=c://should.fail.com' }), error: 'statement.verb.id must be an absolute IRI' },
  { name: 'a verb display that is a string', input: withVerb({ display: 'attended' }), error: 'statement.verb.display must be an object' },
  { name: 'a verb display with an invalid language tag', input: withVerb({ display: { something: 'besucht' } }), error: 'statement.verb.display key "something" is not an RFC 5646 language tag' },
  { name: 'a verb display with a null value', input: withVerb({ display: { 'en-US': null } }), error: 'statement.verb.display["en-US"] must not be null' },
  { name: 'an unknown verb property', input: withVerb({ name: 'attended' }), error: 'statement.verb.name is not allowed' },

  // Object
  { name: 'an objectType in the wrong case', input: withObject({ ...activity, objectType: 'activity' }), error: 'statement.object.objectType must be one of Activity, Agent, Group, StatementRef, SubStatement' },
  { name: 'an activity without an id', input: withObject({ objectType: 'Activity' }), error: 'statement.object.id is required' },
  { name: 'an activity id without a scheme', input: withObject({ id: 'example.com/activities/1' }), error: 'statement.object.id must be an absolute IRI' },
  { name: 'an agent object without objectType', input: withObject({ mbox: 'mailto:a@example.com' }), error: 'statement.object.objectType is required when the object is an Agent or Group' },
  { name: 'a group object without objectType', input: withObject({ member: [agent] }), error: 'statement.object.objectType is required when the object is an Agent or Group' },
  { name: 'a definition that is not an object', input: withObject({ ...activity, definition: 'meeting' }), error: 'statement.object.definition must be an object' },
  { name: 'a definition name that is a number', input: withDefinition({ name: 12345 }), error: 'statement.object.definition.name must be an object' },
  { name: 'a definition description with a bad tag', input: withDefinition({ description: { a12345: 'x' } }), error: 'statement.object.definition.description key "a12345" is not an RFC 5646 language tag' },
  { name: 'a definition type without a scheme', input: withDefinition({ type: 'adlnet.gov/expapi/activities/meeting' }), error: 'statement.object.definition.type must be an absolute IRI' },
  { name: 'a definition moreInfo without a scheme', input: withDefinition({ moreInfo: 'virtualmeeting.example.com/345256' }), error: 'statement.object.definition.moreInfo must be an absolute IRL' },
  { name: 'an interactionType in the wrong case', input: withDefinition({ interactionType: 'Choice' }), error: `statement.object.definition.interactionType must be one of ${INTERACTION_TYPES.join(', ')}` },
  { name: 'a numeric interactionType', input: withDefinition({ interactionType: 12345 }), error: /^statement\.object\.definition\.interactionType must be one of true-false/ },
  { name: 'a correctResponsesPattern without interactionType', input: withDefinition({ correctResponsesPattern: ['true'] }), error: 'statement.object.definition.interactionType is required when correctResponsesPattern is given' },
  { name: 'choices without interactionType', input: withDefinition({ choices: [{ id: 'golf' }] }), error: 'statement.object.definition.interactionType is required when choices is given' },
  { name: 'choices on a likert interaction', input: withDefinition({ interactionType: 'likert', choices: [{ id: 'golf' }] }), error: 'statement.object.definition.choices is only allowed when interactionType is choice or sequencing' },
  { name: 'a scale on a choice interaction', input: withDefinition({ interactionType: 'choice', scale: [{ id: 'agree' }] }), error: 'statement.object.definition.scale is only allowed when interactionType is likert' },
  { name: 'a source on a sequencing interaction', input: withDefinition({ interactionType: 'sequencing', source: [{ id: 'a' }] }), error: 'statement.object.definition.source is only allowed when interactionType is matching' },
  { name: 'steps on a true-false interaction', input: withDefinition({ interactionType: 'true-false', steps: [{ id: 'a' }] }), error: 'statement.object.definition.steps is only allowed when interactionType is performance' },
  { name: 'repeated component ids', input: withDefinition({ interactionType: 'choice', choices: [{ id: 'golf' }, { id: 'golf' }] }), error: 'statement.object.definition.choices[1].id repeats "golf": ids must be unique within the list' },
  { name: 'an empty component id', input: withDefinition({ interactionType: 'likert', scale: [{ id: '' }] }), error: 'statement.object.definition.scale[0].id must not be empty' },
  { name: 'an unknown component property', input: withDefinition({ interactionType: 'matching', source: [{ id: 'a', label: 'A' }] }), error: 'statement.object.definition.source[0].label is not allowed' },
  { name: 'a component description with a bad tag', input: withDefinition({ interactionType: 'performance', steps: [{ id: 'a', description: { 'en-': 'x' } }] }), error: 'statement.object.definition.steps[0].description key "en-" is not an RFC 5646 language tag' },
  { name: 'a correctResponsesPattern holding a number', input: withDefinition({ interactionType: 'numeric', correctResponsesPattern: [4] }), error: 'statement.object.definition.correctResponsesPattern[0] must be a string' },
  { name: 'a definition extension key without a scheme', input: withDefinition({ extensions: { 'not.valid.com/extension': 1234 } }), error: 'statement.object.definition.extensions key "not.valid.com/extension" must be an absolute IRI' },
  { name: 'an unknown definition property', input: withDefinition({ foo: 'bar' }), error: 'statement.object.definition.foo is not allowed' },
  { name: 'a StatementRef without an id', input: withObject({ objectType: 'StatementRef' }), error: 'statement.object.id is required' },
  { name: 'a StatementRef id that is not a UUID', input: withObject({ objectType: 'StatementRef', id: 'should fail' }), error: 'statement.object.id must be a UUID' },
  { name: 'a StatementRef with a definition', input: withObject({ ...statementRef, definition: {} }), error: 'statement.object.definition is not allowed' },
  { name: 'an agent object with an unknown property', input: withObject({ ...agent, age: 30 }), error: 'statement.object.age is not allowed' },

  // SubStatement
  { name: 'a SubStatement with an id', input: withSubStatement({ id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee' }), error: 'statement.object.id is not allowed' },
  { name: 'a SubStatement with stored', input: withSubStatement({ stored: '2024-05-01T09:30:00Z' }), error: 'statement.object.stored is not allowed' },
  { name: 'a SubStatement with version', input: withSubStatement({ version: '1.0.0' }), error: 'statement.object.version is not allowed' },
  { name: 'a SubStatement with authority', input: withSubStatement({ authority: agent }), error: 'statement.object.authority is not allowed' },
  { name: 'a nested SubStatement', input: withSubStatement({ object: subStatement() }), error: 'statement.object.object.objectType cannot be SubStatement: a SubStatement cannot contain another' },
  { name: 'a SubStatement without a verb', input: withObject({ objectType: 'SubStatement', actor: agent, object: activity }), error: 'statement.object.verb is required' },
  { name: 'a SubStatement with a bad verb display', input: withSubStatement({ verb: { ...verb, display: { a12345678: 'x' } } }), error: 'statement.object.verb.display key "a12345678" is not an RFC 5646 language tag' },
  { name: 'a SubStatement revision about an agent', input: withSubStatement({ object: { ...agent }, context: { revision: 'r1' } }), error: 'statement.object.context.revision is only allowed when the object is an Activity' },
  { name: 'a SubStatement timestamp with a -00 offset', input: withSubStatement({ timestamp: '2008-09-15T15:53:00.601-00' }), error: /^statement\.object\.timestamp must not use a negative zero/ },

  // Result
  { name: 'a score that is a number', input: withResult({ score: 12345 }), error: 'statement.result.score must be an object' },
  { name: 'a scaled score above 1', input: withScore({ scaled: 1.01 }), error: 'statement.result.score.scaled must be between -1 and 1' },
  { name: 'a scaled score below -1', input: withScore({ scaled: -1.00001 }), error: 'statement.result.score.scaled must be between -1 and 1' },
  { name: 'a raw score above max', input: withScore({ raw: 101, min: 0, max: 100 }), error: 'statement.result.score.raw must be at most max (100)' },
  { name: 'a raw score below min', input: withScore({ raw: -1, min: 0, max: 100 }), error: 'statement.result.score.raw must be at least min (0)' },
  { name: 'a min above max', input: withScore({ min: 20, max: 10 }), error: 'statement.result.score.min must be less than max (10)' },
  { name: 'a min equal to max', input: withScore({ min: 10, max: 10 }), error: 'statement.result.score.min must be less than max (10)' },
  { name: 'a max given as a numeric string', input: withScore({ max: '100' }), error: 'statement.result.score.max must be a number' },
  { name: 'an unknown score property', input: withScore({ percent: 50 }), error: 'statement.result.score.percent is not allowed' },
  { name: 'success given as a string', input: withResult({ success: 'true' }), error: 'statement.result.success must be true or false' },
  { name: 'completion given as a string', input: withResult({ completion: 'false' }), error: 'statement.result.completion must be true or false' },
  { name: 'a numeric response', input: withResult({ response: 12345 }), error: 'statement.result.response must be a string' },
  { name: 'a duration with an unknown designator', input: withResult({ duration: 'PA1H0M0S' }), error: 'statement.result.duration must be an ISO 8601 duration, like PT1H30M or P3D' },
  { name: 'weeks mixed with days', input: withResult({ duration: 'P4W1D' }), error: 'statement.result.duration must be an ISO 8601 duration, like PT1H30M or P3D' },
  { name: 'result extensions that are a string', input: withResult({ extensions: 'should fail' }), error: 'statement.result.extensions must be an object' },
  { name: 'a result extension key without a scheme', input: withResult({ extensions: { 'should fail': true } }), error: 'statement.result.extensions key "should fail" must be an absolute IRI' },
  { name: 'an unknown result property', input: withResult({ grade: 'A' }), error: 'statement.result.grade is not allowed' },

  // Context
  { name: 'a registration that is not a UUID', input: withContext({ registration: 'should fail' }), error: 'statement.context.registration must be a UUID' },
  { name: 'an instructor that is a string', input: withContext({ instructor: 'should fail' }), error: 'statement.context.instructor must be an object' },
  { name: 'an instructor without an identifier', input: withContext({ instructor: { key: 'should fail' } }), error: 'statement.context.instructor.key is not allowed' },
  { name: 'a team that is an agent', input: withContext({ team: agent }), error: 'statement.context.team.objectType must be Group' },
  { name: 'a team without objectType', input: withContext({ team: { mbox: 'mailto:team@example.com' } }), error: 'statement.context.team.objectType is required' },
  { name: 'an unknown contextActivities key', input: withContext({ contextActivities: { consequences: activity } }), error: 'statement.context.contextActivities.consequences is not allowed' },
  { name: 'a contextActivities value that is a string', input: withContext({ contextActivities: { parent: 'should fail' } }), error: 'statement.context.contextActivities.parent must be an Activity or an array of Activities' },
  { name: 'a contextActivities list holding a non-activity', input: withContext({ contextActivities: { other: [activity, { key: 'should fail' }] } }), error: 'statement.context.contextActivities.other[1].id is required' },
  { name: 'a single context activity with a bad id', input: withContext({ contextActivities: { grouping: { id: 'nope' } } }), error: 'statement.context.contextActivities.grouping.id must be an absolute IRI' },
  { name: 'a revision when the object is an agent', input: statement({ object: agent, context: { revision: 'rev_10_3_2' } }), error: 'statement.context.revision is only allowed when the object is an Activity' },
  { name: 'a platform when the object is a group', input: statement({ object: identifiedGroup, context: { platform: 'Example' } }), error: 'statement.context.platform is only allowed when the object is an Activity' },
  { name: 'a platform when the object is a StatementRef', input: statement({ object: statementRef, context: { platform: 'Example' } }), error: 'statement.context.platform is only allowed when the object is an Activity' },
  { name: 'a numeric revision', input: withContext({ revision: 12345 }), error: 'statement.context.revision must be a string' },
  { name: 'an invalid context language', input: withContext({ language: 'something' }), error: 'statement.context.language must be an RFC 5646 language tag' },
  { name: 'a context statement of the wrong type', input: withContext({ statement: { objectType: 'statementref', id: statementRef.id } }), error: 'statement.context.statement.objectType must be StatementRef' },
  { name: 'a context statement id that is not a UUID', input: withContext({ statement: { objectType: 'StatementRef', id: 'wrong' } }), error: 'statement.context.statement.id must be a UUID' },
  { name: 'a context extension key without a scheme', input: withContext({ extensions: { 'not.valid.com/extension': 1 } }), error: 'statement.context.extensions key "not.valid.com/extension" must be an absolute IRI' },
  { name: 'an unknown context property', input: withContext({ location: 'ward 7' }), error: 'statement.context.location is not allowed' },
  { name: 'contextAgents in xAPI 1.0.3', input: withContext({ contextAgents: [] }), error: 'statement.context.contextAgents is not allowed in xAPI 1.0.3' },
  { name: 'contextGroups in xAPI 1.0.3', input: withContext({ contextGroups: [{ objectType: 'contextGroup', group: identifiedGroup }] }), error: 'statement.context.contextGroups is not allowed in xAPI 1.0.3' },
  {
    name: 'a contextAgent with the wrong objectType',
    version: '2.0.0',
    input: withContext({ contextAgents: [{ objectType: 'Should fail', agent }] }),
    error: 'statement.context.contextAgents[0].objectType must be contextAgent',
  },
  {
    name: 'a contextAgent with an invalid agent',
    version: '2.0.0',
    input: withContext({ contextAgents: [{ objectType: 'contextAgent', agent: { key: 'Should fail' } }] }),
    error: 'statement.context.contextAgents[0].agent.key is not allowed',
  },
  {
    name: 'a contextAgent with empty relevantTypes',
    version: '2.0.0',
    input: withContext({ contextAgents: [{ objectType: 'contextAgent', agent, relevantTypes: [] }] }),
    error: 'statement.context.contextAgents[0].relevantTypes must list at least one IRI when given',
  },
  {
    name: 'a contextAgent relevantType that is not an IRI',
    version: '2.0.0',
    input: withContext({ contextAgents: [{ objectType: 'contextAgent', agent, relevantTypes: ['abc'] }] }),
    error: 'statement.context.contextAgents[0].relevantTypes[0] must be an absolute IRI',
  },
  {
    name: 'a contextGroup holding an agent',
    version: '2.0.0',
    input: withContext({ contextGroups: [{ objectType: 'contextGroup', group: agent }] }),
    error: 'statement.context.contextGroups[0].group.objectType must be Group',
  },
  {
    name: 'a contextGroup with members beside the group',
    version: '2.0.0',
    input: withContext({ contextGroups: [{ objectType: 'contextGroup', group: identifiedGroup, member: [agent] }] }),
    error: 'statement.context.contextGroups[0].member is not allowed',
  },

  // Timestamps
  { name: 'a timestamp that is words', input: statement({ timestamp: 'should fail' }), error: 'statement.timestamp must be an ISO 8601 date-time, like 2024-05-01T09:30:00.000Z' },
  { name: 'a timestamp in a local date format', input: statement({ timestamp: '01/011/2015' }), error: 'statement.timestamp must be an ISO 8601 date-time, like 2024-05-01T09:30:00.000Z' },
  { name: 'a date without a time', input: statement({ timestamp: '2024-05-01' }), error: 'statement.timestamp must be an ISO 8601 date-time, like 2024-05-01T09:30:00.000Z' },
  { name: 'a -00 offset', input: statement({ timestamp: '2008-09-15T15:53:00.601-00' }), error: 'statement.timestamp must not use a negative zero time-zone offset (-00:00); use Z or +00:00' },
  { name: 'a -0000 offset', input: statement({ timestamp: '2008-09-15T15:53:00.601-0000' }), error: 'statement.timestamp must not use a negative zero time-zone offset (-00:00); use Z or +00:00' },
  { name: 'a -00:00 offset', input: statement({ timestamp: '2008-09-15T15:53:00.601-00:00' }), error: 'statement.timestamp must not use a negative zero time-zone offset (-00:00); use Z or +00:00' },
  { name: 'the 30th of February', input: statement({ timestamp: '2024-02-30T10:00:00Z' }), error: 'statement.timestamp must be a real date and time, like 2024-05-01T09:30:00.000Z' },
  { name: 'the 29th of February outside a leap year', input: statement({ timestamp: '1900-02-29T10:00:00Z' }), error: 'statement.timestamp must be a real date and time, like 2024-05-01T09:30:00.000Z' },
  { name: 'month 13', input: statement({ timestamp: '2024-13-01T10:00:00Z' }), error: 'statement.timestamp must be a real date and time, like 2024-05-01T09:30:00.000Z' },
  { name: 'hour 24', input: statement({ timestamp: '2024-05-01T24:00:00Z' }), error: 'statement.timestamp must be a real date and time, like 2024-05-01T09:30:00.000Z' },
  { name: 'a stored time that is not a timestamp', input: statement({ stored: 'yesterday' }), error: 'statement.stored must be an ISO 8601 date-time, like 2024-05-01T09:30:00.000Z' },

  // Authority
  { name: 'an identified group as authority', input: statement({ authority: { ...identifiedGroup, member: [oauthConsumer, otherAgent] } }), error: 'statement.authority must be an Agent, or an anonymous Group (no mbox, mbox_sha1sum, openid or account) for OAuth' },
  { name: 'an authority group of one', input: statement({ authority: { objectType: 'Group', member: [otherAgent] } }), error: 'statement.authority.member must list exactly two Agents (the OAuth consumer and the user)' },
  { name: 'an authority group of three', input: statement({ authority: { objectType: 'Group', member: [oauthConsumer, otherAgent, agent] } }), error: 'statement.authority.member must list exactly two Agents (the OAuth consumer and the user)' },
  { name: 'an authority group with no OAuth consumer', input: statement({ authority: { objectType: 'Group', member: [agent, otherAgent] } }), error: 'statement.authority.member must include the OAuth consumer, an Agent identified by account' },
  { name: 'an authority group without members', input: statement({ authority: { objectType: 'Group', name: 'Anonymous' } }), error: /^statement\.authority\.member is required for an anonymous Group/ },
  { name: 'an authority agent without an identifier', input: statement({ authority: { objectType: 'Agent' } }), error: 'statement.authority must be identified by one of mbox, mbox_sha1sum, openid or account' },

  // Version
  { name: 'version 1.1.0', input: statement({ version: '1.1.0' }), error: 'statement.version must be 1.0.0 (any 1.0.x is accepted)' },
  { name: 'version 0.9.9', input: statement({ version: '0.9.9' }), error: 'statement.version must be 1.0.0 (any 1.0.x is accepted)' },
  { name: 'a version that is words', input: statement({ version: 'should fail' }), error: 'statement.version must be 1.0.0 (any 1.0.x is accepted)' },
  { name: 'version 2.0.0 in an xAPI 1.0.3 request', input: statement({ version: '2.0.0' }), error: 'statement.version must be 1.0.0 (any 1.0.x is accepted)' },
  { name: 'version 3.0.0 in an xAPI 2.0.0 request', version: '2.0.0', input: statement({ version: '3.0.0' }), error: 'statement.version must be 1.0.x or 2.0.x' },
  { name: 'a numeric version', input: statement({ version: 1 }), error: 'statement.version must be a string' },

  // Attachments
  { name: 'attachments that are not an array', input: statement({ attachments: attachment }), error: 'statement.attachments must be an array' },
  { name: 'an attachment that is a number', input: statement({ attachments: [12345] }), error: 'statement.attachments[0] must be an object' },
  { name: 'an attachment usageType that is not an IRI', input: withAttachment({ usageType: 'should fail' }), error: 'statement.attachments[0].usageType must be an absolute IRI' },
  { name: 'an attachment without display', input: statement({ attachments: [{ ...attachment, display: undefined }] }), error: 'statement.attachments[0].display is required' },
  { name: 'an attachment display with a bad tag', input: withAttachment({ display: { 'en-US': 'A', something: 'B' } }), error: 'statement.attachments[0].display key "something" is not an RFC 5646 language tag' },
  { name: 'an attachment description that is a string', input: withAttachment({ description: 'should fail' }), error: 'statement.attachments[0].description must be an object' },
  { name: 'a numeric contentType', input: withAttachment({ contentType: 12345 }), error: 'statement.attachments[0].contentType must be a string' },
  { name: 'a contentType that is not a media type', input: withAttachment({ contentType: 'plain text' }), error: 'statement.attachments[0].contentType must be an Internet media type, like text/plain' },
  { name: 'a length given as a string', input: withAttachment({ length: 'should fail' }), error: 'statement.attachments[0].length must be a number' },
  { name: 'a fractional length', input: withAttachment({ length: 1.5 }), error: 'statement.attachments[0].length must be a whole number of octets' },
  { name: 'a negative length', input: withAttachment({ length: -1 }), error: 'statement.attachments[0].length must not be negative' },
  { name: 'a numeric sha2', input: withAttachment({ sha2: 12345 }), error: 'statement.attachments[0].sha2 must be a string' },
  { name: 'a sha2 that is not a SHA-2 hash', input: withAttachment({ sha2: 'abc123' }), error: 'statement.attachments[0].sha2 must be a hexadecimal SHA-2 hash' },
  { name: 'a fileUrl without a scheme', input: withAttachment({ fileUrl: 'should fail' }), error: 'statement.attachments[0].fileUrl must be an absolute IRL' },
  { name: 'an unknown attachment property', input: withAttachment({ size: 27 }), error: 'statement.attachments[0].size is not allowed' },

  // Voiding
  { name: 'a voiding statement whose object is an activity', input: statement({ verb: { id: VOIDED_VERB_ID } }), error: `statement.object.objectType must be StatementRef when the verb is ${VOIDED_VERB_ID}` },
]

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
  'fill-in': { correctResponsesPattern: ['{case_matters=false}Bob\'s your uncle'] },
  'long-fill-in': { correctResponsesPattern: ['{lang=en}It was a dark and stormy night'] },
  matching: {
    correctResponsesPattern: ['ben[.]3[,]chris[.]2'],
    source: [{ id: 'ben', description: { 'en-US': 'Ben' } }, { id: 'chris', description: { 'en-US': 'Chris' } }],
    target: [{ id: '2', description: { 'en-US': 'We got Runs' } }, { id: '3', description: { 'en-US': 'Duck' } }],
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
      { id: 'likert_3', description: { 'en-US': 'It\'s OK' } },
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
    const output = accepted(withContext({ contextActivities: { parent: activity, grouping: [activity, other], category: [] } }))
    expect(output.context?.contextActivities).toEqual({ parent: [activity], grouping: [activity, other], category: [] })
  })

  test('the same normalisation applies inside a SubStatement', () => {
    const output = accepted(withSubStatement({ context: { contextActivities: { other: activity } } }))
    expect(output.object.objectType).toBe('SubStatement')
    if (output.object.objectType === 'SubStatement') expect(output.object.context?.contextActivities?.other).toEqual([activity])
  })

  test.each([
    ['an Activity without objectType', { id: activity.id }],
    ['an Activity with an empty definition', { ...activity, definition: {} }],
    ['an Agent', agent],
    ['an identified Group', identifiedGroup],
    ['an anonymous Group', anonymousGroup],
    ['a StatementRef', statementRef],
    ['a SubStatement', subStatement()],
    ['a SubStatement about an Agent, with result, context, timestamp and attachments', subStatement({
      object: agent,
      result: { success: true },
      context: { instructor: otherAgent },
      timestamp: '2099-01-01T00:00:00Z', // a SubStatement may look ahead
      attachments: [attachment],
    })],
    ['a SubStatement about a StatementRef', subStatement({ object: statementRef })],
  ])('object: %s', (_, object) => {
    expect(accepted(withObject(object)).object).toEqual(object)
  })

  test.each(INTERACTION_TYPES.map((type) => [type]))('interaction type %s with its components', (interactionType) => {
    const definition = { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType, ...interactions[interactionType] }
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
    const extensions = { 'http://example.com/a': null, 'http://example.com/b': '', 'http://example.com/c': {}, 'http://example.com/d': [1, { e: false }] }
    const output = accepted(statement({ result: { extensions }, context: { extensions }, object: { ...activity, definition: { extensions } } }))
    expect(output.result?.extensions).toEqual(extensions)
  })

  test('empty extensions, language maps and attachments are allowed', () => {
    expect(validate(statement({ verb: { id: verb.id, display: {} }, result: { extensions: {} }, attachments: [] })).ok).toBe(true)
  })

  test('a voiding statement that points at a StatementRef', () => {
    expect(validate(statement({ verb: { id: VOIDED_VERB_ID, display: { 'en-US': 'voided' } }, object: statementRef })).ok).toBe(true)
  })

  test('revision and platform are fine when the object is an Activity, with or without objectType', () => {
    expect(validate(statement({ object: { id: activity.id }, context: { revision: 'r2', platform: 'Phone' } })).ok).toBe(true)
  })

  test('xAPI 2.0.0 accepts contextAgents and contextGroups', () => {
    const context = {
      contextAgents: [
        { objectType: 'contextAgent', agent, relevantTypes: ['https://example.com/xapi/activity-types/personnel/player'] },
        { objectType: 'contextAgent', agent: otherAgent },
      ],
      contextGroups: [
        { objectType: 'contextGroup', group: { ...identifiedGroup, member: [agent] }, relevantTypes: ['https://example.com/xapi/team/a'] },
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
    expect(validateStatements(batch, options)).toEqual({ ok: false, error: 'statements[2].actor.mbox must be a mailto: IRI' })
  })

  test('names a lone statement as statement', () => {
    expect(validateStatements(statement({ foo: 1 }), options)).toEqual({ ok: false, error: 'statement.foo is not allowed' })
  })

  test('rejects a batch that repeats a statement id, whatever its letter case', () => {
    const id = 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0'
    const batch = [statement({ id }), statement(), statement({ id: id.toUpperCase() })]
    expect(validateStatements(batch, options)).toEqual({ ok: false, error: 'statements[2].id repeats the id of statements[0]' })
  })

  test('rejects a body that is neither a statement nor an array', () => {
    for (const body of ['text', 42, null]) {
      expect(validateStatements(body, options)).toEqual({ ok: false, error: 'the body must be a statement or an array of statements' })
    }
  })

  test('uses the rules of the request version', () => {
    const batch = [withContext({ contextAgents: [{ objectType: 'contextAgent', agent }] })]
    expect(validateStatements(batch, { version: '2.0.0' }).ok).toBe(true)
    expect(validateStatements(batch, options)).toEqual({ ok: false, error: 'statements[0].context.contextAgents is not allowed in xAPI 1.0.3' })
  })
})

describe('agentKey', () => {
  test.each([
    ['an mbox, with the email domain in lower case', { mbox: 'mailto:Ada.Lovelace@Example.COM' }, 'mbox:mailto:Ada.Lovelace@example.com'],
    ['an mbox_sha1sum, in lower case', { mbox_sha1sum: 'CD9B00A5611F94EAA7B1661EDAB976068E364975' }, 'mbox_sha1sum:cd9b00a5611f94eaa7b1661edab976068e364975'],
    ['an openid', { openid: 'http://openid.example.org/12345' }, 'openid:http://openid.example.org/12345'],
    ['an account', { objectType: 'Agent' as const, account: { homePage: 'https://skills.example.nhs.uk', name: 'user|42' } }, 'account:https://skills.example.nhs.uk|user|42'],
    ['an identified group, ignoring its members', { objectType: 'Group' as const, mbox: 'mailto:ward7@example.com', member: [{ mbox: 'mailto:ada@example.com' }] }, 'mbox:mailto:ward7@example.com'],
  ])('keys %s', (_, actor, key) => {
    expect(agentKey(actor)).toBe(key)
  })

  test('gives the same key whatever else the agent carries', () => {
    expect(agentKey({ objectType: 'Agent', name: 'Ada', mbox: 'mailto:ada@example.com' })).toBe(agentKey({ mbox: 'mailto:ada@example.com' }))
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
    expect(parseAgentParam('{"mbox":"mailto:ada@example.com"}')).toEqual({ ok: true, agent: { mbox: 'mailto:ada@example.com' } })
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
    ['an agent without an identifier', '{"name":"Ada"}', 'agent must be identified by one of mbox, mbox_sha1sum, openid or account'],
    ['an agent with two identifiers', '{"mbox":"mailto:a@example.com","openid":"http://openid.example.org/1"}', 'agent must have only one identifier, but has mbox and openid'],
    ['a malformed mbox', '{"mbox":"ada@example.com"}', 'agent.mbox must be a mailto: IRI'],
    ['an unknown property', '{"mbox":"mailto:a@example.com","email":"a@example.com"}', 'agent.email is not allowed'],
    ['an anonymous group', JSON.stringify(anonymousGroup), 'agent must be an Agent or identified Group, not an anonymous Group'],
  ])('rejects %s', (_, json, error) => {
    expect(parseAgentParam(json)).toEqual({ ok: false, error })
  })
})

describe('a "__proto__" key, which JSON.parse makes an ordinary property', () => {
  // Written as JSON text: in an object literal "__proto__" would set the prototype instead of adding a key.
  const actorAndObject = '"actor":{"mbox":"mailto:ada@example.com"},"object":{"id":"http://example.com/activities/1"}'
  const attended = '"verb":{"id":"http://adlnet.gov/expapi/verbs/attended"}'

  test.each([
    ['in extensions', `{${actorAndObject},${attended},"result":{"extensions":{"__proto__":{"polluted":true}}}}`, 'statement.result.extensions key "__proto__" must be an absolute IRI'],
    ['in a language map', `{${actorAndObject},"verb":{"id":"http://adlnet.gov/expapi/verbs/attended","display":{"__proto__":"x"}}}`, 'statement.verb.display key "__proto__" is not an RFC 5646 language tag'],
    ['on the statement', `{${actorAndObject},${attended},"__proto__":{"polluted":true}}`, 'statement.__proto__ is not allowed'],
  ])('is rejected %s rather than dropped', (_, json, error) => {
    expect(errorOf(JSON.parse(json))).toBe(error)
  })
})
