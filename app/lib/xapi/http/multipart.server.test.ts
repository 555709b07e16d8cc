import { describe, expect, test } from 'vitest'
import { XapiError } from './http.server.ts'
import { multipartBoundary, parseMediaType, parseMultipart, serializeMultipart } from './multipart.server.ts'

const bytes = (text: string) => Buffer.from(text, 'latin1')
const texts = (parts: ReturnType<typeof parseMultipart>) => parts.map((part) => part.body.toString('latin1'))

function rejection(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof XapiError && error.status === 400) return error.message
    throw error
  }
  throw new Error('expected a 400')
}

describe('multipartBoundary', () => {
  test('reads the boundary, quoted or not, whatever the parameter case and order', () => {
    expect(multipartBoundary('multipart/mixed; boundary=-------314159265358979323846')).toBe(
      '-------314159265358979323846',
    )
    expect(multipartBoundary(`multipart/mixed; boundary="abcABC0123'()+_,-./:=?"`)).toBe(`abcABC0123'()+_,-./:=?`)
    expect(multipartBoundary('Multipart/Mixed; charset=utf-8; BOUNDARY=xyz')).toBe('xyz')
    expect(multipartBoundary('multipart/mixed;boundary="a\\"b"')).toBe('a"b')
  })

  test('a missing or over-long boundary is a 400', () => {
    expect(rejection(() => multipartBoundary('multipart/mixed;'))).toBe(
      'the multipart/mixed Content-Type header needs a boundary parameter',
    )
    expect(rejection(() => multipartBoundary('multipart/mixed; boundary=""'))).toContain('needs a boundary parameter')
    expect(rejection(() => multipartBoundary(`multipart/mixed; boundary=${'x'.repeat(71)}`))).toContain(
      '1 to 70 characters',
    )
  })

  test('parseMediaType lower-cases the type and keeps parameters', () => {
    expect(parseMediaType('Application/JSON; charset=UTF-8')).toEqual({
      type: 'application/json',
      params: new Map([['charset', 'UTF-8']]),
    })
  })
})

describe('parseMultipart', () => {
  test('splits a well-formed body into parts with their headers, binary content untouched', () => {
    const binary = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x0d, 0x0a, 0x80])
    const body = Buffer.concat([
      bytes('--B\r\nContent-Type:application/json\r\n\r\n{"a":1}\r\n'),
      bytes(
        '--B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: abc\r\n\r\n',
      ),
      binary,
      bytes('\r\n--B--\r\n'),
    ])
    const parts = parseMultipart(body, 'B')
    expect(parts).toHaveLength(2)
    expect(parts[0]?.headers.get('content-type')).toBe('application/json')
    expect(parts[0]?.body.toString()).toBe('{"a":1}')
    expect(Object.fromEntries(parts[1]?.headers ?? [])).toEqual({
      'content-type': 'image/png',
      'content-transfer-encoding': 'binary',
      'x-experience-api-hash': 'abc',
    })
    expect(parts[1]?.body.equals(binary)).toBe(true)
  })

  test('ignores the preamble and epilogue, and a body that starts with CRLF before the first delimiter', () => {
    expect(texts(parseMultipart(bytes('preamble text\r\n--B\r\n\r\none\r\n--B--\r\nepilogue'), 'B'))).toEqual(['one'])
    expect(texts(parseMultipart(bytes('\r\n--B\r\nContent-Type:text/plain\r\n\r\none\r\n--B--'), 'B'))).toEqual(['one'])
  })

  test('tolerates bare LF line breaks and transport padding after a delimiter', () => {
    expect(
      texts(parseMultipart(bytes('--B\nContent-Type: text/plain\n\none\n--B \t\r\nX-A: 1\r\n\r\ntwo\r\n--B--'), 'B')),
    ).toEqual(['one', 'two'])
  })

  test('keeps CRLFs that belong to the content; only the one before a delimiter is removed', () => {
    expect(texts(parseMultipart(bytes('--B\r\n\r\n\r\nline\r\n\r\n\r\n--B--'), 'B'))).toEqual(['\r\nline\r\n\r\n'])
    expect(texts(parseMultipart(bytes('--B\r\n\r\n\r\n--B--'), 'B'))).toEqual([''])
  })

  test('the boundary inside a line of content, or with other text after it, is not a delimiter', () => {
    expect(texts(parseMultipart(bytes('--B\r\n\r\nsee --B here\r\n--Bx not one\r\n--B--'), 'B'))).toEqual([
      'see --B here\r\n--Bx not one',
    ])
  })

  test('quoted boundaries with special characters work', () => {
    const boundary = `abcABC0123'()+_,-./:=?`
    const body = bytes(
      `--${boundary}\r\nContent-Type:application/json\r\n\r\n{}\r\n--${boundary}\r\nX-A: 1\r\n\r\nhere is a simple attachment\r\n--${boundary}--`,
    )
    expect(texts(parseMultipart(body, multipartBoundary(`multipart/mixed; boundary="${boundary}"`)))).toEqual([
      '{}',
      'here is a simple attachment',
    ])
  })

  test('folded header lines are joined', () => {
    const [part] = parseMultipart(bytes('--B\r\nContent-Type: text/plain;\r\n charset=utf-8\r\n\r\nx\r\n--B--'), 'B')
    expect(part?.headers.get('content-type')).toBe('text/plain; charset=utf-8')
  })

  test('malformed bodies are 400s that say what is wrong', () => {
    expect(rejection(() => parseMultipart(bytes('{"a":1}'), 'B'))).toBe(
      'the multipart body has no delimiter line --B (the boundary given in Content-Type)',
    )
    expect(rejection(() => parseMultipart(bytes('--B--\r\n'), 'B'))).toBe('the multipart body has no parts')
    expect(rejection(() => parseMultipart(bytes('--B\r\n\r\n{}\r\n--B\r\n\r\nx'), 'B'))).toBe(
      'the multipart body does not end with the close delimiter --B--',
    )
    expect(rejection(() => parseMultipart(bytes('--B\r\nContent-Type: text/plain\r\n--B--'), 'B'))).toBe(
      'multipart part 1 has no blank line after its headers',
    )
    expect(rejection(() => parseMultipart(bytes('--B\r\n\r\n{}\r\n--B\r\nnot a header\r\n\r\nx\r\n--B--'), 'B'))).toBe(
      'multipart part 2 has a malformed header line: "not a header"',
    )
  })
})

describe('serializeMultipart', () => {
  test('round-trips through parseMultipart with a boundary found in no part', () => {
    const binary = Buffer.from([0, 1, 2, 255, 13, 10])
    const { boundary, body } = serializeMultipart([
      { headers: { 'Content-Type': 'application/json' }, body: Buffer.from('{"statements":[]}') },
      { headers: { 'Content-Type': 'application/octet-stream', 'X-Experience-API-Hash': 'h' }, body: binary },
    ])
    expect(boundary).toMatch(/^[0-9a-f]{32}$/)
    const parts = parseMultipart(body, boundary)
    expect(parts.map((part) => part.headers.get('content-type'))).toEqual([
      'application/json',
      'application/octet-stream',
    ])
    expect(parts[0]?.body.toString()).toBe('{"statements":[]}')
    expect(parts[1]?.body.equals(binary)).toBe(true)
    expect(body.toString('latin1')).toMatch(
      new RegExp(`^--${boundary}\\r\\nContent-Type: application/json\\r\\n\\r\\n`),
    )
  })
})
