import { z } from 'zod'
import { isIsoDuration } from './duration.ts'
import { isAbsoluteIri } from './iri.ts'
import { isLanguageTag } from './language.ts'
import { uuidSchema } from './uuid.ts'
import type { XapiVersion } from './version.ts'

// The xAPI statement data model (xAPI 1.0.3 Data 2.4 and the 2.0.0 additions), checked at the LRS boundary.
// Every object is strict because the LRS "SHOULD* reject Statements containing additional properties"
// (Data 2.2) and the ADL conformance suite expects it to. Validation never adds anything: id, timestamp,
// stored, authority and version are filled in by the store. The one change is the spec's own: single
// contextActivities values come back as arrays (Data 2.4.6.2).

export interface ValidationOptions {
  /** The X-Experience-API-Version of the request, which decides what the statement may contain. */
  version: XapiVersion
}

export const VOIDED_VERB_ID = 'http://adlnet.gov/expapi/verbs/voided'

// ---------------------------------------------------------------------------------------------------------
// Plain-language messages. Each message is the predicate of a sentence; the path is put in front of it.

// Wording for zod's built-in issues, used wherever a schema does not give its own message.
const describeIssue: z.core.$ZodErrorMap = (issue) => {
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined)
    return 'is required'
  if (issue.input === null) return 'must not be null'
  if (issue.code === 'invalid_type') {
    const expected: Record<string, string> = {
      string: 'a string',
      number: 'a number',
      int: 'a whole number',
      boolean: 'true or false',
      array: 'an array',
      object: 'an object',
      record: 'an object',
    }
    return `must be ${expected[issue.expected] ?? issue.expected}`
  }
  if (issue.code === 'invalid_value') return `must be ${issue.values.map(String).join(' or ')}`
  return undefined
}

function renderPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((rendered, key) => {
    if (typeof key === 'number') return `${rendered}[${key}]`
    const name = String(key)
    return /^[A-Za-z_$][\w$]*$/.test(name) ? `${rendered}.${name}` : `${rendered}[${JSON.stringify(name)}]`
  }, root)
}

// A union reports every branch's failure. The useful one is the branch the input was evidently meant for:
// the one that got past the type check and failed deepest.
function mostSpecific(issue: z.core.$ZodIssue): { issue: z.core.$ZodIssue; path: PropertyKey[] } {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path: [...issue.path] }
  const depth = (branch: z.core.$ZodIssue[]) => {
    const first = branch[0]
    if (!first) return -1
    return first.code === 'invalid_type' && first.path.length === 0 ? -1 : first.path.length
  }
  const best = issue.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a))
  const first = best[0]
  if (!first || depth(best) < 0) return { issue, path: [...issue.path] }
  const inner = mostSpecific(first)
  return { issue: inner.issue, path: [...issue.path, ...inner.path] }
}

function describeError(error: z.ZodError, root: string): string {
  const first = error.issues[0]
  if (!first) return `${root} is not valid`
  const { issue, path } = mostSpecific(first)
  if (issue.code === 'unrecognized_keys') return `${renderPath(root, [...path, issue.keys[0] ?? ''])} is not allowed`
  return `${renderPath(root, path)} ${issue.message}`
}

// ---------------------------------------------------------------------------------------------------------
// Formats

const isMailtoIri = (value: string) => /^mailto:[^@\s]+@[^@\s]+$/.test(value) && isAbsoluteIri(value)

// Internet media type (RFC 2046): type "/" subtype, then optional parameters.
const isMediaType = (value: string) => /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(?:\s*;.*)?$/.test(value)

// The hex SHA-2 digest of an attachment: 224, 256, 384 or 512 bits.
const isSha2 = (value: string) => /^(?:[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i.test(value)

const DATE_TIME =
  /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})[Tt ](?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,]\d+)?)?(?:[Zz]|(?<sign>[+-])(?<offsetHours>\d{2})(?::?(?<offsetMinutes>\d{2}))?)?$/

// ISO 8601 date-time in the extended format (RFC 3339 is the recommended profile, Data 4.5). The time zone is
// only recommended, so it may be left out. ISO 8601 forbids a negative zero offset ("-00:00", which RFC 3339
// uses for "offset unknown") and the conformance suite checks that it is rejected.
function timestampProblem(value: string): string | undefined {
  const parts = DATE_TIME.exec(value)?.groups
  if (!parts) return 'must be an ISO 8601 date-time, like 2024-05-01T09:30:00.000Z'
  const number = (name: string) => Number(parts[name] ?? '0')
  const [year, month, day] = [number('year'), number('month'), number('day')]
  const leapYear = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  const daysInMonth = [31, leapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
  const within = (n: number, min: number, max: number) => n >= min && n <= max
  // Seconds stop at 59: a leap second cannot be represented by the Date the store converts timestamps to.
  const real =
    within(month, 1, 12) &&
    within(day, 1, daysInMonth) &&
    within(number('hour'), 0, 23) &&
    within(number('minute'), 0, 59) &&
    within(number('second'), 0, 59) &&
    within(number('offsetHours'), 0, 23) &&
    within(number('offsetMinutes'), 0, 59)
  if (!real) return 'must be a real date and time, like 2024-05-01T09:30:00.000Z'
  if (parts.sign === '-' && number('offsetHours') === 0 && number('offsetMinutes') === 0) {
    return 'must not use a negative zero time-zone offset (-00:00); use Z or +00:00'
  }
  return undefined
}

const iriSchema = z.string().refine(isAbsoluteIri, 'must be an absolute IRI')
const irlSchema = z.string().refine(isAbsoluteIri, 'must be an absolute IRL')
const timestampSchema = z.string().superRefine((value, ctx) => {
  const problem = timestampProblem(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})

// A JSON object whose keys must all pass a check. Keys are checked on the raw input, before the record is
// built: building it would quietly drop a "__proto__" key (JSON.parse makes it an ordinary property) instead
// of reporting it.
function recordWithKeys<Values extends z.ZodType>(
  values: Values,
  isValidKey: (key: string) => boolean,
  badKeyMessage: (key: string) => string,
) {
  return z.preprocess(
    (input, ctx) => {
      if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
        const badKey = Object.keys(input).find((key) => !isValidKey(key))
        if (badKey !== undefined) ctx.addIssue({ code: 'custom', message: badKeyMessage(badKey) })
      }
      return input
    },
    z.record(z.string(), values),
  )
}

export const languageMapSchema = recordWithKeys(
  z.string(),
  isLanguageTag,
  (key) => `key ${JSON.stringify(key)} is not an RFC 5646 language tag`,
)

// Extension values are free JSON (null included); only the keys are checked (Data 4.1).
const extensionsSchema = recordWithKeys(
  z.unknown(),
  isAbsoluteIri,
  (key) => `key ${JSON.stringify(key)} must be an absolute IRI`,
)

// ---------------------------------------------------------------------------------------------------------
// Agents and Groups (Data 2.4.2)

const IDENTIFIERS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const
const identifiersOf = (actor: Partial<Record<(typeof IDENTIFIERS)[number], unknown>>) =>
  IDENTIFIERS.filter((identifier) => actor[identifier] !== undefined)

const accountSchema = z.strictObject({
  homePage: irlSchema,
  name: z.string().min(1, 'must not be empty'),
})

// Each is optional on its own; exactly one must be present, which the Agent and Group refinements check.
const identifierShape = {
  mbox: z.string().refine(isMailtoIri, 'must be a mailto: IRI').optional(),
  mbox_sha1sum: z
    .string()
    .regex(/^[0-9a-f]{40}$/i, 'must be 40 hexadecimal characters (a SHA-1 of a mailto: IRI)')
    .optional(),
  openid: iriSchema.optional(),
  account: accountSchema.optional(),
}

function agentWith<ObjectType extends z.ZodType>(objectType: ObjectType) {
  return z.strictObject({ objectType, name: z.string().optional(), ...identifierShape }).superRefine((agent, ctx) => {
    const found = identifiersOf(agent)
    if (found.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'must be identified by one of mbox, mbox_sha1sum, openid or account' })
    } else if (found.length > 1) {
      ctx.addIssue({ code: 'custom', message: `must have only one identifier, but has ${found.join(' and ')}` })
    }
  })
}

/** An Agent as actor, instructor, member or authority, where objectType is optional. */
export const agentSchema = agentWith(z.literal('Agent').optional())
/** An Agent as a statement's object, which must say that it is one (Data 2.4.4.2). */
const agentObjectSchema = agentWith(z.literal('Agent'))
const memberSchema = agentWith(
  z
    .literal('Agent', {
      error: (issue) => (issue.input === 'Group' ? 'must be Agent: a Group cannot contain Groups' : undefined),
    })
    .optional(),
)

export const groupSchema = z
  .strictObject({
    objectType: z.literal('Group'),
    name: z.string().optional(),
    member: z.array(memberSchema).optional(),
    ...identifierShape,
  })
  .superRefine((group, ctx) => {
    const found = identifiersOf(group)
    if (found.length > 1) {
      ctx.addIssue({ code: 'custom', message: `must have only one identifier, but has ${found.join(' and ')}` })
    } else if (found.length === 0 && group.member === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['member'],
        message: 'is required for an anonymous Group (one without mbox, mbox_sha1sum, openid or account)',
      })
    } else if (found.length === 0 && group.member?.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['member'], message: 'must list at least one Agent in an anonymous Group' })
    }
  })

export const actorSchema = z.discriminatedUnion('objectType', [agentSchema, groupSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? 'must be Agent or Group' : undefined),
})

// The authority is the Agent vouching for the statement, or for 3-legged OAuth an anonymous Group of exactly
// two Agents: the OAuth consumer (identified by account) and the user (Data 2.4.9).
const authoritySchema = actorSchema.superRefine((authority, ctx) => {
  if (authority.objectType !== 'Group') return
  if (identifiersOf(authority).length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an Agent, or an anonymous Group (no mbox, mbox_sha1sum, openid or account) for OAuth',
    })
  } else if (authority.member?.length !== 2) {
    ctx.addIssue({
      code: 'custom',
      path: ['member'],
      message: 'must list exactly two Agents (the OAuth consumer and the user)',
    })
  } else if (!authority.member.some((member) => member.account !== undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['member'],
      message: 'must include the OAuth consumer, an Agent identified by account',
    })
  }
})

// ---------------------------------------------------------------------------------------------------------
// Verbs and Activities (Data 2.4.3, 2.4.4.1)

const verbSchema = z.strictObject({ id: iriSchema, display: languageMapSchema.optional() })

export const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
] as const
type InteractionType = (typeof INTERACTION_TYPES)[number]

// Which interaction component lists each interactionType supports (Data 2.4.4.1, Interaction Components).
const COMPONENT_LISTS = {
  choices: ['choice', 'sequencing'],
  scale: ['likert'],
  source: ['matching'],
  target: ['matching'],
  steps: ['performance'],
} as const satisfies Record<string, readonly InteractionType[]>

const interactionComponentSchema = z.strictObject({
  id: z.string().min(1, 'must not be empty'),
  description: languageMapSchema.optional(),
})
const componentListSchema = z.array(interactionComponentSchema).superRefine((components, ctx) => {
  const seen = new Set<string>()
  components.forEach((component, index) => {
    if (seen.has(component.id))
      ctx.addIssue({
        code: 'custom',
        path: [index, 'id'],
        message: `repeats ${JSON.stringify(component.id)}: ids must be unique within the list`,
      })
    seen.add(component.id)
  })
})

const activityDefinitionSchema = z
  .strictObject({
    name: languageMapSchema.optional(),
    description: languageMapSchema.optional(),
    type: iriSchema.optional(),
    moreInfo: irlSchema.optional(),
    interactionType: z.enum(INTERACTION_TYPES, { error: `must be one of ${INTERACTION_TYPES.join(', ')}` }).optional(),
    correctResponsesPattern: z.array(z.string()).optional(),
    choices: componentListSchema.optional(),
    scale: componentListSchema.optional(),
    source: componentListSchema.optional(),
    target: componentListSchema.optional(),
    steps: componentListSchema.optional(),
    extensions: extensionsSchema.optional(),
  })
  .superRefine((definition, ctx) => {
    const lists = (Object.keys(COMPONENT_LISTS) as (keyof typeof COMPONENT_LISTS)[]).filter(
      (list) => definition[list] !== undefined,
    )
    const { interactionType } = definition
    if (interactionType === undefined) {
      const interactionProperty =
        definition.correctResponsesPattern !== undefined ? 'correctResponsesPattern' : lists[0]
      if (interactionProperty)
        ctx.addIssue({
          code: 'custom',
          path: ['interactionType'],
          message: `is required when ${interactionProperty} is given`,
        })
      return
    }
    for (const list of lists) {
      const allowed: readonly InteractionType[] = COMPONENT_LISTS[list]
      if (!allowed.includes(interactionType)) {
        ctx.addIssue({
          code: 'custom',
          path: [list],
          message: `is only allowed when interactionType is ${allowed.join(' or ')}`,
        })
      }
    }
  })

export const activitySchema = z.strictObject({
  objectType: z.literal('Activity').optional(),
  id: iriSchema,
  definition: activityDefinitionSchema.optional(),
})

// ---------------------------------------------------------------------------------------------------------
// Statement objects (Data 2.4.4)

const statementRefSchema = z.strictObject({ objectType: z.literal('StatementRef'), id: uuidSchema })

const OBJECT_TYPES = ['Activity', 'Agent', 'Group', 'StatementRef', 'SubStatement']

// Two mistakes deserve a better message than the generic one: an Agent or Group object without objectType (it
// would otherwise be read as an Activity and fail on "id"), and a SubStatement inside a SubStatement.
function explainObjectMistakes({ insideSubStatement }: { insideSubStatement: boolean }) {
  return (input: unknown, ctx: z.core.$RefinementCtx) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return input
    const object = input as Record<string, unknown>
    if (object.objectType === undefined && [...IDENTIFIERS, 'member'].some((key) => object[key] !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['objectType'],
        message: 'is required when the object is an Agent or Group',
      })
    } else if (insideSubStatement && object.objectType === 'SubStatement') {
      ctx.addIssue({
        code: 'custom',
        path: ['objectType'],
        message: 'cannot be SubStatement: a SubStatement cannot contain another',
      })
    }
    return input
  }
}

function objectSchema<Options extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]]>(
  options: Options,
  { insideSubStatement }: { insideSubStatement: boolean },
) {
  const allowed = insideSubStatement ? OBJECT_TYPES.filter((type) => type !== 'SubStatement') : OBJECT_TYPES
  const union = z.discriminatedUnion('objectType', options, {
    error: (issue) => (issue.code === 'invalid_union' ? `must be one of ${allowed.join(', ')}` : undefined),
  })
  return z.preprocess(explainObjectMistakes({ insideSubStatement }), union)
}

const subStatementObjectSchema = objectSchema([activitySchema, agentObjectSchema, groupSchema, statementRefSchema], {
  insideSubStatement: true,
})

// ---------------------------------------------------------------------------------------------------------
// Result (Data 2.4.5)

const scoreSchema = z
  .strictObject({
    scaled: z.number().min(-1, 'must be between -1 and 1').max(1, 'must be between -1 and 1').optional(),
    raw: z.number().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .superRefine(({ raw, min, max }, ctx) => {
    if (min !== undefined && max !== undefined && min >= max)
      ctx.addIssue({ code: 'custom', path: ['min'], message: `must be less than max (${max})` })
    else if (raw !== undefined && min !== undefined && raw < min)
      ctx.addIssue({ code: 'custom', path: ['raw'], message: `must be at least min (${min})` })
    else if (raw !== undefined && max !== undefined && raw > max)
      ctx.addIssue({ code: 'custom', path: ['raw'], message: `must be at most max (${max})` })
  })

const resultSchema = z.strictObject({
  score: scoreSchema.optional(),
  success: z.boolean().optional(),
  completion: z.boolean().optional(),
  response: z.string().optional(),
  duration: z.string().refine(isIsoDuration, 'must be an ISO 8601 duration, like PT1H30M or P3D').optional(),
  extensions: extensionsSchema.optional(),
})

// ---------------------------------------------------------------------------------------------------------
// Context (Data 2.4.6, and contextAgents/contextGroups from xAPI 2.0.0)

// Each value may be one Activity (kept for 0.95 compatibility) or an array; the LRS returns arrays.
const contextActivityListSchema = z
  .union([z.array(activitySchema), activitySchema], {
    error: (issue) => (issue.code === 'invalid_union' ? 'must be an Activity or an array of Activities' : undefined),
  })
  .transform((value) => (Array.isArray(value) ? value : [value]))

const contextActivitiesSchema = z.strictObject({
  parent: contextActivityListSchema.optional(),
  grouping: contextActivityListSchema.optional(),
  category: contextActivityListSchema.optional(),
  other: contextActivityListSchema.optional(),
})

// xAPI 2.0.0: relevantTypes, when given, holds one or more IRIs characterising the relationship.
const relevantTypesSchema = z.array(iriSchema).min(1, 'must list at least one IRI when given')
const contextAgentSchema = z.strictObject({
  objectType: z.literal('contextAgent'),
  agent: agentSchema,
  relevantTypes: relevantTypesSchema.optional(),
})
const contextGroupSchema = z.strictObject({
  objectType: z.literal('contextGroup'),
  group: groupSchema,
  relevantTypes: relevantTypesSchema.optional(),
})

// A property that exists only from xAPI 2.0.0. Under 1.0.3 it is refused before its contents are looked at, so
// the message says why rather than complaining about what is inside.
function since2<Schema extends z.ZodType>(schema: Schema, version: XapiVersion) {
  return z.preprocess((value, ctx) => {
    if (version === '1.0.3' && value !== undefined)
      ctx.addIssue({ code: 'custom', message: 'is not allowed in xAPI 1.0.3' })
    return value
  }, schema)
}

function contextSchema(version: XapiVersion) {
  return z.strictObject({
    registration: uuidSchema.optional(),
    instructor: actorSchema.optional(),
    team: groupSchema.optional(),
    contextActivities: contextActivitiesSchema.optional(),
    contextAgents: since2(z.array(contextAgentSchema), version).optional(),
    contextGroups: since2(z.array(contextGroupSchema), version).optional(),
    revision: z.string().optional(),
    platform: z.string().optional(),
    language: z.string().refine(isLanguageTag, 'must be an RFC 5646 language tag').optional(),
    statement: statementRefSchema.optional(),
    extensions: extensionsSchema.optional(),
  })
}

// ---------------------------------------------------------------------------------------------------------
// Attachments (Data 2.4.11)

export const attachmentSchema = z.strictObject({
  usageType: iriSchema,
  display: languageMapSchema,
  description: languageMapSchema.optional(),
  contentType: z.string().refine(isMediaType, 'must be an Internet media type, like text/plain'),
  length: z.number().int('must be a whole number of octets').min(0, 'must not be negative'),
  sha2: z.string().refine(isSha2, 'must be a hexadecimal SHA-2 hash'),
  fileUrl: irlSchema.optional(),
})

// ---------------------------------------------------------------------------------------------------------
// Statements (Data 2.4)

// revision and platform describe the Activity that is the object, so they need one (Data 2.4.6).
function checkContextFitsObject(
  statement: { object: { objectType?: string }; context?: { revision?: string; platform?: string } },
  ctx: z.core.$RefinementCtx,
) {
  const objectIsActivity = statement.object.objectType === undefined || statement.object.objectType === 'Activity'
  if (objectIsActivity) return
  for (const property of ['revision', 'platform'] as const) {
    if (statement.context?.[property] !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['context', property],
        message: 'is only allowed when the object is an Activity',
      })
    }
  }
}

// Versions within the 1.0 data model are always accepted; a 2.0.0 request may also carry 2.0 statements
// (Data 2.4.10; the conformance suite also accepts a bare "1.0").
function versionSchema(version: XapiVersion) {
  return version === '1.0.3'
    ? z.string().regex(/^1\.0(\.\d+)?$/, 'must be 1.0.0 (any 1.0.x is accepted)')
    : z.string().regex(/^[12]\.0(\.\d+)?$/, 'must be 1.0.x or 2.0.x')
}

function subStatementSchema(version: XapiVersion) {
  // A SubStatement is validated as a Statement, minus id, stored, version, authority and nesting (Data 2.4.4.3).
  return z
    .strictObject({
      objectType: z.literal('SubStatement'),
      actor: actorSchema,
      verb: verbSchema,
      object: subStatementObjectSchema,
      result: resultSchema.optional(),
      context: contextSchema(version).optional(),
      timestamp: timestampSchema.optional(),
      // Not forbidden by the spec, which recommends listing them on the containing Statement instead.
      attachments: z.array(attachmentSchema).optional(),
    })
    .superRefine(checkContextFitsObject)
}

function buildStatementSchema(version: XapiVersion) {
  const statementObjectSchema = objectSchema(
    [activitySchema, agentObjectSchema, groupSchema, statementRefSchema, subStatementSchema(version)],
    { insideSubStatement: false },
  )
  return z
    .strictObject({
      id: uuidSchema.optional(),
      actor: actorSchema,
      verb: verbSchema,
      object: statementObjectSchema,
      result: resultSchema.optional(),
      context: contextSchema(version).optional(),
      timestamp: timestampSchema.optional(),
      stored: timestampSchema.optional(),
      authority: authoritySchema.optional(),
      version: versionSchema(version).optional(),
      attachments: z.array(attachmentSchema).optional(),
    })
    .superRefine((statement, ctx) => {
      checkContextFitsObject(statement, ctx)
      // A voiding statement must point at the statement it voids (Data 2.3.2).
      if (statement.verb.id === VOIDED_VERB_ID && statement.object.objectType !== 'StatementRef') {
        ctx.addIssue({
          code: 'custom',
          path: ['object', 'objectType'],
          message: `must be StatementRef when the verb is ${VOIDED_VERB_ID}`,
        })
      }
    })
}

export const statementSchemas = {
  '1.0.3': buildStatementSchema('1.0.3'),
  '2.0.0': buildStatementSchema('2.0.0'),
} as const

// ---------------------------------------------------------------------------------------------------------
// Entry points

export type ValidatedStatement = { ok: true; statement: Statement } | { ok: false; error: string }
export type ValidatedStatements = { ok: true; statements: Statement[] } | { ok: false; error: string }

function validateAt(input: unknown, version: XapiVersion, root: string): ValidatedStatement {
  const result = statementSchemas[version].safeParse(input, { error: describeIssue })
  return result.success ? { ok: true, statement: result.data } : { ok: false, error: describeError(result.error, root) }
}

/** Checks one statement (the body of a PUT). The error names the offending property from `statement`. */
export function validateStatement(input: unknown, { version }: ValidationOptions): ValidatedStatement {
  return validateAt(input, version, 'statement')
}

/**
 * Checks the body of a POST: one statement or an array of them (an empty array is fine). The whole batch is
 * rejected on the first problem, named from `statements[i]`; two statements with the same id are a problem too.
 */
export function validateStatements(input: unknown, { version }: ValidationOptions): ValidatedStatements {
  if (!Array.isArray(input)) {
    if (typeof input !== 'object' || input === null)
      return { ok: false, error: 'the body must be a statement or an array of statements' }
    const single = validateAt(input, version, 'statement')
    return single.ok ? { ok: true, statements: [single.statement] } : single
  }
  const statements: Statement[] = []
  const firstIndexOfId = new Map<string, number>()
  for (const [index, item] of input.entries()) {
    const checked = validateAt(item, version, `statements[${index}]`)
    if (!checked.ok) return checked
    const { id } = checked.statement
    if (id !== undefined) {
      const earlier = firstIndexOfId.get(id.toLowerCase())
      if (earlier !== undefined)
        return { ok: false, error: `statements[${index}].id repeats the id of statements[${earlier}]` }
      firstIndexOfId.set(id.toLowerCase(), index)
    }
    statements.push(checked.statement)
  }
  return { ok: true, statements }
}

/** True for a Group with no identifier of its own, which therefore has no agentKey. */
export function isAnonymousGroup(actor: Agent | Group): boolean {
  return actor.objectType === 'Group' && identifiersOf(actor).length === 0
}

/**
 * The canonical key of an Agent or identified Group: its one inverse functional identifier, e.g.
 * `mbox:mailto:a@b.c`, `mbox_sha1sum:<hex>`, `openid:<iri>`, `account:<homePage>|<name>`. The store indexes
 * and filters statements by it. Throws for an anonymous Group, which has no identifier (see isAnonymousGroup).
 */
export function agentKey(agent: Agent | Group): string {
  if (agent.mbox !== undefined) {
    // Email domains are case-insensitive (Data 2.4.2.3); the local part may not be.
    const at = agent.mbox.lastIndexOf('@')
    return at < 0
      ? `mbox:${agent.mbox}`
      : `mbox:${agent.mbox.slice(0, at + 1)}${agent.mbox.slice(at + 1).toLowerCase()}`
  }
  if (agent.mbox_sha1sum !== undefined) return `mbox_sha1sum:${agent.mbox_sha1sum.toLowerCase()}`
  if (agent.openid !== undefined) return `openid:${agent.openid}`
  // An IRI cannot contain "|", so the first "|" always ends the homePage.
  if (agent.account !== undefined) return `account:${agent.account.homePage}|${agent.account.name}`
  throw new Error('an anonymous Group has no identifier, so it has no agent key')
}

export type ParsedAgentParam = { ok: true; agent: Agent | Group } | { ok: false; error: string }

/**
 * Reads the `agent` query parameter of the Statements and document resources: an Agent or identified Group
 * as JSON. Errors name the offending property from `agent`.
 */
export function parseAgentParam(json: string): ParsedAgentParam {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return { ok: false, error: 'agent must be an Agent or identified Group as JSON' }
  }
  const result = actorSchema.safeParse(value, { error: describeIssue })
  if (!result.success) return { ok: false, error: describeError(result.error, 'agent') }
  if (isAnonymousGroup(result.data))
    return { ok: false, error: 'agent must be an Agent or identified Group, not an anonymous Group' }
  return { ok: true, agent: result.data }
}

// ---------------------------------------------------------------------------------------------------------
// Types, all inferred from the schemas above.

export type Statement = z.output<(typeof statementSchemas)['2.0.0']>
export type Agent = z.output<typeof agentSchema>
export type Group = z.output<typeof groupSchema>
export type Actor = z.output<typeof actorSchema>
export type Account = z.output<typeof accountSchema>
export type Verb = z.output<typeof verbSchema>
export type Activity = z.output<typeof activitySchema>
export type ActivityDefinition = z.output<typeof activityDefinitionSchema>
export type InteractionComponent = z.output<typeof interactionComponentSchema>
export type StatementRef = z.output<typeof statementRefSchema>
export type StatementObject = Statement['object']
export type SubStatement = Extract<StatementObject, { objectType: 'SubStatement' }>
export type Result = z.output<typeof resultSchema>
export type Score = z.output<typeof scoreSchema>
export type Context = z.output<ReturnType<typeof contextSchema>>
export type ContextActivities = z.output<typeof contextActivitiesSchema>
export type ContextAgent = z.output<typeof contextAgentSchema>
export type ContextGroup = z.output<typeof contextGroupSchema>
export type Attachment = z.output<typeof attachmentSchema>
export type LanguageMap = z.output<typeof languageMapSchema>
export type Extensions = z.output<typeof extensionsSchema>
