import { describe, expect, test } from 'vitest'
import { db, schema } from '#app/lib/db.server.ts'
import { parseMultipart } from '#app/lib/xapi/http/multipart.server.ts'
import {
  attachmentPart,
  multipartBody,
  sha256,
  signatureAttachment,
  signJws,
  type TestPart,
  x5cEntry,
} from '#tests/fixtures/xapi/signing.ts'
import { createStatement } from '#tests/statements.ts'
import { createClientAuth, xapiRequest } from '#tests/xapi.ts'
import { action, loader } from './xapi.statements.ts'

const context = { clientIp: null, cspNonce: '' }
const BOUNDARY = '-------314159265358979323846'

/** The 400 for a signature attachment that does not verify, saying why. */
const invalidSignature = (reason: string) => ({
  status: 400,
  body: { error: `statement.attachments[0] is not a valid signature: ${reason}` },
})

async function send(request: Request) {
  const method = request.method.toUpperCase()
  const handler = method === 'GET' || method === 'HEAD' ? loader : action
  return handler({ request, params: {}, context })
}

async function call(request: Request) {
  const response = await send(request)
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : null }
}

function multipartRequest(
  path: string,
  {
    body,
    authorization,
    method = 'POST',
    contentType = `multipart/mixed; boundary=${BOUNDARY}`,
  }: { body: Buffer; authorization: string; method?: string; contentType?: string },
) {
  return new Request(`http://localhost${path}`, {
    method,
    headers: { Authorization: authorization, 'X-Experience-API-Version': '1.0.3', 'Content-Type': contentType },
    body: Uint8Array.from(body),
  })
}

const post = (statements: unknown, parts: TestPart[], authorization: string) =>
  call(multipartRequest('/xapi/statements', { body: multipartBody(BOUNDARY, statements, parts), authorization }))

/** GET with attachments=true, parsed back into its JSON part and attachment parts. */
async function getWithAttachments(query: string, authorization: string) {
  const response = await send(xapiRequest(`/xapi/statements?${query}&attachments=true`, { authorization }))
  expect(response.status).toBe(200)
  const contentType = response.headers.get('Content-Type') ?? ''
  const boundary = /^multipart\/mixed; boundary=([0-9a-f]+)$/.exec(contentType)?.[1]
  expect(boundary, contentType).toBeTruthy()
  const [first, ...attachments] = parseMultipart(new Uint8Array(await response.arrayBuffer()), boundary ?? '')
  expect(first?.headers.get('content-type')).toBe('application/json')
  return { headers: response.headers, json: JSON.parse(first?.body.toString('utf8') ?? '') as unknown, attachments }
}

function anAttachment(content: string | Buffer, changes: Record<string, unknown> = {}) {
  return {
    usageType: 'http://example.test/attachment-usage/certificate',
    display: { 'en-GB': 'Certificate' },
    contentType: 'application/pdf',
    length: Buffer.byteLength(content),
    sha2: sha256(content),
    ...changes,
  }
}

async function storedAttachments(sha2: string) {
  const rows = await db().select().from(schema().xapiAttachments)
  return rows.filter((row) => row.sha2 === sha2)
}

// Bytes that a text round-trip would damage: NUL, high bytes, a CRLF and something that looks like a delimiter.
const pdf = Buffer.concat([
  Buffer.from('%PDF-1.7\r\n--'),
  Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0d, 0x0a]),
  Buffer.from(`--${BOUNDARY}x`),
])

describe('Statements with attachments', () => {
  test('a multipart POST stores the attachment; GET attachments=true returns it byte for byte', async () => {
    const { authorization } = await createClientAuth()
    const statement = createStatement({ attachments: [anAttachment(pdf)] })
    const posted = await post(statement, [attachmentPart(pdf, 'application/pdf')], authorization)
    expect(posted.status).toBe(200)
    const [id] = posted.body as string[]

    const single = await getWithAttachments(`statementId=${id}`, authorization)
    expect(single.json).toMatchObject({ id, attachments: [{ sha2: sha256(pdf), contentType: 'application/pdf' }] })
    expect(single.attachments).toHaveLength(1)
    const [part] = single.attachments
    expect(Object.fromEntries(part?.headers ?? [])).toEqual({
      'content-type': 'application/pdf',
      'content-transfer-encoding': 'binary',
      'x-experience-api-hash': sha256(pdf),
    })
    expect(part?.body.equals(pdf)).toBe(true)
    expect(single.headers.get('X-Experience-API-Consistent-Through')).toBeTruthy()
    expect(single.headers.get('Last-Modified')).toBeTruthy()
    expect(single.headers.get('X-Experience-API-Version')).toBe('1.0.3')

    const list = await getWithAttachments(
      `activity=${encodeURIComponent(String((statement.object as { id: string }).id))}`,
      authorization,
    )
    expect(list.json).toMatchObject({ statements: [{ id }], more: '' })
    expect(list.attachments.map((attachment) => attachment.body.equals(pdf))).toEqual([true])

    const plain = await call(xapiRequest(`/xapi/statements?statementId=${id}&attachments=false`, { authorization }))
    expect(plain.status).toBe(200)
    expect(plain.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(plain.body).toMatchObject({ id })
  })

  test('a PUT may be multipart too', async () => {
    const { authorization } = await createClientAuth()
    const id = 'a1b2c3d4-0000-4000-8000-00000000a77a'
    const content = 'here is a simple attachment'
    const body = multipartBody(
      BOUNDARY,
      createStatement({ attachments: [anAttachment(content, { contentType: 'text/plain' })] }),
      [attachmentPart(content)],
    )
    const put = await send(
      multipartRequest(`/xapi/statements?statementId=${id}`, { method: 'PUT', body, authorization }),
    )
    expect(put.status).toBe(204)
    const fetched = await getWithAttachments(`statementId=${id}`, authorization)
    expect(fetched.attachments.map((part) => part.body.toString())).toEqual([content])
  })

  test('content is stored once per SHA-2, and sent once however many statements carry it', async () => {
    const { authorization } = await createClientAuth()
    const content = Buffer.from('the same certificate, twice')
    const registration = '7d3f5f0e-2c1b-4a3e-9f00-0000000000d1'
    const withIt = () => createStatement({ attachments: [anAttachment(content)], context: { registration } })
    expect((await post([withIt(), withIt()], [attachmentPart(content, 'application/pdf')], authorization)).status).toBe(
      200,
    )
    expect((await post(withIt(), [attachmentPart(content, 'application/pdf')], authorization)).status).toBe(200)
    expect(await storedAttachments(sha256(content))).toHaveLength(1)

    const list = await getWithAttachments(`registration=${registration}`, authorization)
    expect((list.json as { statements: unknown[] }).statements).toHaveLength(3)
    expect(list.attachments).toHaveLength(1)
    expect(list.attachments[0]?.body.equals(content)).toBe(true)
  })

  test('an attachment with a fileUrl needs no part: application/json is enough, and GET sends no content for it', async () => {
    const { authorization } = await createClientAuth()
    const attachment = anAttachment('held elsewhere', { fileUrl: 'https://files.example.test/certificate.pdf' })
    const posted = await call(
      xapiRequest('/xapi/statements', {
        method: 'POST',
        body: createStatement({ attachments: [attachment] }),
        authorization,
      }),
    )
    expect(posted.status).toBe(200)
    const [id] = posted.body as string[]
    const fetched = await getWithAttachments(`statementId=${id}`, authorization)
    expect(fetched.json).toMatchObject({ id, attachments: [attachment] })
    expect(fetched.attachments).toEqual([])

    // multipart/mixed with no attachment parts at all is fine too.
    const multipart = await post(createStatement({ attachments: [attachment] }), [], authorization)
    expect(multipart.status).toBe(200)
  })

  test('an attachment with a fileUrl and a part: the part is kept', async () => {
    const { authorization } = await createClientAuth()
    const content = 'both a fileUrl and the content'
    const statement = createStatement({
      attachments: [anAttachment(content, { fileUrl: 'https://files.example.test/a.txt' })],
    })
    const [id] = (await post(statement, [attachmentPart(content)], authorization)).body as string[]
    const fetched = await getWithAttachments(`statementId=${id}`, authorization)
    expect(fetched.attachments.map((part) => part.body.toString())).toEqual([content])
  })

  test('application/json with an attachment that has no fileUrl is a 400', async () => {
    const { authorization } = await createClientAuth()
    const rejected = await call(
      xapiRequest('/xapi/statements', {
        method: 'POST',
        body: [createStatement(), createStatement({ attachments: [anAttachment('x')] })],
        authorization,
      }),
    )
    expect(rejected).toMatchObject({
      status: 400,
      body: {
        error:
          'statements[1].attachments[0] has no fileUrl: send its content as a part of a multipart/mixed request, or give a fileUrl',
      },
    })
  })

  test('a part whose content does not match its X-Experience-API-Hash is a 400 and nothing is stored', async () => {
    const { authorization } = await createClientAuth()
    const id = 'a1b2c3d4-0000-4000-8000-0000000000b1'
    const claimed = sha256('what was promised')
    const part = {
      ...attachmentPart('what was sent'),
      headers: { ...attachmentPart('').headers, 'X-Experience-API-Hash': claimed },
    }
    const rejected = await post(
      createStatement({ id, attachments: [anAttachment('what was promised')] }),
      [part],
      authorization,
    )
    expect(rejected).toMatchObject({
      status: 400,
      body: {
        error: `multipart part 2: the SHA-256 of its content is ${sha256(
          'what was sent',
        )}, not ${claimed} as its X-Experience-API-Hash header says`,
      },
    })
    expect((await call(xapiRequest(`/xapi/statements?statementId=${id}`, { authorization }))).status).toBe(404)
    expect(await storedAttachments(claimed)).toEqual([])
  })

  test('a missing part, an extra part, a missing hash header or a non-binary encoding is a 400', async () => {
    const { authorization } = await createClientAuth()
    const one = 'first attachment'
    const two = 'second attachment'
    const statement = createStatement({ attachments: [anAttachment(one), anAttachment(two)] })

    const missing = await post(statement, [attachmentPart(one)], authorization)
    expect(missing).toMatchObject({
      status: 400,
      body: {
        error: `statement.attachments[1] has no fileUrl and no multipart part has X-Experience-API-Hash ${sha256(two)}`,
      },
    })

    const extra = await post(
      statement,
      [attachmentPart(one), attachmentPart(two), attachmentPart('not referenced')],
      authorization,
    )
    expect(extra).toMatchObject({
      status: 400,
      body: {
        error: `multipart part 4 (X-Experience-API-Hash ${sha256(
          'not referenced',
        )}) is not an attachment of any statement`,
      },
    })

    const noHash = await post(
      statement,
      [
        attachmentPart(one),
        { headers: { 'Content-Type': 'text/plain', 'Content-Transfer-Encoding': 'binary' }, body: two },
      ],
      authorization,
    )
    expect(noHash).toMatchObject({
      status: 400,
      body: { error: 'multipart part 3 has no X-Experience-API-Hash header' },
    })

    const base64 = {
      ...attachmentPart(two),
      headers: { ...attachmentPart(two).headers, 'Content-Transfer-Encoding': 'base64' },
    }
    const encoded = await post(statement, [attachmentPart(one), base64], authorization)
    expect(encoded).toMatchObject({
      status: 400,
      body: { error: 'multipart part 3 must have Content-Transfer-Encoding: binary, not base64' },
    })
  })

  test('malformed multipart requests are 400s', async () => {
    const { authorization } = await createClientAuth()
    const content = 'an attachment'
    const statement = createStatement({ attachments: [anAttachment(content)] })
    const body = multipartBody(BOUNDARY, statement, [attachmentPart(content)])
    const withType = async (contentType: string, payload = body) =>
      call(multipartRequest('/xapi/statements', { body: payload, authorization, contentType }))

    expect(await withType('multipart/mixed;')).toMatchObject({
      status: 400,
      body: { error: 'the multipart/mixed Content-Type header needs a boundary parameter' },
    })
    expect((await withType(`multipart/form-data; boundary=${BOUNDARY}`)).status).toBe(400)
    const notJsonFirst = Buffer.from(
      body.toString('latin1').replace('Content-Type: application/json', 'Content-Type: text/plain'),
      'latin1',
    )
    expect(await withType(`multipart/mixed; boundary=${BOUNDARY}`, notJsonFirst)).toMatchObject({
      status: 400,
      body: {
        error: 'the first part of a multipart/mixed statements request must have Content-Type: application/json',
      },
    })
    const unterminated = body.subarray(0, body.lastIndexOf(`--${BOUNDARY}--`))
    expect(await withType(`multipart/mixed; boundary=${BOUNDARY}`, unterminated)).toMatchObject({
      status: 400,
      body: { error: `the multipart body does not end with the close delimiter --${BOUNDARY}--` },
    })
  })

  test('the body the conformance suite builds for a signed statement is accepted (leading CRLF, no space after colons, quoted boundary)', async () => {
    const { authorization } = await createClientAuth()
    const id = 'a1b2c3d4-0000-4000-8000-0000000000c1'
    const statement = createStatement({ id })
    const jws = signJws({ payload: statement, header: { alg: 'RS256' } })
    const signed = { ...statement, attachments: [signatureAttachment(jws)] }
    const body = Buffer.from(
      `\r\n--${BOUNDARY}\r\nContent-Type:application/json\r\n\r\n${JSON.stringify(
        signed,
      )}\r\n--${BOUNDARY}\r\nContent-Type:application/octet-stream\r\n` +
        `Content-Transfer-Encoding:binary\r\nX-Experience-API-Hash:${sha256(jws)}\r\n\r\n${jws}\r\n--${BOUNDARY}--`,
    )
    const posted = await call(
      multipartRequest('/xapi/statements', {
        body,
        authorization,
        contentType: `multipart/mixed; boundary="${BOUNDARY}"`,
      }),
    )
    expect(posted).toMatchObject({ status: 200, body: [id] })
  })

  test('a batch that fails stores none of its attachments', async () => {
    const { authorization } = await createClientAuth()
    const id = 'a1b2c3d4-0000-4000-8000-0000000000d2'
    expect(
      (
        await call(
          xapiRequest(`/xapi/statements?statementId=${id}`, { method: 'PUT', body: createStatement(), authorization }),
        )
      ).status,
    ).toBe(204)
    const content = 'sent with a conflicting statement'
    const conflict = await post(
      createStatement({ id, attachments: [anAttachment(content)] }),
      [attachmentPart(content)],
      authorization,
    )
    expect(conflict.status).toBe(409)
    expect(await storedAttachments(sha256(content))).toEqual([])
  })
})

describe('Signed statements', () => {
  const signedPost = (
    statement: Record<string, unknown>,
    jws: string,
    authorization: string,
    attachmentChanges: Record<string, unknown> = {},
  ) =>
    post(
      { ...statement, attachments: [signatureAttachment(jws, attachmentChanges)] },
      [attachmentPart(jws, String(attachmentChanges.contentType ?? 'application/octet-stream'))],
      authorization,
    )

  test('a statement signed with RS256/RS384/RS512 and an x5c certificate is stored with its signature', async () => {
    const { authorization } = await createClientAuth()
    for (const alg of ['RS256', 'RS384', 'RS512']) {
      const statement = createStatement({ timestamp: '2026-11-26T10:00:00Z' })
      const jws = signJws({ payload: statement, header: { alg, x5c: [x5cEntry] } })
      const posted = await signedPost(statement, jws, authorization)
      expect(posted.status, JSON.stringify(posted.body)).toBe(200)
      const [id] = posted.body as string[]
      const fetched = await getWithAttachments(`statementId=${id}`, authorization)
      expect(fetched.attachments.map((part) => part.body.toString())).toEqual([jws])
    }
  })

  test('a tampered payload is a 400 naming the difference', async () => {
    const { authorization } = await createClientAuth()
    const statement = createStatement()
    const jws = signJws({ payload: statement })
    const tampered = { ...statement, verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } }
    expect(await signedPost(tampered, jws, authorization)).toMatchObject(
      invalidSignature('its JWS payload does not match the statement (they differ at statement.verb.id)'),
    )
  })

  test('another algorithm, a broken JWS or a signature that is not application/octet-stream is a 400', async () => {
    const { authorization } = await createClientAuth()
    const statement = createStatement()
    expect(
      await signedPost(statement, signJws({ payload: statement, header: { alg: 'HS256' } }), authorization),
    ).toMatchObject(invalidSignature('its JWS algorithm is HS256; it must be RS256, RS384 or RS512'))
    const broken = signJws({ payload: JSON.stringify(statement).replace('"', "'") })
    expect(await signedPost(statement, broken, authorization)).toMatchObject(
      invalidSignature('its JWS payload is not a JSON serialization of a statement'),
    )
    expect(
      await signedPost(statement, signJws({ payload: statement }), authorization, {
        contentType: 'text/plain; charset=ascii',
      }),
    ).toMatchObject({
      status: 400,
      body: {
        error:
          'statement.attachments[0].contentType must be application/octet-stream for a signature (usageType http://adlnet.gov/expapi/attachments/signature)',
      },
    })
  })

  test('a signature sent only by fileUrl cannot be checked, so it is a 400', async () => {
    const { authorization } = await createClientAuth()
    const statement = createStatement()
    const jws = signJws({ payload: statement })
    const body = {
      ...statement,
      attachments: [signatureAttachment(jws, { fileUrl: 'https://files.example.test/signature.jws' })],
    }
    const rejected = await call(xapiRequest('/xapi/statements', { method: 'POST', body, authorization }))
    expect(rejected).toMatchObject({
      status: 400,
      body: {
        error:
          'statement.attachments[0] is a signature, so its JWS must be sent as a part of a multipart/mixed request for the LRS to check it',
      },
    })
  })
})
