import { randomBytes } from 'node:crypto'
import { XapiError } from './http.server.ts'

// multipart/mixed (RFC 2046 §5.1) as the Statements resource uses it (Communication 1.5.2): parsing the raw
// bytes of a request body, and writing a response body. Parts are binary, so everything here works on bytes;
// only the header lines are read as text. Line breaks are CRLF as the RFC says; a bare LF is tolerated.

const CR = 0x0d
const LF = 0x0a
const DASH = 0x2d

export interface MultipartPart {
  /** Header names lower-cased; values trimmed. */
  headers: Map<string, string>
  body: Buffer
}

/** Splits `type/subtype; name=value; name="quoted value"` into its media type (lower-cased) and parameters. */
export function parseMediaType(header: string): { type: string; params: Map<string, string> } {
  const semicolon = header.indexOf(';')
  const type = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase()
  const params = new Map<string, string>()
  if (semicolon < 0) return { type, params }
  const pattern = /;\s*([^\s;=]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g
  for (const match of header.slice(semicolon).matchAll(pattern)) {
    const name = (match[1] ?? '').toLowerCase()
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '').trim()
    if (!params.has(name)) params.set(name, value)
  }
  return { type, params }
}

/** The boundary of a `multipart/mixed` Content-Type header, quoted or not; 400 when it is missing or invalid. */
export function multipartBoundary(contentType: string): string {
  const boundary = parseMediaType(contentType).params.get('boundary')
  if (boundary === undefined || boundary === '') {
    throw new XapiError(400, 'the multipart/mixed Content-Type header needs a boundary parameter')
  }
  if (boundary.length > 70 || boundary.endsWith(' ')) {
    throw new XapiError(400, 'the multipart/mixed boundary must be 1 to 70 characters and must not end with a space')
  }
  return boundary
}

interface Delimiter {
  /** Where the line holding the delimiter starts (the line break before it belongs to the delimiter). */
  start: number
  /** The first byte after the delimiter line. */
  end: number
  close: boolean
}

/**
 * The next delimiter line at or after `from`: `--boundary` at the start of the body or of a line, followed
 * either by `--` (the close delimiter) or by optional spaces and tabs and a line break.
 */
function nextDelimiter(body: Buffer, dashBoundary: Buffer, from: number): Delimiter | null {
  let at = body.indexOf(dashBoundary, from)
  while (at >= 0) {
    const lineStart = at === 0 || body[at - 1] === LF
    let cursor = at + dashBoundary.length
    if (lineStart) {
      if (body[cursor] === DASH && body[cursor + 1] === DASH) {
        return { start: lineBreakStart(body, at, from), end: body.length, close: true }
      }
      while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor++
      if (body[cursor] === CR && body[cursor + 1] === LF) cursor += 2
      else if (body[cursor] === LF) cursor += 1
      else cursor = -1
      if (cursor >= 0) return { start: lineBreakStart(body, at, from), end: cursor, close: false }
    }
    at = body.indexOf(dashBoundary, at + 1)
  }
  return null
}

/** The CRLF (or LF) before a delimiter is part of the delimiter, not of the preceding part's content. */
function lineBreakStart(body: Buffer, at: number, floor: number): number {
  if (at - 2 >= floor && body[at - 2] === CR && body[at - 1] === LF) return at - 2
  if (at - 1 >= floor && body[at - 1] === LF) return at - 1
  return at
}

function parseHeaders(raw: Buffer, partNumber: number): { headers: Map<string, string>; bodyStart: number } {
  const headers = new Map<string, string>()
  let lastName: string | null = null
  let cursor = 0
  for (;;) {
    const lineEnd = raw.indexOf(LF, cursor)
    if (lineEnd < 0) throw new XapiError(400, `multipart part ${partNumber} has no blank line after its headers`)
    const line = raw.toString(
      'latin1',
      cursor,
      raw[lineEnd - 1] === CR && lineEnd - 1 >= cursor ? lineEnd - 1 : lineEnd,
    )
    cursor = lineEnd + 1
    if (line === '') return { headers, bodyStart: cursor }
    if ((line.startsWith(' ') || line.startsWith('\t')) && lastName !== null) {
      headers.set(lastName, `${headers.get(lastName) ?? ''} ${line.trim()}`.trim())
      continue
    }
    const colon = line.indexOf(':')
    const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : ''
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) {
      throw new XapiError(
        400,
        `multipart part ${partNumber} has a malformed header line: ${JSON.stringify(line.slice(0, 80))}`,
      )
    }
    headers.set(name, line.slice(colon + 1).trim())
    lastName = name
  }
}

/**
 * Splits a multipart body into its parts. The preamble before the first delimiter and the epilogue after the
 * close delimiter are ignored; anything else out of place is a 400 naming the problem.
 */
export function parseMultipart(body: Uint8Array, boundary: string): MultipartPart[] {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  const dashBoundary = Buffer.from(`--${boundary}`, 'latin1')
  const first = nextDelimiter(bytes, dashBoundary, 0)
  if (!first)
    throw new XapiError(
      400,
      `the multipart body has no delimiter line --${boundary} (the boundary given in Content-Type)`,
    )
  if (first.close) throw new XapiError(400, 'the multipart body has no parts')
  const parts: MultipartPart[] = []
  let current = first
  while (!current.close) {
    const next = nextDelimiter(bytes, dashBoundary, current.end)
    if (!next) throw new XapiError(400, `the multipart body does not end with the close delimiter --${boundary}--`)
    const raw = bytes.subarray(current.end, Math.max(current.end, next.start))
    const partNumber = parts.length + 1
    const { headers, bodyStart } = parseHeaders(raw, partNumber)
    parts.push({ headers, body: raw.subarray(bodyStart) })
    current = next
  }
  return parts
}

export interface OutgoingPart {
  headers: Record<string, string>
  body: Uint8Array
}

/** Writes parts as a multipart/mixed body with CRLF line breaks and a random boundary that occurs in no part. */
export function serializeMultipart(parts: OutgoingPart[]): { boundary: string; body: Buffer } {
  let boundary = randomBytes(16).toString('hex')
  while (
    parts.some((part) =>
      Buffer.from(part.body.buffer, part.body.byteOffset, part.body.byteLength).includes(boundary, 0, 'latin1'),
    )
  ) {
    boundary = randomBytes(16).toString('hex')
  }
  const chunks: Buffer[] = []
  for (const part of parts) {
    const headerLines = Object.entries(part.headers).map(([name, value]) => `${name}: ${value}\r\n`)
    chunks.push(
      Buffer.from(`--${boundary}\r\n${headerLines.join('')}\r\n`, 'latin1'),
      Buffer.from(part.body),
      Buffer.from('\r\n'),
    )
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'))
  return { boundary, body: Buffer.concat(chunks) }
}
