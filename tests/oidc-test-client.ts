// The app's registration at the test OpenID provider (tests/oidc-provider.ts), and its tenants, in a file of their
// own so that the Playwright config can name them without loading the provider.

/** The tenant the tests' organisations trust. */
export const TEST_TENANT = '3f2a1b0c-5d4e-4f60-8a7b-9c0d1e2f3a4b'
/** A tenant no organisation trusts: its tokens are validly signed all the same. */
export const OTHER_TENANT = 'b0c1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e'

export const TEST_CLIENT_ID = 'digital-skills-tests'
export const TEST_CLIENT_SECRET = 'a-test-only-client-secret-of-some-length'
