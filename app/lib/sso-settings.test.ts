import { describe, expect, test } from 'vitest'
import { parseEnv } from './env.server.ts'

// Single sign-on providers come from the environment: SSO_PROVIDERS names them, and each has variables of its own.

const nhsmail = {
  SSO_PROVIDERS: 'nhsmail',
  SSO_NHSMAIL_TYPE: 'entra',
  SSO_NHSMAIL_ISSUER: 'https://login.microsoftonline.com/organizations/v2.0',
  SSO_NHSMAIL_CLIENT_ID: '7c0e1a52-0000-4000-8000-000000000001',
  SSO_NHSMAIL_CLIENT_SECRET: 'a-secret',
}

describe('single sign-on settings', () => {
  test('none by default', () => {
    expect(parseEnv({}).ssoProviders).toEqual([])
  })

  test('NHSmail / Microsoft from its variables, with names for people and the button', () => {
    expect(parseEnv(nhsmail).ssoProviders).toEqual([
      {
        id: 'nhsmail',
        type: 'entra',
        name: 'NHSmail / Microsoft',
        label: 'NHSmail',
        issuer: 'https://login.microsoftonline.com/organizations/v2.0',
        clientId: '7c0e1a52-0000-4000-8000-000000000001',
        clientSecret: 'a-secret',
        scopes: 'openid profile email',
      },
    ])
  })

  test('a second provider is added by configuration alone', () => {
    const providers = parseEnv({
      ...nhsmail,
      SSO_PROVIDERS: 'nhsmail, trust-okta',
      SSO_TRUST_OKTA_ISSUER: 'https://trust.okta.example/oauth2/default/',
      SSO_TRUST_OKTA_NAME: 'Trust sign-in',
      SSO_TRUST_OKTA_CLIENT_ID: 'okta-client',
      SSO_TRUST_OKTA_CLIENT_SECRET: 'okta-secret',
    }).ssoProviders
    expect(providers.map((provider) => [provider.id, provider.type, provider.name, provider.label])).toEqual([
      ['nhsmail', 'entra', 'NHSmail / Microsoft', 'NHSmail'],
      ['trust-okta', 'oidc', 'Trust sign-in', 'Trust sign-in'],
    ])
    expect(providers[1]?.issuer).toBe('https://trust.okta.example/oauth2/default')
  })

  test('a bad setting stops start-up with one line naming the variable, never repeating a secret', () => {
    const cases: [Record<string, string>, string][] = [
      [{ SSO_PROVIDERS: 'NHS mail' }, 'SSO_PROVIDERS must be a comma-separated list of provider ids'],
      [{ SSO_PROVIDERS: 'nhsmail,nhsmail' }, 'SSO_PROVIDERS names nhsmail twice'],
      [{ SSO_NHSMAIL_ISSUER: '' }, 'SSO_NHSMAIL_ISSUER is required when SSO_PROVIDERS includes nhsmail'],
      [{ SSO_NHSMAIL_ISSUER: 'login.microsoftonline.com' }, 'SSO_NHSMAIL_ISSUER must be an absolute URL'],
      [{ SSO_NHSMAIL_ISSUER: 'http://login.example.com' }, 'SSO_NHSMAIL_ISSUER must be an https URL'],
      [{ SSO_NHSMAIL_CLIENT_SECRET: '' }, 'SSO_NHSMAIL_CLIENT_SECRET is required when SSO_PROVIDERS includes nhsmail'],
      [{ SSO_NHSMAIL_TYPE: 'saml' }, 'SSO_NHSMAIL_TYPE must be entra or oidc'],
      [{ SSO_NHSMAIL_TYPE: 'oidc' }, 'SSO_NHSMAIL_NAME is required for a provider of type oidc'],
      [{ SSO_NHSMAIL_SCOPES: 'profile email' }, 'SSO_NHSMAIL_SCOPES must include openid'],
    ]
    for (const [change, message] of cases) {
      const attempt = () => parseEnv({ ...nhsmail, ...change })
      expect(attempt).toThrow(message)
      expect(attempt).not.toThrow(/a-secret/)
    }
  })

  test('plain http only for a provider on this machine, and never in production', () => {
    const local = { ...nhsmail, SSO_NHSMAIL_ISSUER: 'http://localhost:3003' }
    expect(parseEnv(local).ssoProviders[0]?.issuer).toBe('http://localhost:3003')
    expect(() =>
      parseEnv({ ...local, NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), MAIL_TRANSPORT: 'file' }),
    ).toThrow(/^SSO_NHSMAIL_ISSUER must be an https URL/)
  })
})

describe('the test clock', () => {
  test('is off unless asked for, and refused in production', () => {
    expect(parseEnv({}).TEST_CLOCK).toBe('off')
    expect(parseEnv({ TEST_CLOCK: 'on' }).TEST_CLOCK).toBe('on')
    expect(() =>
      parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), MAIL_TRANSPORT: 'file', TEST_CLOCK: 'on' }),
    ).toThrow('TEST_CLOCK must be off in production')
  })
})
