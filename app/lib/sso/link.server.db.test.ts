import { randomUUID } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { createOrg, createTeam, createUser, setSignInSettings } from '#tests/factories.ts'
import { createPerson } from '#tests/people.ts'
import { identityRows, usersWithEmail } from '#tests/sso-rows.ts'
import type { Identity } from './identity.ts'
import { signInWithIdentity } from './link.server.ts'
import type { SsoProvider } from './providers.server.ts'

// The linking rules on their own, without a provider: what a validated identity signs in as.

const nhsmail: SsoProvider = {
  id: 'nhsmail',
  type: 'entra',
  name: 'NHSmail / Microsoft',
  label: 'NHSmail',
  issuer: 'https://login.microsoftonline.com/organizations/v2.0',
  clientId: 'client',
  clientSecret: 'secret',
  scopes: 'openid profile email',
}

async function trustingOrganisation({ createUnknown = false } = {}) {
  const org = await createOrg()
  const tenant = randomUUID()
  await setSignInSettings({ organisation: org.organisation, methods: 'both', tenantIds: [tenant], createUnknown })
  return { org, tenant }
}

function identity(tenant: string, email: string | null, changes: Partial<Identity> = {}): Identity {
  return {
    provider: 'nhsmail',
    issuer: tenant,
    subject: randomUUID(),
    tenantId: tenant,
    email,
    emailVerified: true,
    name: 'Someone',
    ...changes,
  }
}

describe('linking a first sign-in', () => {
  test('never to one of several people sharing the address', async () => {
    const { org, tenant } = await trustingOrganisation()
    const team = await createTeam({ under: org.directorate })
    await createPerson({ name: 'Ward Seven A', email: 'ward7@example.test', team })
    await createPerson({ name: 'Ward Seven B', email: 'ward7@example.test', team })
    expect(await signInWithIdentity({ provider: nhsmail, identity: identity(tenant, 'ward7@example.test') })).toEqual({
      ok: false,
      refusal: 'ambiguous',
      contacts: [{ organisation: org.organisation.name, helpContact: null }],
    })
  })

  test('someone in no organisation (an administrator added by hand) may, when an organisation trusts the sign-in', async () => {
    const { tenant } = await trustingOrganisation()
    const admin = await createUser({ isAdmin: true })
    const outcome = await signInWithIdentity({ provider: nhsmail, identity: identity(tenant, admin.email) })
    expect(outcome).toEqual({ ok: true, userId: admin.id, linked: true, created: false })
  })

  test('an address nobody vouches for says nothing about whose it is', async () => {
    const passwordsOnly = await createOrg()
    await setSignInSettings({ organisation: passwordsOnly.organisation, methods: 'password' })
    const person = await createUser({ team: await createTeam({ under: passwordsOnly.directorate }) })
    const { tenant } = await trustingOrganisation()
    const unvouched = identity(tenant, person.email, { emailVerified: false })
    expect(await signInWithIdentity({ provider: nhsmail, identity: unvouched })).toMatchObject({
      ok: false,
      refusal: 'unknown',
    })
    expect(await signInWithIdentity({ provider: nhsmail, identity: identity(tenant, person.email) })).toMatchObject({
      ok: false,
      refusal: 'not-allowed',
    })
  })

  test('two first sign-ins of the same account at once link it once', async () => {
    const { org, tenant } = await trustingOrganisation()
    const person = await createUser({ team: await createTeam({ under: org.directorate }) })
    const same = identity(tenant, person.email)
    const outcomes = await Promise.all([1, 2, 3].map(() => signInWithIdentity({ provider: nhsmail, identity: same })))
    for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: true, userId: person.id })
    expect(await identityRows(person.id)).toHaveLength(1)
  })

  test('two first sign-ins of someone unknown at once add them once', async () => {
    const { tenant } = await trustingOrganisation({ createUnknown: true })
    const newcomer = identity(tenant, `newcomer.${randomUUID()}@example.test`)
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => signInWithIdentity({ provider: nhsmail, identity: newcomer })),
    )
    const userIds = new Set(outcomes.map((outcome) => (outcome.ok ? outcome.userId : null)))
    expect(userIds.size).toBe(1)
    expect([...userIds][0]).toBeTruthy()
    expect(await usersWithEmail(newcomer.email ?? '')).toHaveLength(1)
  })
})
