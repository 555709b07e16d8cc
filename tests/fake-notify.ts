import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { type AddressInfo } from 'node:net'

// A local stand-in for GOV.UK Notify's email endpoint that checks what Notify checks, by itself: the bearer JWT
// (HS256 with the key's secret, issued by the service, within 30 seconds of now), the template, the address and
// every placeholder. Answers in Notify's shapes, so the real client is tested, not a mock of it.

export interface FakeNotifyOptions {
  serviceId: string
  /** The secret half of the API key (its last UUID). */
  secret: string
  /** The service's email templates: id → the placeholders its subject and body use. */
  templates: Record<string, readonly string[]>
}

export interface ReceivedEmail {
  templateId: string
  emailAddress: string
  personalisation: Record<string, unknown>
  reference?: string
  oneClickUnsubscribeUrl?: string
}

export interface FakeNotify {
  /** For NOTIFY_BASE_URL. */
  baseUrl: string
  /** Every email Notify accepted. */
  accepted: ReceivedEmail[]
  /** Answers the next request with this status (429 or 5xx) after checking its token, as a busy Notify would. */
  failNext(status: number): void
  close(): Promise<void>
}

const CLOCK_TOLERANCE_SECONDS = 30

export async function startFakeNotify(options: FakeNotifyOptions): Promise<FakeNotify> {
  const accepted: ReceivedEmail[] = []
  const failures: number[] = []
  let baseUrl = ''

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => reply(response, 500, 'Exception', String(error)))
  })

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const authError = checkToken(request.headers.authorization, options)
    if (authError) return reply(response, authError.status, 'AuthError', authError.message)
    const failure = failures.shift()
    if (failure === 429) return reply(response, 429, 'RateLimitError', 'Too many requests for this API key')
    if (failure) return reply(response, failure, 'Exception', 'Internal server error')
    if (request.method !== 'POST' || request.url !== '/v2/notifications/email') {
      return reply(response, 404, 'ResourceNotFound', 'No such endpoint')
    }

    const body = await readJson(request)
    if (!body) return reply(response, 400, 'BadRequestError', 'The request body must be JSON')
    const templateId = typeof body['template_id'] === 'string' ? body['template_id'] : ''
    const placeholders = options.templates[templateId]
    if (!placeholders) return reply(response, 400, 'BadRequestError', 'Template not found')
    const emailAddress = body['email_address']
    if (typeof emailAddress !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(emailAddress)) {
      return reply(response, 400, 'ValidationError', 'email_address Not a valid email address')
    }
    const personalisation = (body['personalisation'] ?? {}) as Record<string, unknown>
    const missing = placeholders.filter((name) => !(name in personalisation))
    if (missing.length > 0) {
      return reply(response, 400, 'BadRequestError', `Missing personalisation: ${missing.join(', ')}`)
    }
    const reference = typeof body['reference'] === 'string' ? body['reference'] : undefined
    const unsubscribe = body['one_click_unsubscribe_url']
    const oneClickUnsubscribeUrl = typeof unsubscribe === 'string' ? unsubscribe : undefined
    accepted.push({ templateId, emailAddress, personalisation, reference, oneClickUnsubscribeUrl })

    const id = randomUUID()
    send(response, 201, {
      id,
      reference: reference ?? null,
      content: {
        subject: `Template ${templateId}`,
        body: placeholders.map((name) => `${name}: ${JSON.stringify(personalisation[name])}`).join('\n'),
        from_email: 'digital.skills@notifications.service.gov.uk',
        one_click_unsubscribe_url: oneClickUnsubscribeUrl ?? null,
      },
      uri: `${baseUrl}/v2/notifications/${id}`,
      template: { id: templateId, version: 1, uri: `${baseUrl}/services/${options.serviceId}/templates/${templateId}` },
    })
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`

  return {
    baseUrl,
    accepted,
    failNext: (status) => failures.push(status),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** Checks the bearer token as Notify does; says why it is refused, or undefined when it is good. */
export function checkToken(
  authorization: string | undefined,
  { serviceId, secret }: Pick<FakeNotifyOptions, 'serviceId' | 'secret'>,
  nowSeconds = Date.now() / 1000,
): { status: number; message: string } | undefined {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1]
  if (!token) return { status: 401, message: 'Unauthorized: a bearer token must be provided' }
  const [header, payload, signature] = token.split('.')
  if (!header || !payload || !signature) return { status: 403, message: 'Invalid token: not a JWT' }
  const parsedHeader = decodeJson(header)
  if (parsedHeader?.['alg'] !== 'HS256') return { status: 403, message: 'Invalid token: must be signed with HS256' }
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest()
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { status: 403, message: 'Invalid token: signature does not match an API key of this service' }
  }
  const claims = decodeJson(payload)
  if (claims?.['iss'] !== serviceId) return { status: 403, message: 'Invalid token: service not found' }
  const issuedAt = claims['iat']
  if (typeof issuedAt !== 'number' || Math.abs(nowSeconds - issuedAt) > CLOCK_TOLERANCE_SECONDS) {
    return { status: 403, message: 'Invalid token: the clock must be accurate to within 30 seconds' }
  }
  return undefined
}

/** A token as a Notify client makes one, for tests that speak to the fake directly. */
export function signToken(serviceId: string, secret: string, issuedAtSeconds = Math.round(Date.now() / 1000)) {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const unsigned = `${encode({ typ: 'JWT', alg: 'HS256' })}.${encode({ iss: serviceId, iat: issuedAtSeconds })}`
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  return parseObject(Buffer.from(part, 'base64url').toString('utf8'))
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return parseObject(Buffer.concat(chunks).toString('utf8'))
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

// Notify's error body: { status_code, errors: [{ error, message }] }.
function reply(response: ServerResponse, status: number, error: string, message: string) {
  send(response, status, { status_code: status, errors: [{ error, message }] })
}

function send(response: ServerResponse, status: number, body: object) {
  response.writeHead(status, { 'Content-Type': 'application/json' })
  response.end(JSON.stringify(body))
}
