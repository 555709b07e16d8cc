import { z } from 'zod'
import {
  deleteDocument,
  deleteStates,
  type DocumentKey,
  type DocumentKind,
  type EntityTagCondition,
  isJsonContentType,
  listDocumentIds,
  mergeDocument,
  type Preconditions,
  putDocument,
  readDocument,
} from '#app/lib/xapi/store/documents.server.ts'
import { uuidSchema } from '#app/lib/xapi/model/uuid.ts'
import type { XapiVersion } from '#app/lib/xapi/model/version.ts'
import { dateTimeParam } from './date-time-param.ts'
import { jsonResponse, noContent, XapiError, xapiHeaders } from './http.server.ts'
import { isAbsoluteIri } from '#app/lib/xapi/model/iri.ts'
import { authenticateXapi, requireScope, type XapiPrincipal } from './request-auth.server.ts'
import type { DelegatedAccess } from './delegated-credentials.server.ts'
import { agentKey, parseAgentParam } from '#app/lib/xapi/model/statement-schema.ts'

// The HTTP side of the three document resources: parameters, headers, who may do what, and the answers.

/** Larger documents are refused with 413 rather than read into memory. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

interface ResourceRules {
  name: string
  idParam: 'stateId' | 'profileId'
  usesActivity: boolean
  usesAgent: boolean
  scope: 'state' | 'profile'
}

const RESOURCES: Record<DocumentKind, ResourceRules> = {
  state: { name: 'State', idParam: 'stateId', usesActivity: true, usesAgent: true, scope: 'state' },
  'activity-profile': {
    name: 'Activity Profile',
    idParam: 'profileId',
    usesActivity: true,
    usesAgent: false,
    scope: 'profile',
  },
  'agent-profile': {
    name: 'Agent Profile',
    idParam: 'profileId',
    usesActivity: false,
    usesAgent: true,
    scope: 'profile',
  },
}

// Key parts are capped so the unique index on them stays within what Postgres can index.
const activityIdSchema = z
  .string()
  .max(1000, 'must be at most 1000 characters')
  .refine(isAbsoluteIri, 'must be an IRI with a scheme, such as https://example.org/activities/1')
const registrationSchema = uuidSchema.transform((value) => value.toLowerCase())
const documentIdSchema = z.string().min(1, 'must not be empty').max(500, 'must be at most 500 characters')
const sinceSchema = dateTimeParam('must be an ISO 8601 timestamp')

interface DocumentParams {
  activityId: string
  agentKey: string
  registration?: string
  documentId?: string
  since?: Date
}

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE'

function parseParams(kind: DocumentKind, method: Method, url: URL): DocumentParams {
  const rules = RESOURCES[kind]
  const allowed = new Set<string>([rules.idParam])
  if (rules.usesActivity) allowed.add('activityId')
  if (rules.usesAgent) allowed.add('agent')
  if (kind === 'state') allowed.add('registration')
  if (method === 'GET') allowed.add('since')

  const raw = new Map<string, string>()
  for (const [name, value] of url.searchParams) {
    if (!allowed.has(name)) {
      throw new XapiError(400, `${name} is not a parameter of ${method} on the ${rules.name} resource`)
    }
    if (raw.has(name)) throw new XapiError(400, `the ${name} parameter is given more than once`)
    raw.set(name, value)
  }

  const field = <T>(name: string, schema: z.ZodType<T, string>): T | undefined => {
    const value = raw.get(name)
    if (value === undefined) return undefined
    const result = schema.safeParse(value)
    if (!result.success)
      throw new XapiError(400, `the ${name} parameter ${result.error.issues[0]?.message ?? 'is invalid'}`)
    return result.data
  }
  const required = (name: string) => {
    if (!raw.has(name)) throw new XapiError(400, `the ${name} parameter is required`)
  }

  let activityId = ''
  if (rules.usesActivity) {
    required('activityId')
    activityId = field('activityId', activityIdSchema) ?? ''
  }

  let key = ''
  if (rules.usesAgent) {
    required('agent')
    const json = raw.get('agent') ?? ''
    if (json.length > 1000) throw new XapiError(400, 'the agent parameter must be at most 1000 characters')
    const parsed = parseAgentParam(json)
    if (!parsed.ok) throw new XapiError(400, `the agent parameter is invalid: ${parsed.error}`)
    if (kind === 'agent-profile' && parsed.agent.objectType === 'Group') {
      throw new XapiError(
        400,
        'the agent parameter must be an Agent, not a Group (use the group’s identifier in an Agent)',
      )
    }
    key = agentKey(parsed.agent)
  }

  // State and profile writes name one document; GET and State DELETE without it act on the whole set.
  const listable = method === 'GET' || (method === 'DELETE' && kind === 'state')
  if (!listable) required(rules.idParam)
  const documentId = field(rules.idParam, documentIdSchema)

  return {
    activityId,
    agentKey: key,
    registration: field('registration', registrationSchema),
    documentId,
    since: field('since', sinceSchema),
  }
}

function documentKey(kind: DocumentKind, params: DocumentParams & { documentId: string }): DocumentKey {
  return {
    kind,
    activityId: params.activityId,
    agentKey: params.agentKey,
    registration: params.registration ?? '',
    documentId: params.documentId,
  }
}

/** Learners (signed in to the app) reach only documents about themselves, and may read but not write Activity Profiles. */
function requireRights(principal: XapiPrincipal, kind: DocumentKind, params: DocumentParams, writing = false) {
  if (principal.kind === 'delegated') return requireDelegatedRights(principal.access, kind, params, writing)
  if (principal.kind !== 'learner' || kind === 'activity-profile') return
  if (params.agentKey !== agentKey(principal.agent)) {
    throw new XapiError(403, `a learner may only use ${RESOURCES[kind].name} documents whose agent is themselves`)
  }
}

/**
 * Delegated credentials reach the State of their activity for their learner and registration (never changing
 * the documents the issuer keeps read-only), read their learner's Agent Profile and any Activity Profile, and
 * change no profile.
 */
function requireDelegatedRights(access: DelegatedAccess, kind: DocumentKind, params: DocumentParams, writing: boolean) {
  const name = RESOURCES[kind].name
  if (kind !== 'activity-profile' && params.agentKey !== agentKey(access.agent))
    throw new XapiError(403, `${access.purpose} may only use ${name} documents whose agent is its learner`)
  if (kind !== 'state') {
    if (writing) throw new XapiError(403, `${access.purpose} may read ${name} documents but not change them`)
    return
  }
  if (params.activityId !== access.activityId)
    throw new XapiError(403, `${access.purpose} may only use State documents of activity ${access.activityId}`)
  if (params.registration !== access.registration)
    throw new XapiError(403, `${access.purpose} may only use State documents of registration ${access.registration}`)
  if (writing && (params.documentId === undefined || access.readOnlyStateIds.includes(params.documentId)))
    throw new XapiError(
      403,
      `${access.purpose} may not change ${params.documentId === undefined ? 'every State document at once' : `the ${params.documentId} State document`}`,
    )
}

/** GET and HEAD: one document (with its ETag and Last-Modified) or the ids in a context. */
export async function readDocuments(request: Request, version: XapiVersion, kind: DocumentKind): Promise<Response> {
  const rules = RESOURCES[kind]
  const principal = await authenticateXapi(request)
  requireScope(principal, rules.scope, 'all/read')
  const params = parseParams(kind, 'GET', new URL(request.url))
  requireRights(principal, kind, params)
  const head = request.method.toUpperCase() === 'HEAD'

  if (params.documentId !== undefined) {
    const document = await readDocument({ key: documentKey(kind, { ...params, documentId: params.documentId }) })
    if (!document)
      throw new XapiError(404, `there is no ${rules.name} document with ${rules.idParam} ${params.documentId}`)
    return new Response(head ? null : new Uint8Array(document.content), {
      status: 200,
      headers: xapiHeaders(version, {
        'Content-Type': document.contentType,
        ETag: `"${document.etag}"`,
        'Last-Modified': document.updatedAt.toUTCString(),
        'Cache-Control': 'no-store',
      }),
    })
  }

  const { ids, lastModified } = await listDocumentIds({
    kind,
    activityId: params.activityId,
    agentKey: params.agentKey,
    registration: params.registration,
    since: params.since,
  })
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' }
  if (lastModified) headers['Last-Modified'] = lastModified.toUTCString()
  const response = jsonResponse(ids, { version, headers })
  return head ? new Response(null, { status: response.status, headers: response.headers }) : response
}

/** PUT (store or replace), POST (store or merge JSON), DELETE (one document, or every State in a context). */
export async function writeDocuments(request: Request, version: XapiVersion, kind: DocumentKind): Promise<Response> {
  const rules = RESOURCES[kind]
  const principal = await authenticateXapi(request)
  const method = request.method.toUpperCase()
  if (method !== 'PUT' && method !== 'POST' && method !== 'DELETE') {
    throw new XapiError(405, `${method} is not supported on the ${rules.name} resource`)
  }
  requireScope(principal, rules.scope)
  if (principal.kind === 'learner' && kind === 'activity-profile') {
    throw new XapiError(403, 'a learner may read Activity Profile documents but not change them')
  }
  const params = parseParams(kind, method, new URL(request.url))
  requireRights(principal, kind, params, true)
  const preconditions = readPreconditions(request)

  if (method === 'DELETE') {
    if (params.documentId === undefined) {
      await deleteStates({
        activityId: params.activityId,
        agentKey: params.agentKey,
        registration: params.registration,
      })
    } else {
      await deleteDocument({ key: documentKey(kind, { ...params, documentId: params.documentId }), preconditions })
    }
    return noContent(version)
  }

  if (params.documentId === undefined) throw new XapiError(400, `the ${rules.idParam} parameter is required`)
  const key = documentKey(kind, { ...params, documentId: params.documentId })
  const { content, contentType } = await readBody(request)
  if (isJsonContentType(contentType)) {
    try {
      JSON.parse(Buffer.from(content).toString('utf8'))
    } catch {
      throw new XapiError(400, 'the document is sent as application/json but is not valid JSON')
    }
  }
  // The 1.0.3 suite expects a profile to be created only with If-None-Match: * (or If-Match) when it is new.
  if (
    method === 'PUT' &&
    kind !== 'state' &&
    version === '1.0.3' &&
    !preconditions.ifMatch &&
    !preconditions.ifNoneMatch
  ) {
    const existing = await readDocument({ key })
    if (!existing)
      throw new XapiError(
        400,
        `creating a ${rules.name} document with PUT needs an If-None-Match: * or If-Match header`,
      )
  }
  if (method === 'PUT') {
    // xAPI 1.0.3 lets State be replaced without a precondition; 2.0 (and its conformance tests) ask it of all three.
    const requirePrecondition = kind !== 'state' || version === '2.0.0'
    await putDocument({ key, content, contentType, preconditions, requirePrecondition })
  } else {
    await mergeDocument({ key, content, contentType, preconditions })
  }
  return noContent(version)
}

async function readBody(request: Request): Promise<{ content: Uint8Array; contentType: string }> {
  const tooLarge = () => new XapiError(413, `documents may be at most ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB`)
  const declared = Number(request.headers.get('Content-Length'))
  if (Number.isFinite(declared) && declared > MAX_DOCUMENT_BYTES) throw tooLarge()
  const content = new Uint8Array(await request.arrayBuffer())
  if (content.byteLength > MAX_DOCUMENT_BYTES) throw tooLarge()
  return { content, contentType: request.headers.get('Content-Type')?.trim() || 'application/octet-stream' }
}

function readPreconditions(request: Request): Preconditions {
  return {
    ifMatch: entityTags(request.headers.get('If-Match'), 'If-Match'),
    ifNoneMatch: entityTags(request.headers.get('If-None-Match'), 'If-None-Match'),
  }
}

/** `*`, or the listed tags with their quotes removed (W/ kept on weak tags). Unquoted tags are accepted as sent. */
function entityTags(header: string | null, name: string): EntityTagCondition | null {
  if (header === null) return null
  const value = header.trim()
  if (value === '*') return '*'
  const tags = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((tag) => {
      const weak = tag.startsWith('W/')
      const body = weak ? tag.slice(2) : tag
      const opaque = body.length >= 2 && body.startsWith('"') && body.endsWith('"') ? body.slice(1, -1) : body
      // Our tags are lowercase hex; a client that upper-cased one still means the same document.
      return (weak ? 'W/' : '') + opaque.toLowerCase()
    })
  if (tags.length === 0) throw new XapiError(400, `the ${name} header is empty: send an ETag in quotes, or *`)
  return tags
}
