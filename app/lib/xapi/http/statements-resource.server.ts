import { z } from 'zod'
import { checkAttachments, readStatementsBody, statementsResponse } from '#app/lib/xapi/store/attachments.server.ts'
import { uuidSchema } from '#app/lib/xapi/model/uuid.ts'
import type { XapiVersion } from '#app/lib/xapi/model/version.ts'
import { dateTimeParam } from './date-time-param.ts'
import { XapiError, errorResponse, jsonResponse, noContent } from './http.server.ts'
import { authenticateXapi, requireScope, type XapiPrincipal } from './request-auth.server.ts'
import { formatStatement, type StatementFormat } from '#app/lib/xapi/model/statement-format.ts'
import { findStatement, queryStatements } from '#app/lib/xapi/store/statement-query.server.ts'
import { agentKey, parseAgentParam, validateStatements } from '#app/lib/xapi/model/statement-schema.ts'
import { consistentThrough, storeStatements, VOIDED_VERB } from '#app/lib/xapi/store/statement-store.server.ts'
import { storeStatementsTogether } from '#app/lib/xapi/store/statement-group-commit.server.ts'
import { transaction } from '#app/lib/db.server.ts'
import { lockStatementWrites } from '#app/lib/statement-write-lock.server.ts'
import type { DelegatedAccess } from './delegated-credentials.server.ts'
import { BROWSER_VERBS } from '#app/lib/xapi/model/vocabulary.ts'

// The Statements resource: PUT (one statement, id in the query), POST (one or a batch), GET (one or a query).

const bool = z.enum(['true', 'false']).transform((value) => value === 'true')
const dateTime = dateTimeParam()

const getParamsSchema = z.strictObject({
  statementId: uuidSchema.optional(),
  voidedStatementId: uuidSchema.optional(),
  agent: z.string().optional(),
  verb: z.string().optional(),
  activity: z.string().optional(),
  registration: uuidSchema.optional(),
  related_activities: bool.optional(),
  related_agents: bool.optional(),
  since: dateTime.optional(),
  until: dateTime.optional(),
  limit: z.coerce.number().int('must be a whole number').min(0, 'must be 0 or more').optional(),
  format: z.enum(['ids', 'exact', 'canonical']).optional(),
  attachments: bool.optional(),
  ascending: bool.optional(),
  cursor: z.coerce.number().int().min(0).optional(),
})

function parseParams<S extends z.ZodType>(url: URL, paramsSchema: S): z.output<S> {
  const raw: Record<string, string> = {}
  for (const [key, value] of url.searchParams) {
    if (key in raw) throw new XapiError(400, `the ${key} parameter is given more than once`)
    raw[key] = value
  }
  const result = paramsSchema.safeParse(raw)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  if (issue?.code === 'unrecognized_keys')
    throw new XapiError(400, `${issue.keys[0]} is not a parameter of the Statements resource`)
  throw new XapiError(400, `the ${String(issue?.path[0] ?? 'query')} parameter ${issue?.message ?? 'is invalid'}`)
}

export async function getStatements(request: Request, version: XapiVersion): Promise<Response> {
  // Every answer from GET carries Consistent-Through, errors included.
  const through = { 'X-Experience-API-Consistent-Through': (await consistentThrough()).toISOString() }
  try {
    return await answerGet(request, version, through)
  } catch (error) {
    return errorResponse(error, version, through)
  }
}

async function answerGet(request: Request, version: XapiVersion, headers: Record<string, string>): Promise<Response> {
  const principal = await authenticateXapi(request)
  requireScope(principal, 'statements/read', 'statements/read/mine')
  const url = new URL(request.url)
  const params = parseParams(url, getParamsSchema)
  const format: StatementFormat = params.format ?? 'exact'
  const languages = acceptedLanguages(request)

  const single = params.statementId ?? params.voidedStatementId
  if (single) {
    const allowedAlongside = new Set(['statementId', 'voidedStatementId', 'format', 'attachments'])
    const extra = [...url.searchParams.keys()].find((key) => !allowedAlongside.has(key))
    if (extra || (params.statementId && params.voidedStatementId)) {
      throw new XapiError(
        400,
        `${extra ?? 'voidedStatementId'} cannot be combined with statementId or voidedStatementId`,
      )
    }
    const row = await findStatement({ id: single, voided: Boolean(params.voidedStatementId) })
    if (!row || !mayRead(principal, row.statement)) throw new XapiError(404, `no statement ${single}`)
    return statementsResponse({
      body: formatStatement(row.statement, format, languages),
      statements: [row.statement],
      attachments: params.attachments ?? false,
      version,
      headers: { ...headers, 'Last-Modified': row.stored.toUTCString() },
    })
  }

  let filterAgentKey: string | undefined
  if (params.agent !== undefined) {
    const parsed = parseAgentParam(params.agent)
    if (!parsed.ok) throw new XapiError(400, parsed.error)
    filterAgentKey = agentKey(parsed.agent)
  }
  const own = restrictToOwn(principal)
  if (own.agentKey && filterAgentKey && filterAgentKey !== own.agentKey) {
    throw new XapiError(403, 'a learner may read only their own statements')
  }
  if (own.registration && params.registration && params.registration.toLowerCase() !== own.registration) {
    throw new XapiError(403, `these credentials may read only statements in registration ${own.registration}`)
  }
  const page = await queryStatements({
    agentKey: own.agentKey ?? filterAgentKey,
    relatedAgents: own.agentKey ? false : params.related_agents,
    verb: params.verb,
    activity: params.activity,
    relatedActivities: params.related_activities,
    registration: own.registration ?? params.registration,
    since: params.since,
    until: params.until,
    limit: params.limit,
    ascending: params.ascending,
    authorityKey: own.authorityKey,
    after: params.cursor,
  })
  let more = ''
  if (page.nextAfter !== null) {
    const next = new URLSearchParams(url.searchParams)
    next.set('cursor', String(page.nextAfter))
    more = `/xapi/statements?${next.toString()}`
  }
  const newest = page.statements.reduce((latest, row) => (row.stored > latest ? row.stored : latest), new Date(0))
  return statementsResponse({
    body: { statements: page.statements.map((row) => formatStatement(row.statement, format, languages)), more },
    statements: page.statements.map((row) => row.statement),
    attachments: params.attachments ?? false,
    version,
    headers: { ...headers, 'Last-Modified': (page.statements.length > 0 ? newest : new Date()).toUTCString() },
  })
}

/**
 * Learners see only statements about themselves; delegated credentials only those about their learner in their
 * registration; `read/mine` clients only those they wrote.
 */
function restrictToOwn(principal: XapiPrincipal): { agentKey?: string; authorityKey?: string; registration?: string } {
  if (principal.kind === 'learner') return { agentKey: agentKey(principal.agent) }
  if (principal.kind === 'delegated')
    return { agentKey: agentKey(principal.agent), registration: principal.access.registration }
  const scopes = principal.scopes
  const broad = scopes.has('all') || scopes.has('all/read') || scopes.has('statements/read')
  return broad ? {} : { authorityKey: agentKey(principal.authority) }
}

function mayRead(principal: XapiPrincipal, statement: Record<string, unknown>): boolean {
  const own = restrictToOwn(principal)
  if (own.registration && registrationOf(statement) !== own.registration) return false
  if (own.agentKey) return agentKey(statement.actor as Parameters<typeof agentKey>[0]) === own.agentKey
  if (own.authorityKey) return agentKey(statement.authority as Parameters<typeof agentKey>[0]) === own.authorityKey
  return true
}

function registrationOf(statement: Record<string, unknown>): string | undefined {
  const registration = (statement.context as { registration?: unknown } | undefined)?.registration
  return typeof registration === 'string' ? registration.toLowerCase() : undefined
}

function acceptedLanguages(request: Request): string[] {
  return (request.headers.get('Accept-Language') ?? '')
    .split(',')
    .map((part) => part.split(';')[0]?.trim() ?? '')
    .filter(Boolean)
}

/** Content holding delegated credentials writes only about its learner, in its registration, and never voids. */
function requireDelegatedRights(access: DelegatedAccess, statements: Record<string, unknown>[]) {
  const self = agentKey(access.agent)
  for (const statement of statements) {
    if (agentKey(statement.actor as Parameters<typeof agentKey>[0]) !== self)
      throw new XapiError(403, `statement.actor must be the learner ${access.purpose} is for`)
    if (registrationOf(statement) !== access.registration)
      throw new XapiError(
        403,
        `statement.context.registration must be ${access.registration}, the registration of ${access.purpose}`,
      )
    if ((statement.verb as { id?: unknown }).id === VOIDED_VERB)
      throw new XapiError(403, `${access.purpose} may not void statements`)
  }
}

const putParamsSchema = z.strictObject({ statementId: uuidSchema })

export async function writeStatements(request: Request, version: XapiVersion): Promise<Response> {
  const principal = await authenticateXapi(request)
  requireScope(principal, 'statements/write')
  const method = request.method.toUpperCase()
  if (method !== 'PUT' && method !== 'POST')
    throw new XapiError(405, `${method} is not supported on the Statements resource`)
  const { body, multipart, parts } = await readStatementsBody(request)

  let statements: Record<string, unknown>[]
  if (method === 'PUT') {
    const { statementId } = parseParams(new URL(request.url), putParamsSchema)
    if (Array.isArray(body)) throw new XapiError(400, 'PUT takes one statement; POST a batch')
    const checked = validateStatements(body, { version })
    if (!checked.ok) throw new XapiError(400, checked.error)
    const [statement] = checked.statements
    if (!statement) throw new XapiError(400, 'the request body has no statement')
    if (statement.id !== undefined && String(statement.id).toLowerCase() !== statementId.toLowerCase()) {
      throw new XapiError(400, 'statement.id does not match the statementId parameter')
    }
    statements = [{ ...statement, id: statementId.toLowerCase() }]
  } else {
    if ([...new URL(request.url).searchParams.keys()].length > 0) {
      throw new XapiError(400, 'POST to the Statements resource takes no query parameters')
    }
    const checked = validateStatements(body, { version })
    if (!checked.ok) throw new XapiError(400, checked.error)
    statements = checked.statements as Record<string, unknown>[]
  }

  if (principal.kind === 'learner') {
    const self = agentKey(principal.agent)
    for (const statement of statements) {
      if (agentKey(statement.actor as Parameters<typeof agentKey>[0]) !== self) {
        throw new XapiError(403, 'statement.actor must be you: a learner may only record statements about themselves')
      }
      const verb = String((statement.verb as { id?: unknown }).id)
      if (!BROWSER_VERBS.has(verb))
        throw new XapiError(403, `statement.verb ${verb} can only be recorded by the platform itself`)
    }
  }
  if (principal.kind === 'delegated') requireDelegatedRights(principal.access, statements)
  const attachments = checkAttachments({ statements, parts, multipart, batch: Array.isArray(body) })
  const options = {
    statements,
    authority: principal.authority as unknown as Record<string, unknown>,
    version,
    clientId: principal.kind === 'client' ? principal.client.id : null,
    userId:
      principal.kind === 'learner'
        ? principal.user.id
        : principal.kind === 'delegated'
          ? principal.access.userId
          : null,
    attachments,
  }
  const ids =
    principal.kind === 'delegated'
      ? await transaction(async (tx) => {
          // The issuer's rules read what is already stored, so they are judged under the same lock as the write.
          await lockStatementWrites(tx)
          await principal.access.checkStatements(statements)
          return storeStatements(options)
        })
      : // Stored with whatever other requests arrive meanwhile, in one transaction; answered once that commits.
        await storeStatementsTogether(options)
  return method === 'PUT' ? noContent(version) : jsonResponse(ids, { version })
}
