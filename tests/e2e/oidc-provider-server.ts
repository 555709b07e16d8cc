import { startTestProvider } from '#tests/oidc-provider.ts'

// Run by playwright.config.ts beside the app: the OpenID provider the app's "Sign in with NHSmail" goes to, with
// oidc-provider's own login and consent pages. Any login name that is an email address is an account in the
// tenant the journeys' organisations trust, with that address, verified.

const port = Number(process.env.E2E_OIDC_PORT)
const appUrl = process.env.E2E_APP_URL
if (!port || !appUrl) throw new Error('E2E_OIDC_PORT and E2E_APP_URL must both be set')

const provider = await startTestProvider({ port, appUrl })
console.log(`Test OpenID provider at ${provider.issuer}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void provider.close().then(() => process.exit(0)))
}
