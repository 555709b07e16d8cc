import { describe, expect, test } from 'vitest'
import { identityFromClaims } from './identity.ts'

const TENANT = '3f2a1b0c-5d4e-4f60-8a7b-9c0d1e2f3a4b'
const OBJECT = '0a0b0c0d-0000-4000-8000-000000000123'

describe('who a validated ID token says signed in', () => {
  test('Entra: the key is the tenant and object ids, never the email or sign-in name', () => {
    const result = identityFromClaims({
      provider: 'nhsmail',
      type: 'entra',
      claims: {
        iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
        sub: 'pairwise-per-application',
        tid: TENANT.toUpperCase(),
        oid: OBJECT,
        preferred_username: 'Jo.Bloggs@NHS.net',
        name: 'Jo Bloggs',
      },
    })
    expect(result).toEqual({
      ok: true,
      identity: {
        provider: 'nhsmail',
        issuer: TENANT,
        subject: OBJECT,
        tenantId: TENANT,
        email: 'jo.bloggs@nhs.net',
        // A sign-in name is never taken as a verified address.
        emailVerified: false,
        name: 'Jo Bloggs',
      },
    })
  })

  test('Entra: without a tenant or object id there is no identity', () => {
    expect(identityFromClaims({ provider: 'nhsmail', type: 'entra', claims: { oid: OBJECT } })).toEqual({
      ok: false,
      missing: 'tid',
    })
    expect(
      identityFromClaims({ provider: 'nhsmail', type: 'entra', claims: { tid: 'not-a-tenant', oid: OBJECT } }),
    ).toMatchObject({ ok: false })
    expect(identityFromClaims({ provider: 'nhsmail', type: 'entra', claims: { tid: TENANT } })).toEqual({
      ok: false,
      missing: 'oid',
    })
  })

  test('other providers: the issuer and subject, and email_verified only for the email claim itself', () => {
    const result = identityFromClaims({
      provider: 'trust-okta',
      type: 'oidc',
      claims: { iss: 'https://trust.okta.example', sub: '00u1', email: 'Sam@Trust.example', email_verified: true },
    })
    expect(result).toMatchObject({
      ok: true,
      identity: {
        issuer: 'https://trust.okta.example',
        subject: '00u1',
        email: 'sam@trust.example',
        emailVerified: true,
      },
    })
    const unverified = identityFromClaims({
      provider: 'trust-okta',
      type: 'oidc',
      claims: { iss: 'https://trust.okta.example', sub: '00u2', email: 'sam@trust.example', email_verified: 'true' },
    })
    expect(unverified).toMatchObject({ ok: true, identity: { emailVerified: false } })
  })
})
