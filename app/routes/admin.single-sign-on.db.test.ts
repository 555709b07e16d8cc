import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { createSession, validateSessionToken } from '#app/lib/auth/session.server.ts'
import { createOrg, createTeam, createUser } from '#tests/factories.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import { auditRows, identityRows, insertUnplacedPerson, linkIdentity, signInSettingsRow } from '#tests/sso-rows.ts'

// The administrators' side of single sign-on: how an organisation's people sign in (a form, audited), the
// accounts linked to a person (shown in words, unlinked after a confirmation, audited), and the people waiting to
// be placed in a team. The app is loaded with a provider configured, as NHSmail / Microsoft.

const TENANT = '3f2a1b0c-5d4e-4f60-8a7b-9c0d1e2f3a4b'
const variables = {
  SSO_PROVIDERS: 'nhsmail',
  SSO_NHSMAIL_TYPE: 'entra',
  SSO_NHSMAIL_ISSUER: 'https://login.microsoftonline.com/organizations/v2.0',
  SSO_NHSMAIL_CLIENT_ID: 'client',
  SSO_NHSMAIL_CLIENT_SECRET: 'secret',
}

async function loadRoutes() {
  vi.resetModules()
  const [settingsPage, unitPage, personPage, unplacedPage] = await Promise.all([
    import('./admin.units.$unitId_.sign-in.tsx'),
    import('./admin.units.$unitId.tsx'),
    import('./admin.people.$personId.tsx'),
    import('./admin.people.unplaced.tsx'),
  ])
  return { settingsPage, unitPage, personPage, unplacedPage }
}

let routes: Awaited<ReturnType<typeof loadRoutes>>

beforeAll(async () => {
  Object.assign(process.env, variables)
  routes = await loadRoutes()
})

afterAll(() => {
  for (const name of Object.keys(variables)) delete process.env[name]
})

const auditOf = (subjectId: string, action: string) => auditRows({ subjectId, action })

describe('how an organisation’s people sign in', () => {
  async function postSettings(adminId: string, unitId: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams()
    for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item)
    const request = await signedInRequest(adminId, `/admin/units/${unitId}/sign-in`, { method: 'POST', body })
    return routes.settingsPage.action({ request, params: { unitId }, context: loadContext })
  }

  test('is for administrators, and only for organisations', async () => {
    const org = await createOrg()
    const manager = await createUser({ manages: [org.organisation] })
    const admin = await createUser({ isAdmin: true })
    const get = async (userId: string, unitId: string) =>
      statusOf(
        routes.settingsPage.loader({
          request: await signedInRequest(userId, `/admin/units/${unitId}/sign-in`),
          params: { unitId },
          context: loadContext,
        }),
      )
    expect(await get(manager.id, org.organisation.id)).toBe(403)
    expect(await statusOf(postSettings(manager.id, org.organisation.id, { methods: 'sso' }))).toBe(403)
    expect(await get(admin.id, org.directorate.id)).toBe(404)
    expect(await get(admin.id, org.organisation.id)).toBe(200)
  })

  test('names each problem: a provider to choose, a tenant to trust, tenant ids and domains as they should look', async () => {
    const org = await createOrg()
    const admin = await createUser({ isAdmin: true })
    const errorsOf = async (fields: Record<string, string | string[]>) => {
      const answer = await postSettings(admin.id, org.organisation.id, { createUnknown: 'no', ...fields })
      return 'data' in answer ? answer.data.errors : null
    }
    expect(await errorsOf({})).toMatchObject({ methods: 'Choose how people in the organisation sign in' })
    expect(await errorsOf({ methods: 'sso' })).toEqual({ providers: 'Choose at least one sign-in service' })
    expect(await errorsOf({ methods: 'sso', providers: 'nhsmail' })).toEqual({
      tenantIds: 'Enter at least one Microsoft tenant id: sign-ins from any other tenant are refused',
    })
    // The first line refused is quoted, so that it can be found in a long list.
    expect(
      await errorsOf({ methods: 'both', providers: 'nhsmail', tenantIds: `${TENANT}\ncontoso.onmicrosoft.com` }),
    ).toEqual({
      tenantIds:
        'Line 2, “contoso.onmicrosoft.com”, is not a tenant id. Enter each as Microsoft shows it: 36 letters, digits and hyphens, like 6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b',
    })
    expect(
      await errorsOf({ methods: 'both', providers: 'nhsmail', tenantIds: TENANT, emailDomains: 'jo@nhs.net' }),
    ).toEqual({
      emailDomains: 'Line 1, “jo@nhs.net”, is not an email domain. Enter each like nhs.net, without anyone’s name',
    })
    expect(await errorsOf({ methods: 'both', providers: 'okta', tenantIds: TENANT })).toEqual({
      providers: 'Choose sign-in services from the list',
    })
  })

  test('saves, shows the choice on the organisation’s page, and records the change in the audit log in words', async () => {
    const org = await createOrg()
    const admin = await createUser({ isAdmin: true })
    const answer = await postSettings(admin.id, org.organisation.id, {
      methods: 'sso',
      providers: 'nhsmail',
      tenantIds: `${TENANT.toUpperCase()}\n\n${TENANT}`,
      emailDomains: '@NHS.net, example.nhs.uk',
      createUnknown: 'yes',
      helpContact: ' the IT service desk on 01234 567890 ',
    })
    if (!(answer instanceof Response)) throw new Error('expected a redirect')
    expect(answer.headers.get('Location')).toBe(`/admin/units/${org.organisation.id}?done=sign-in-changed`)
    expect(await signInSettingsRow(org.organisation.id)).toMatchObject({
      methods: 'sso',
      providers: ['nhsmail'],
      tenantIds: [TENANT],
      emailDomains: ['nhs.net', 'example.nhs.uk'],
      createUnknown: true,
      helpContact: 'the IT service desk on 01234 567890',
      updatedBy: admin.id,
    })
    const [entry, ...more] = await auditOf(org.organisation.id, 'unit.sign-in-changed')
    expect(more).toEqual([])
    expect(entry).toMatchObject({
      actorId: admin.id,
      subjectName: org.organisation.name,
      before: { signInMethods: 'With their email address and a password', signInServices: [] },
      after: { signInMethods: 'Through single sign-on only', signInServices: ['NHSmail / Microsoft'] },
    })

    const page = readableText(
      await renderRoute(
        { pattern: '/admin/units/:unitId', loader: routes.unitPage.loader, Component: routes.unitPage.default },
        await signedInRequest(admin.id, `/admin/units/${org.organisation.id}?done=sign-in-changed`),
      ),
    )
    expect(page).toContain(`How people in ${org.organisation.name} sign in has been saved`)
    expect(page).toContain('Sign in Through single sign-on only')
    expect(page).toContain('Sign-in services NHSmail / Microsoft')
    expect(page).toContain(`Microsoft tenants accepted ${TENANT}`)
    expect(page).toContain('Email domains its sign-ins vouch for nhs.net, example.nhs.uk')
    expect(page).toContain('Who staff contact about signing in the IT service desk on 01234 567890')

    // Saving the same again changes nothing, and records nothing.
    await postSettings(admin.id, org.organisation.id, {
      methods: 'sso',
      providers: 'nhsmail',
      tenantIds: TENANT,
      emailDomains: 'nhs.net\nexample.nhs.uk',
      createUnknown: 'yes',
      helpContact: 'the IT service desk on 01234 567890',
    })
    expect(await auditOf(org.organisation.id, 'unit.sign-in-changed')).toHaveLength(1)
  })
})

describe('a person’s single sign-on accounts', () => {
  async function linkedPerson() {
    const person = await createUser({ team: await createTeam() })
    const identity = await linkIdentity({
      userId: person.id,
      provider: 'nhsmail',
      issuer: TENANT,
      subject: `object-of-${person.id}`,
      email: 'jo.bloggs@nhs.net',
      createdAt: new Date('2026-11-30T10:00:00Z'),
      lastUsedAt: new Date('2026-12-01T08:00:00Z'),
    })
    return { person, identity }
  }

  const page = async (adminId: string, personId: string, search = '') =>
    readableText(
      await renderRoute(
        {
          pattern: '/admin/people/:personId',
          loader: routes.personPage.loader,
          Component: routes.personPage.default,
        },
        await signedInRequest(adminId, `/admin/people/${personId}${search}`),
      ),
    )

  test('are listed in words and dates, never by the provider’s ids', async () => {
    const { person, identity } = await linkedPerson()
    const admin = await createUser({ isAdmin: true })
    const text = await page(admin.id, person.id)
    expect(text).toContain('Single sign-on')
    expect(text).toContain(
      'Service Linked Last used Change NHSmail / Microsoft (jo.bloggs@nhs.net) 30 November 2026 1 December 2026 Unlink NHSmail / Microsoft',
    )
    for (const raw of [identity.subject, identity.issuer, identity.id]) expect(text).not.toContain(raw)
    const unlinked = await createUser()
    expect(await page(admin.id, unlinked.id)).toContain(`${unlinked.name} has not signed in through single sign-on.`)
  })

  test('unlinking one asks first, then ends the sessions it started and records it in the audit log', async () => {
    const { person, identity } = await linkedPerson()
    const admin = await createUser({ isAdmin: true })
    const confirm = await page(admin.id, person.id, `?confirm=unlink&identity=${identity.id}`)
    expect(confirm).toContain(`Unlink NHSmail / Microsoft from ${person.name}?`)
    expect(confirm).toContain('Yes, unlink NHSmail / Microsoft')

    const throughSso = await createSession({ userId: person.id, signInProvider: 'nhsmail' })
    const withPassword = await createSession({ userId: person.id })
    const request = await signedInRequest(admin.id, `/admin/people/${person.id}`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'unlink-identity', identityId: identity.id }),
    })
    const answer = await routes.personPage.action({ request, params: { personId: person.id }, context: loadContext })
    if (!(answer instanceof Response)) throw new Error('expected a redirect')
    const location = answer.headers.get('Location') ?? ''
    expect(location).toBe(`/admin/people/${person.id}?done=identity-unlinked&provider=nhsmail`)
    expect(await page(admin.id, person.id, location.slice(location.indexOf('?')))).toContain(
      `NHSmail / Microsoft is no longer linked to ${person.name}, and they are signed out of anything they signed in to with it.`,
    )
    expect(await validateSessionToken({ token: throughSso.token })).toBeNull()
    expect(await validateSessionToken({ token: withPassword.token })).not.toBeNull()
    expect(await identityRows(person.id)).toEqual([])
    const [entry] = await auditOf(person.id, 'person.sso-unlinked')
    expect(entry).toMatchObject({
      actorId: admin.id,
      before: { signInService: 'NHSmail / Microsoft', email: 'jo.bloggs@nhs.net' },
    })

    // Someone else's account, or one already gone: not found.
    const again = await signedInRequest(admin.id, `/admin/people/${person.id}`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'unlink-identity', identityId: identity.id }),
    })
    expect(
      await statusOf(
        routes.personPage.action({ request: again, params: { personId: person.id }, context: loadContext }),
      ),
    ).toBe(404)
  })
})

describe('people not in a team', () => {
  test('lists the people who can sign in but are in no team, saying how they were added', async () => {
    const admin = await createUser({ isAdmin: true })
    const inTeam = await createUser({ team: await createTeam() })
    const byHand = await createUser()
    const added = await insertUnplacedPerson({ name: 'Nell Newcomer', email: 'nell@example.test' })
    await linkIdentity({
      userId: added.id,
      provider: 'nhsmail',
      issuer: TENANT,
      subject: 'nell',
      createdAt: added.createdAt,
    })
    const text = readableText(
      await renderRoute(
        {
          pattern: '/admin/people/unplaced',
          loader: routes.unplacedPage.loader,
          Component: routes.unplacedPage.default,
        },
        await signedInRequest(admin.id, '/admin/people/unplaced'),
      ),
    )
    expect(text).toContain('Nell Newcomer nell@example.test')
    expect(text).toContain('Their first sign-in with NHSmail / Microsoft')
    expect(text).toContain(`${byHand.name} ${byHand.email}`)
    expect(text).not.toContain(inTeam.name)
    const learner = await createUser()
    expect(
      await statusOf(
        routes.unplacedPage.loader({
          request: await signedInRequest(learner.id, '/admin/people/unplaced'),
          params: {},
          context: loadContext,
        }),
      ),
    ).toBe(403)
  })
})
