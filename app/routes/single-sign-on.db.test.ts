import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { validateSessionToken } from '#app/lib/auth/session.server.ts'
import { suspendPeople } from '#app/lib/people/suspension.server.ts'
import { createOrg, createTeam, createUser, type TestOrg } from '#tests/factories.ts'
import { CookieJar, signInAtProvider } from '#tests/oidc-browser.ts'
import {
  objectIdFor,
  OTHER_TENANT,
  startTestProvider,
  type TestAccountClaims,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
  type TestProvider,
} from '#tests/oidc-provider.ts'
import { loadContext } from '#tests/requests.ts'
import { auditRows, identityRows, membershipRows, userRow, usersWithEmail } from '#tests/sso-rows.ts'

// Signing in through a real OpenID provider (oidc-provider, in this process, on a free port) from start to end:
// the sign-in button's post, the provider's own login and consent pages, the callback, the session. The provider
// plays Microsoft Entra ID (tid and oid claims). Each "app instance" is the app's modules loaded afresh (no memory
// shared with another instance) against the same database, as several instances behind a load balancer are.

const APP = 'http://localhost:3000'
const CALLBACK = `${APP}/auth/nhsmail/callback`
/** The test provider's ID tokens last this long; the relying party allows 30 seconds of clock difference. */
const ID_TOKEN_TTL_SECONDS = 60

let provider: TestProvider

beforeAll(async () => {
  provider = await startTestProvider({ appUrl: APP, idTokenTtlSeconds: ID_TOKEN_TTL_SECONDS })
  Object.assign(process.env, {
    SSO_PROVIDERS: 'nhsmail,trust-okta',
    SSO_NHSMAIL_TYPE: 'entra',
    SSO_NHSMAIL_ISSUER: provider.issuer,
    SSO_NHSMAIL_CLIENT_ID: TEST_CLIENT_ID,
    SSO_NHSMAIL_CLIENT_SECRET: TEST_CLIENT_SECRET,
    // A second provider, by configuration alone: any OpenID Connect provider (here the same test server).
    SSO_TRUST_OKTA_ISSUER: provider.issuer,
    SSO_TRUST_OKTA_NAME: 'Trust sign-in',
    SSO_TRUST_OKTA_CLIENT_ID: TEST_CLIENT_ID,
    SSO_TRUST_OKTA_CLIENT_SECRET: TEST_CLIENT_SECRET,
    TEST_CLOCK: 'on',
  })
})

afterAll(async () => {
  await provider.close()
  for (const name of [
    'SSO_PROVIDERS',
    'SSO_NHSMAIL_TYPE',
    'SSO_NHSMAIL_ISSUER',
    'SSO_NHSMAIL_CLIENT_ID',
    'SSO_NHSMAIL_CLIENT_SECRET',
    'SSO_TRUST_OKTA_ISSUER',
    'SSO_TRUST_OKTA_NAME',
    'SSO_TRUST_OKTA_CLIENT_ID',
    'SSO_TRUST_OKTA_CLIENT_SECRET',
    'TEST_CLOCK',
  ])
    delete process.env[name]
})

/** One app instance: its modules loaded afresh, reading the environment and sharing only the database. */
async function appInstance() {
  vi.resetModules()
  const [start, callback, logout, signedOut, login, settings, stateCookie] = await Promise.all([
    import('./auth.$provider.tsx'),
    import('./auth.$provider_.callback.tsx'),
    import('./logout.tsx'),
    import('./signed-out.tsx'),
    import('./login.tsx'),
    import('#app/lib/sso/sign-in-settings.server.ts'),
    import('#app/lib/sso/state-cookie.server.ts'),
  ])
  return { start, callback, logout, signedOut, login, settings, stateCookie }
}

type App = Awaited<ReturnType<typeof appInstance>>

let app: App
beforeAll(async () => {
  app = await appInstance()
})

const cookieValue = (setCookies: string[], name: string) =>
  setCookies
    .find((line) => line.startsWith(`${name}=`))
    ?.split(';')[0]
    ?.slice(name.length + 1) ?? null

/** The sign-in button: returns where the browser is sent and the state cookie it carries. */
async function pressSignIn(instance: App, { shared = false, redirectTo = '/', with: id = 'nhsmail' } = {}) {
  const body = new URLSearchParams({ redirectTo })
  if (shared) body.set('shared', 'yes')
  const request = new Request(`${APP}/auth/${id}`, { method: 'POST', body })
  const response = await instance.start.action({ request, params: { provider: id }, context: loadContext })
  expect(response.status).toBe(302)
  const stateCookie = cookieValue(response.headers.getSetCookie(), 'sso_state')
  if (!stateCookie) throw new Error('no state cookie')
  return { authorizationUrl: response.headers.get('Location') ?? '', stateCookie }
}

/** The provider sends the browser back here: what the app answers. */
async function returnFromProvider(
  instance: App,
  {
    callbackUrl,
    stateCookie,
    clockMs = 0,
    with: id = 'nhsmail',
  }: { callbackUrl: string; stateCookie: string; clockMs?: number; with?: string },
) {
  const cookies = [`sso_state=${stateCookie}`]
  if (clockMs) cookies.push(`test_clock=${clockMs}`)
  const request = new Request(callbackUrl, { headers: { Cookie: cookies.join('; ') } })
  const answer = await instance.callback.loader({ request, params: { provider: id }, context: loadContext })
  if (!('data' in answer)) {
    const setCookies = answer.headers.getSetCookie()
    return {
      status: answer.status,
      location: answer.headers.get('Location'),
      session: cookieValue(setCookies, 'session'),
      setCookies,
      refusal: null,
    }
  }
  return { status: answer.init?.status, location: null, session: null, setCookies: [], refusal: answer.data }
}

/** The whole journey, as `login` at the provider. */
async function signInAs(
  login: string,
  options: { shared?: boolean; finishOn?: App; clockMs?: number; with?: string } = {},
) {
  const { authorizationUrl, stateCookie } = await pressSignIn(app, options)
  const callbackUrl = await signInAtProvider({
    authorizationUrl,
    login,
    callbackPrefix: `${APP}/auth/${options.with ?? 'nhsmail'}/callback`,
    jar: new CookieJar(),
  })
  return returnFromProvider(options.finishOn ?? app, {
    callbackUrl,
    stateCookie,
    clockMs: options.clockMs,
    with: options.with,
  })
}

async function signedInUser(session: string | null) {
  return session ? ((await validateSessionToken({ token: session }))?.user.id ?? null) : null
}

const identitiesOf = identityRows

interface TrustOptions {
  /** The tenant it trusts: by default one of its own, so that tests sharing this file's database stay apart. */
  tenant?: string
  emailDomains?: string[]
  createUnknown?: boolean
  methods?: 'password' | 'sso' | 'both'
  helpContact?: string
}

/** An organisation that uses NHSmail sign-in (or not: methods), trusting one tenant. */
async function trustedOrganisation({
  tenant = randomUUID(),
  emailDomains = [],
  createUnknown = false,
  methods = 'both',
  helpContact = '',
}: TrustOptions = {}) {
  const org = await createOrg()
  const admin = await createUser({ isAdmin: true })
  await app.settings.saveSignInSettings({
    actor: { id: admin.id, name: admin.name, isAdmin: true },
    unitId: org.organisation.id,
    form: {
      methods,
      providers: ['nhsmail'],
      tenantIds: [tenant],
      emailDomains,
      createUnknown: createUnknown ? 'yes' : 'no',
      helpContact,
    },
  })
  return { org, tenant }
}

async function personIn(org: TestOrg) {
  return createUser({ team: await createTeam({ under: org.directorate }) })
}

/** An account at the provider: by default in `tenant`, with the login name as its verified email address. */
function atProvider(login: string, tenant: string, claims: TestAccountClaims = {}) {
  provider.accounts.set(login, {
    tid: tenant,
    oid: objectIdFor(login),
    email: login,
    email_verified: true,
    ...claims,
  })
  return login
}

/** Someone in an organisation that trusts a tenant of its own, with a verified account there of the same email. */
async function personInTrustedOrganisation(options: TrustOptions = {}) {
  const { org, tenant } = await trustedOrganisation(options)
  const person = await personIn(org)
  atProvider(person.email, tenant)
  return { org, tenant, person }
}

describe('signing in through the OpenID provider', () => {
  test('an imported person signs in, is linked by their verified work email, and lands where they were going', async () => {
    const { person, tenant } = await personInTrustedOrganisation()
    const { authorizationUrl, stateCookie } = await pressSignIn(app, { redirectTo: '/modules' })
    const authorization = new URL(authorizationUrl)
    expect(authorization.origin).toBe(provider.issuer)
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorization.searchParams.get('nonce')).toBeTruthy()
    const callbackUrl = await signInAtProvider({ authorizationUrl, login: person.email, callbackPrefix: CALLBACK })
    const answer = await returnFromProvider(app, { callbackUrl, stateCookie })
    expect(answer).toMatchObject({ status: 302, location: '/modules' })
    expect(await signedInUser(answer.session)).toBe(person.id)
    // The state cookie is forgotten with the answer: a callback address works once.
    expect(answer.setCookies).toContainEqual(expect.stringMatching(/^sso_state=; .*Max-Age=0/))

    const [identity, ...more] = await identitiesOf(person.id)
    expect(more).toEqual([])
    expect(identity).toMatchObject({ provider: 'nhsmail', issuer: tenant, email: person.email })
    const [linked] = await auditRows({ subjectId: person.id, action: 'person.sso-linked' })
    expect(linked?.after).toMatchObject({ signInService: 'NHSmail / Microsoft', email: person.email })

    // The next time, the link is what counts.
    const again = await signInAs(person.email)
    expect(await signedInUser(again.session)).toBe(person.id)
    expect(await identitiesOf(person.id)).toHaveLength(1)
  })

  test('a replayed authorisation code signs nobody in', async () => {
    const { person } = await personInTrustedOrganisation()
    const { authorizationUrl, stateCookie } = await pressSignIn(app)
    const callbackUrl = await signInAtProvider({ authorizationUrl, login: person.email, callbackPrefix: CALLBACK })
    const first = await returnFromProvider(app, { callbackUrl, stateCookie })
    expect(await signedInUser(first.session)).toBe(person.id)
    // The same address with the same cookie again, as someone who copied both would send it.
    const replay = await returnFromProvider(app, { callbackUrl, stateCookie })
    expect(replay).toMatchObject({ status: 400, session: null, refusal: { kind: 'failed' } })
  })

  test('a tampered state, or a tampered state cookie, signs nobody in', async () => {
    const { person } = await personInTrustedOrganisation()
    const { authorizationUrl, stateCookie } = await pressSignIn(app)
    const callbackUrl = new URL(
      await signInAtProvider({ authorizationUrl, login: person.email, callbackPrefix: CALLBACK }),
    )
    const otherState = new URL(callbackUrl)
    otherState.searchParams.set('state', 'someone-elses-state')
    expect(await returnFromProvider(app, { callbackUrl: otherState.href, stateCookie })).toMatchObject({
      status: 400,
      session: null,
      refusal: { kind: 'failed' },
    })
    const [payload, signature] = stateCookie.split('.')
    const forged = `${payload}.${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}`
    expect(await returnFromProvider(app, { callbackUrl: callbackUrl.href, stateCookie: forged })).toMatchObject({
      status: 400,
      session: null,
    })
    expect(await returnFromProvider(app, { callbackUrl: callbackUrl.href, stateCookie: '' })).toMatchObject({
      status: 400,
      session: null,
    })
  })

  test('an ID token with another nonce than this browser’s signs nobody in', async () => {
    const { person } = await personInTrustedOrganisation()
    const { authorizationUrl, stateCookie } = await pressSignIn(app)
    const callbackUrl = await signInAtProvider({ authorizationUrl, login: person.email, callbackPrefix: CALLBACK })
    // A cookie signed with the app's own key, right in every way but the nonce.
    const now = new Date()
    const remembered = app.stateCookie.readStateCookie({
      request: new Request(APP, { headers: { Cookie: `sso_state=${stateCookie}` } }),
      provider: 'nhsmail',
      now,
    })
    if (!remembered.ok) throw new Error('the state cookie did not read back')
    const otherNonce = app.stateCookie.writeStateCookie({ ...remembered.state, nonce: 'a-different-nonce' })
    const answer = await returnFromProvider(app, {
      callbackUrl,
      stateCookie: cookieValue([otherNonce], 'sso_state') ?? '',
    })
    expect(answer).toMatchObject({ status: 400, session: null, refusal: { kind: 'failed' } })
    expect(await identitiesOf(person.id)).toEqual([])
  })

  test('an expired ID token signs nobody in', async () => {
    const { person } = await personInTrustedOrganisation()
    // The callback is answered when the token is past its expiry and the 30 seconds' allowance.
    const expired = await signInAs(person.email, { clockMs: (ID_TOKEN_TTL_SECONDS + 31) * 1000 })
    expect(expired).toMatchObject({ status: 400, session: null, refusal: { kind: 'failed' } })
    expect(await identitiesOf(person.id)).toEqual([])
  })

  test('a validly signed token from a tenant no organisation trusts is refused', async () => {
    const { person } = await personInTrustedOrganisation({ createUnknown: true })
    const answer = await signInAs(atProvider(`elsewhere.${person.id}`, OTHER_TENANT, { email: person.email }))
    expect(answer).toMatchObject({ status: 403, session: null, refusal: { kind: 'not-trusted' } })
    expect(await identitiesOf(person.id)).toEqual([])
  })

  test('a second account with the same email cannot take over an account linked to another', async () => {
    const { person, tenant } = await personInTrustedOrganisation({ createUnknown: true })
    expect(await signedInUser((await signInAs(person.email)).session)).toBe(person.id)
    const impostor = atProvider(`impostor.${person.id}`, tenant, { email: person.email, name: 'Someone Else' })
    const answer = await signInAs(impostor)
    expect(answer).toMatchObject({ status: 403, session: null, refusal: { kind: 'already-linked' } })
    expect(await identitiesOf(person.id)).toHaveLength(1)
    // Nobody was added for the impostor either, although the organisation adds unknown people.
    expect(await usersWithEmail(person.email)).toHaveLength(1)
  })

  test('when the provider changes the person’s email, they are still the same account', async () => {
    const { person, tenant } = await personInTrustedOrganisation({ createUnknown: true })
    const login = atProvider(`mover.${person.id}`, tenant, { email: person.email })
    expect(await signedInUser((await signInAs(login)).session)).toBe(person.id)
    atProvider(login, tenant, { email: 'new.name@example.test' })
    const answer = await signInAs(login)
    expect(await signedInUser(answer.session)).toBe(person.id)
    const [identity] = await identitiesOf(person.id)
    expect(identity?.email).toBe('new.name@example.test')
    expect((await userRow(person.id))?.email).toBe(person.email)
  })

  test('a suspended person is refused, before and after their account is linked', async () => {
    const { person } = await personInTrustedOrganisation({ helpContact: 'the IT service desk on 01234 567890' })
    const { person: linkedLater } = await personInTrustedOrganisation()
    await suspendPeople({ userIds: [person.id], by: 'admin', actor: { id: null, name: 'Test' } })
    const first = await signInAs(person.email)
    expect(first).toMatchObject({ status: 403, session: null, refusal: { kind: 'suspended' } })
    expect(first.refusal?.contacts).toEqual([
      { organisation: expect.any(String), helpContact: 'the IT service desk on 01234 567890' },
    ])
    expect(await identitiesOf(person.id)).toEqual([])

    expect(await signedInUser((await signInAs(linkedLater.email)).session)).toBe(linkedLater.id)
    await suspendPeople({ userIds: [linkedLater.id], by: 'admin', actor: { id: null, name: 'Test' } })
    expect(await signInAs(linkedLater.email)).toMatchObject({ status: 403, refusal: { kind: 'suspended' } })
  })

  test('a callback answered by a second app instance signs the person in', async () => {
    const { person } = await personInTrustedOrganisation()
    const second = await appInstance()
    expect(second.callback).not.toBe(app.callback)
    const answer = await signInAs(person.email, { finishOn: second })
    expect(answer).toMatchObject({ status: 302, location: '/' })
    expect(await signedInUser(answer.session)).toBe(person.id)
  })
})

describe('who may be linked or added', () => {
  test('someone unknown is refused with whom to contact', async () => {
    const { tenant } = await trustedOrganisation({ helpContact: 'the digital learning team at learning@example.test' })
    const answer = await signInAs(atProvider('nobody.here@example.test', tenant))
    expect(answer).toMatchObject({
      status: 403,
      session: null,
      refusal: { kind: 'unknown', email: 'nobody.here@example.test' },
    })
    expect(answer.refusal?.contacts).toEqual([
      { organisation: expect.any(String), helpContact: 'the digital learning team at learning@example.test' },
    ])
    // Still signed in at the provider: the page offers its sign-out, so the next person on the computer is not them.
    const endSession = new URL(answer.refusal?.providerSignOut ?? '')
    expect(endSession.origin).toBe(provider.issuer)
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${APP}/login`)
  })

  test('where the organisation allows it, someone unknown is added, unplaced, and the audit log says how', async () => {
    const { tenant } = await trustedOrganisation({ createUnknown: true })
    const answer = await signInAs(atProvider('new.starter@example.test', tenant, { name: 'Nell Newcomer' }))
    const userId = await signedInUser(answer.session)
    expect(userId).toBeTruthy()
    expect(await userRow(userId ?? '')).toMatchObject({
      name: 'Nell Newcomer',
      email: 'new.starter@example.test',
      passwordHash: null,
    })
    expect(await membershipRows(userId ?? '')).toEqual([])
    const audit = await auditRows({ subjectId: userId ?? '', action: 'person.created' })
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      actorName: 'NHSmail / Microsoft sign-in',
      after: { signInService: 'NHSmail / Microsoft' },
    })
    expect(await auditRows({ subjectId: userId ?? '', action: 'person.sso-linked' })).toEqual([])
  })

  test('an email the provider does not vouch for links nobody, unless its domain is listed', async () => {
    const unvouched = await personInTrustedOrganisation()
    atProvider(unvouched.person.email, unvouched.tenant, { email_verified: false })
    expect(await signInAs(unvouched.person.email)).toMatchObject({ status: 403, refusal: { kind: 'unknown' } })
    expect(await identitiesOf(unvouched.person.id)).toEqual([])

    // Entra sends no email_verified; the sign-in name in a domain the organisation lists is enough.
    const listed = await personInTrustedOrganisation({ emailDomains: ['example.test'] })
    atProvider(listed.person.email, listed.tenant, {
      email: undefined,
      email_verified: undefined,
      preferred_username: listed.person.email,
    })
    expect(await signedInUser((await signInAs(listed.person.email)).session)).toBe(listed.person.id)
  })

  test('a person whose organisation uses passwords only is refused, and told to use their password', async () => {
    const { person, tenant } = await personInTrustedOrganisation({ methods: 'password' })
    expect(await signInAs(person.email)).toMatchObject({ status: 403, refusal: { kind: 'not-trusted' } })
    // Another organisation trusting the same tenant (NHSmail is one tenant for many) does not let them in.
    await trustedOrganisation({ tenant })
    expect(await signInAs(person.email)).toMatchObject({ status: 403, refusal: { kind: 'not-allowed' } })
    expect(await identitiesOf(person.id)).toEqual([])
  })
})

describe('a second provider, added by configuration alone', () => {
  test('signs people in with the issuer and subject as the key, for organisations that tick it', async () => {
    const org = await createOrg()
    const admin = await createUser({ isAdmin: true })
    await app.settings.saveSignInSettings({
      actor: { id: admin.id, name: admin.name, isAdmin: true },
      unitId: org.organisation.id,
      form: {
        methods: 'both',
        providers: ['trust-okta'],
        tenantIds: [],
        emailDomains: [],
        createUnknown: 'no',
        helpContact: '',
      },
    })
    const person = await personIn(org)
    const login = atProvider(person.email, randomUUID())
    const answer = await signInAs(login, { with: 'trust-okta' })
    expect(await signedInUser(answer.session)).toBe(person.id)
    expect(await identitiesOf(person.id)).toMatchObject([
      { provider: 'trust-okta', issuer: provider.issuer, subject: login },
    ])
    // The organisation did not tick NHSmail: the same account through it is not trusted.
    expect(await signInAs(login)).toMatchObject({ status: 403, refusal: { kind: 'not-trusted' } })
  })
})

describe('sessions started through the provider', () => {
  test('on a shared computer: the provider is asked to check who it is, and the session ends after 15 idle minutes', async () => {
    const { person } = await personInTrustedOrganisation()
    const { authorizationUrl, stateCookie } = await pressSignIn(app, { shared: true })
    expect(new URL(authorizationUrl).searchParams.get('prompt')).toBe('login')
    const callbackUrl = await signInAtProvider({ authorizationUrl, login: person.email, callbackPrefix: CALLBACK })
    const answer = await returnFromProvider(app, { callbackUrl, stateCookie })
    const sessionCookie = answer.setCookies.find((line) => line.startsWith('session=')) ?? ''
    expect(sessionCookie).not.toMatch(/Expires=/)
    const token = answer.session ?? ''
    const now = Date.now()
    expect(await validateSessionToken({ token, now: new Date(now + 14 * 60_000) })).not.toBeNull()
    expect(await validateSessionToken({ token, now: new Date(now + 14 * 60_000 + 15 * 60_000 + 1000) })).toBeNull()
  })

  test('an SSO-only person’s own device then offers only the provider; signing out offers the provider’s sign-out', async () => {
    const { person } = await personInTrustedOrganisation({ methods: 'sso' })
    const answer = await signInAs(person.email)
    const hint = answer.setCookies.find((line) => line.startsWith('sign_in_with='))
    expect(hint).toMatch(/^sign_in_with=nhsmail;/)
    const login = await app.login.loader({
      request: new Request(`${APP}/login`, { headers: { Cookie: 'sign_in_with=nhsmail' } }),
      params: {},
      context: loadContext,
    })
    expect(login).toMatchObject({ showPassword: false, providers: [{ id: 'nhsmail', label: 'NHSmail' }] })

    const signOut = await app.logout.action({
      request: new Request(`${APP}/logout`, { method: 'POST', headers: { Cookie: `session=${answer.session}` } }),
      params: {},
      context: loadContext,
    })
    expect(signOut.headers.get('Location')).toBe('/signed-out?from=nhsmail')
    expect(await signedInUser(answer.session)).toBeNull()
    const page = await app.signedOut.loader({
      request: new Request(`${APP}/signed-out?from=nhsmail`),
      params: {},
      context: loadContext,
    })
    const endSession = new URL(page.providerSignOut ?? '')
    expect(endSession.origin).toBe(provider.issuer)
    expect(endSession.searchParams.get('client_id')).toBe(TEST_CLIENT_ID)
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${APP}/login`)
  })
})
