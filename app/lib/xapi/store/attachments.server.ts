import { createHash } from 'node:crypto'
import { inArray } from 'drizzle-orm'
import { type Database, db, schema } from '#app/lib/db.server.ts'
import { XapiError, jsonResponse, xapiHeaders } from '#app/lib/xapi/http/http.server.ts'
import type { XapiVersion } from '#app/lib/xapi/model/version.ts'
import {
  multipartBoundary,
  parseMediaType,
  parseMultipart,
  serializeMultipart,
} from '#app/lib/xapi/http/multipart.server.ts'
import { SIGNATURE_CONTENT_TYPE, SIGNATURE_USAGE_TYPE, signatureProblem } from './signed-statements.server.ts'
import { requestBytes, requestText } from '#app/lib/xapi/http/bodies-beside.server.ts'

// Statement attachments (Data 2.4.11, Communication 1.5): reading application/json or multipart/mixed statement
// requests, matching attachment parts to the statements' attachment objects by SHA-2, checking signatures,
// storing the content once per hash, and answering GET ?attachments=true with multipart/mixed.

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** An attachment part of a request, its hash already checked against its content. */
export interface AttachmentPart {
  /** 1-based position in the multipart body (part 1 holds the statements). */
  partNumber: number
  /** Lower-case hex, as given in X-Experience-API-Hash. */
  sha2: string
  contentType: string | null
  content: Buffer
}

/** Attachment content to store, one per SHA-2. */
export interface AttachmentContent {
  sha2: string
  contentType: string
  content: Buffer
}

export interface StatementsRequestBody {
  /** The parsed JSON: one statement or an array of them, not yet validated. */
  body: unknown
  multipart: boolean
  parts: AttachmentPart[]
}

const DIGESTS: Record<number, string> = { 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' }

/** Reads a PUT/POST statements body, sent as application/json or as multipart/mixed with attachment parts. */
export async function readStatementsBody(request: Request): Promise<StatementsRequestBody> {
  const contentType = request.headers.get('Content-Type') ?? ''
  const { type } = parseMediaType(contentType)
  if (type === 'application/json') {
    return {
      body: parseJson(await requestText(request), 'the request body is not valid JSON'),
      multipart: false,
      parts: [],
    }
  }
  if (type !== 'multipart/mixed') {
    throw new XapiError(400, 'statements must be sent as application/json (or multipart/mixed with attachments)')
  }
  const boundary = multipartBoundary(contentType)
  const [first, ...rest] = parseMultipart(await requestBytes(request), boundary)
  if (!first) throw new XapiError(400, 'the multipart body has no parts')
  if (parseMediaType(first.headers.get('content-type') ?? '').type !== 'application/json') {
    throw new XapiError(
      400,
      'the first part of a multipart/mixed statements request must have Content-Type: application/json',
    )
  }
  const body = parseJson(first.body.toString('utf8'), 'the first part of the multipart body is not valid JSON')
  const parts = rest.map((part, index): AttachmentPart => {
    const partNumber = index + 2
    const declared = part.headers.get('x-experience-api-hash')
    if (declared === undefined || declared === '')
      throw new XapiError(400, `multipart part ${partNumber} has no X-Experience-API-Hash header`)
    const sha2 = declared.toLowerCase()
    const algorithm = /^[0-9a-f]+$/.test(sha2) ? DIGESTS[sha2.length] : undefined
    if (!algorithm) {
      throw new XapiError(
        400,
        `multipart part ${partNumber}: X-Experience-API-Hash must be a hexadecimal SHA-224, SHA-256, SHA-384 or SHA-512 hash`,
      )
    }
    // The spec asks the LRS to assume binary when the header is missing (Communication 1.5.2.s3.b6).
    const encoding = part.headers.get('content-transfer-encoding')
    if (encoding !== undefined && encoding.toLowerCase() !== 'binary') {
      throw new XapiError(
        400,
        `multipart part ${partNumber} must have Content-Transfer-Encoding: binary, not ${encoding}`,
      )
    }
    const actual = createHash(algorithm).update(part.body).digest('hex')
    if (actual !== sha2) {
      throw new XapiError(
        400,
        `multipart part ${partNumber}: the ${algorithm
          .toUpperCase()
          .replace('SHA', 'SHA-')} of its content is ${actual}, not ${sha2} as its X-Experience-API-Hash header says`,
      )
    }
    return { partNumber, sha2, contentType: part.headers.get('content-type') || null, content: part.body }
  })
  return { body, multipart: true, parts }
}

function parseJson(text: string, message: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new XapiError(400, message)
  }
}

interface AttachmentRef {
  path: string
  attachment: Json
  /** On the statement itself rather than on its SubStatement: only these can sign the statement. */
  own: boolean
}

/** Every attachment object of a statement, its SubStatement's included, with the path that names it. */
function attachmentRefs(statement: Json, label: string): AttachmentRef[] {
  const refs: AttachmentRef[] = []
  const collect = (holder: unknown, path: string, own: boolean) => {
    if (!isObject(holder) || !Array.isArray(holder.attachments)) return
    for (const [index, attachment] of holder.attachments.entries()) {
      if (isObject(attachment)) refs.push({ path: `${path}.attachments[${index}]`, attachment, own })
    }
  }
  collect(statement, label, true)
  if (isObject(statement.object) && statement.object.objectType === 'SubStatement')
    collect(statement.object, `${label}.object`, false)
  return refs
}

const sha2Of = (attachment: Json) => String(attachment.sha2).toLowerCase()

/**
 * Checks a validated batch's attachment objects against the request's parts (Communication 1.5.2) and the
 * signatures among them (Data 2.6); returns the content to store. `batch` says whether the body was an array,
 * so messages name `statements[i]` or `statement`.
 */
export function checkAttachments({
  statements,
  parts,
  multipart,
  batch,
}: {
  statements: Json[]
  parts: AttachmentPart[]
  multipart: boolean
  batch: boolean
}): AttachmentContent[] {
  const partsBySha2 = new Map<string, AttachmentPart>()
  for (const part of parts) if (!partsBySha2.has(part.sha2)) partsBySha2.set(part.sha2, part)
  const referenced = new Map<string, Json>()

  for (const [index, statement] of statements.entries()) {
    const label = batch ? `statements[${index}]` : 'statement'
    for (const { path, attachment, own } of attachmentRefs(statement, label)) {
      const sha2 = sha2Of(attachment)
      if (!referenced.has(sha2)) referenced.set(sha2, attachment)
      const part = partsBySha2.get(sha2)
      if (!part && attachment.fileUrl === undefined) {
        throw new XapiError(
          400,
          multipart
            ? `${path} has no fileUrl and no multipart part has X-Experience-API-Hash ${sha2}`
            : `${path} has no fileUrl: send its content as a part of a multipart/mixed request, or give a fileUrl`,
        )
      }
      if (own && attachment.usageType === SIGNATURE_USAGE_TYPE) checkSignature(statement, attachment, part, path)
    }
  }

  for (const part of parts) {
    if (!referenced.has(part.sha2)) {
      throw new XapiError(
        400,
        `multipart part ${part.partNumber} (X-Experience-API-Hash ${part.sha2}) is not an attachment of any statement`,
      )
    }
  }
  return [...partsBySha2.values()].map((part) => ({
    sha2: part.sha2,
    contentType: part.contentType ?? String(referenced.get(part.sha2)?.contentType ?? 'application/octet-stream'),
    content: part.content,
  }))
}

function checkSignature(statement: Json, attachment: Json, part: AttachmentPart | undefined, path: string) {
  if (parseMediaType(String(attachment.contentType)).type !== SIGNATURE_CONTENT_TYPE) {
    throw new XapiError(
      400,
      `${path}.contentType must be ${SIGNATURE_CONTENT_TYPE} for a signature (usageType ${SIGNATURE_USAGE_TYPE})`,
    )
  }
  if (!part) {
    throw new XapiError(
      400,
      `${path} is a signature, so its JWS must be sent as a part of a multipart/mixed request for the LRS to check it`,
    )
  }
  const problem = signatureProblem(statement, part.content.toString('utf8'))
  if (problem) throw new XapiError(400, `${path} is not a valid signature: ${problem}`)
}

/** Stores attachment content once per SHA-2; call inside the transaction that stores the statements. */
export async function storeAttachmentContent(tx: Database, attachments: AttachmentContent[]): Promise<void> {
  if (attachments.length === 0) return
  const { xapiAttachments } = schema()
  await tx
    .insert(xapiAttachments)
    .values(
      attachments.map((attachment) => ({
        sha2: attachment.sha2,
        contentType: attachment.contentType,
        length: attachment.content.byteLength,
        contentBase64: attachment.content.toString('base64'),
      })),
    )
    .onConflictDoNothing({ target: xapiAttachments.sha2 })
}

/**
 * The answer to a statements GET: plain JSON, or with `attachments` multipart/mixed holding the JSON first and
 * then each attachment of those statements whose content the LRS holds (fileUrl-only ones have none).
 */
export async function statementsResponse({
  body,
  statements,
  attachments,
  version,
  headers,
}: {
  body: unknown
  statements: Json[]
  attachments: boolean
  version: XapiVersion
  headers: Record<string, string>
}): Promise<Response> {
  if (!attachments) return jsonResponse(body, { version, headers })
  const wanted = [
    ...new Set(
      statements.flatMap((statement) => attachmentRefs(statement, 'statement').map((ref) => sha2Of(ref.attachment))),
    ),
  ]
  const { xapiAttachments } = schema()
  const rows =
    wanted.length > 0 ? await db().select().from(xapiAttachments).where(inArray(xapiAttachments.sha2, wanted)) : []
  const bySha2 = new Map(rows.map((row) => [row.sha2, row]))
  const stored = wanted.flatMap((sha2) => bySha2.get(sha2) ?? [])
  const multipart = serializeMultipart([
    { headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(body), 'utf8') },
    ...stored.map((row) => ({
      headers: {
        'Content-Type': row.contentType,
        'Content-Transfer-Encoding': 'binary',
        'X-Experience-API-Hash': row.sha2,
      },
      body: Buffer.from(row.contentBase64, 'base64'),
    })),
  ])
  return new Response(Uint8Array.from(multipart.body), {
    status: 200,
    headers: xapiHeaders(version, { ...headers, 'Content-Type': `multipart/mixed; boundary=${multipart.boundary}` }),
  })
}
