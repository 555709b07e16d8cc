import { X509Certificate, verify } from 'node:crypto'
import { durationToHundredths } from '#app/lib/xapi/model/duration.ts'

// Signed Statements (xAPI 1.0.3 Data 2.6): a signature is an attachment with the signature usageType whose
// content is a JWS (RFC 7515, compact serialization). The LRS checks it is well formed: an RS256/RS384/RS512
// algorithm, a payload that is a statement logically equivalent to the one received (Data 2.3.1 comparison
// rules), and, when the header carries an x5c certificate chain, a signature that verifies with the first
// certificate's key. As the spec notes, this catches mistakes; it does not authenticate the signer.

export const SIGNATURE_USAGE_TYPE = 'http://adlnet.gov/expapi/attachments/signature'
export const SIGNATURE_CONTENT_TYPE = 'application/octet-stream'

const ALGORITHMS: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' }

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const BASE64URL = /^[A-Za-z0-9_-]+$/

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
}

/**
 * Checks one JWS against the statement it was attached to. Returns null when it is well formed, otherwise a
 * sentence saying what is wrong with it.
 */
export function signatureProblem(statement: Json, jws: string): string | null {
  const segments = jws.trim().split('.')
  if (segments.length !== 3 || !segments.every((segment) => BASE64URL.test(segment))) {
    return 'it is not a JWS in compact serialization (three base64url parts separated by dots)'
  }
  const [encodedHeader, encodedPayload, encodedSignature] = segments as [string, string, string]

  const header = decodeJson(encodedHeader)
  if (!isObject(header)) return 'its JWS header is not a JSON object'
  const alg = header.alg
  if (typeof alg !== 'string') return 'its JWS header has no alg'
  const hash = ALGORITHMS[alg]
  if (!hash) return `its JWS algorithm is ${alg}; it must be RS256, RS384 or RS512`
  if (header.crit !== undefined)
    return 'its JWS header lists critical extensions (crit), which this LRS does not understand'

  const payload = decodeJson(encodedPayload)
  if (!isObject(payload)) return 'its JWS payload is not a JSON serialization of a statement'
  const difference = firstDifference(payload, statement)
  if (difference !== null) return `its JWS payload does not match the statement (they differ at ${difference})`

  if (header.x5c !== undefined) {
    const chain = header.x5c
    if (
      !Array.isArray(chain) ||
      chain.length === 0 ||
      typeof chain[0] !== 'string' ||
      !/^[A-Za-z0-9+/]+={0,2}$/.test(chain[0])
    ) {
      return 'its JWS header x5c must be an array of base64 DER certificates'
    }
    let certificate: X509Certificate
    try {
      certificate = new X509Certificate(Buffer.from(chain[0], 'base64'))
    } catch {
      return 'the first certificate in its x5c header cannot be read'
    }
    if (certificate.publicKey.asymmetricKeyType !== 'rsa')
      return 'the first certificate in its x5c header does not hold an RSA key'
    const signingInput = Buffer.from(`${encodedHeader}.${encodedPayload}`, 'ascii')
    const valid = verify(hash, signingInput, certificate.publicKey, Buffer.from(encodedSignature, 'base64url'))
    if (!valid) return 'its signature does not verify with the public key of the first certificate in its x5c header'
  }
  return null
}

// ---------------------------------------------------------------------------------------------------------
// Statement comparison (Data 2.3.1): differences that LRS processing or the immutability exceptions could
// cause are ignored; every other difference counts, including serialization ones (a missing objectType).

// Properties the LRS may assign, compared only when both statements have them.
const ASSIGNABLE = ['id', 'timestamp', 'version'] as const

/** The path of the first difference between a signed payload and the received statement, or null if none. */
export function firstDifference(payload: Json, statement: Json): string | null {
  const a = comparable(payload, true)
  const b = comparable(statement, true)
  for (const key of ASSIGNABLE) {
    if (a[key] === undefined || b[key] === undefined) {
      delete a[key]
      delete b[key]
    }
  }
  return diff(a, b, 'statement')
}

function comparable(statement: Json, topLevel: boolean): Json {
  const copy: Json = { ...statement }
  // authority and stored are set by the LRS; attachments are not part of the statement (2.3.1 b6), and the
  // payload is the statement before its signature attachment was added.
  delete copy.attachments
  if (topLevel) {
    delete copy.authority
    delete copy.stored
  }
  if (typeof copy.id === 'string') copy.id = copy.id.toLowerCase()
  if (typeof copy.timestamp === 'string') copy.timestamp = instant(copy.timestamp)
  // A verb's display is not part of the statement (2.3.1 b3).
  if (isObject(copy.verb)) {
    const { display: _display, ...verb } = copy.verb
    copy.verb = verb
  }
  if (isObject(copy.object)) copy.object = comparableObject(copy.object)
  if (isObject(copy.context)) copy.context = comparableContext(copy.context)
  if (isObject(copy.result) && typeof copy.result.duration === 'string') {
    copy.result = { ...copy.result, duration: durationToHundredths(copy.result.duration) }
  }
  return normaliseAgents(copy) as Json
}

function comparableObject(object: Json): Json {
  const type = object.objectType ?? 'Activity'
  if (type === 'Activity') return withoutDefinition(object)
  if (type === 'SubStatement') return comparable(object, false)
  if (type === 'StatementRef' && typeof object.id === 'string') return { ...object, id: object.id.toLowerCase() }
  return object
}

// The content of an Activity Definition is not part of the statement (2.3.1 b2).
function withoutDefinition(activity: Json): Json {
  const { definition: _definition, ...rest } = activity
  return rest
}

function comparableContext(context: Json): Json {
  const copy: Json = { ...context }
  if (typeof copy.registration === 'string') copy.registration = copy.registration.toLowerCase()
  if (isObject(copy.statement) && typeof copy.statement.id === 'string')
    copy.statement = { ...copy.statement, id: copy.statement.id.toLowerCase() }
  if (isObject(copy.contextActivities)) {
    copy.contextActivities = Object.fromEntries(
      // A single Activity is the 0.95 form of a one-item list; the LRS stores it as the list.
      Object.entries(copy.contextActivities).map(([kind, value]) => [
        kind,
        (Array.isArray(value) ? value : [value]).map((item) => (isObject(item) ? withoutDefinition(item) : item)),
      ]),
    )
  }
  return copy
}

// The domain of an email address is case-insensitive (2.3.1 b7) and a Group's members are unordered (b5).
function normaliseAgents(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseAgents)
  if (!isObject(value)) return value
  const copy: Json = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normaliseAgents(item)]))
  if (typeof copy.mbox === 'string') {
    const at = copy.mbox.lastIndexOf('@')
    if (at >= 0) copy.mbox = copy.mbox.slice(0, at + 1) + copy.mbox.slice(at + 1).toLowerCase()
  }
  if (copy.objectType === 'Group' && Array.isArray(copy.member)) {
    copy.member = [...copy.member].sort((x, y) => compareStrings(stableJson(x), stableJson(y)))
  }
  return copy
}

function instant(timestamp: string): string | number {
  const time = Date.parse(timestamp)
  return Number.isNaN(time) ? timestamp : time
}

const compareStrings = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

function diff(a: unknown, b: unknown, path: string): string | null {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return path
    for (const [index, item] of a.entries()) {
      const found = diff(item, b[index], `${path}[${index}]`)
      if (found !== null) return found
    }
    return null
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
    for (const key of keys) {
      const found = diff(a[key], b[key], `${path}.${key}`)
      if (found !== null) return found
    }
    return null
  }
  return Object.is(a, b) ? null : path
}
