import { startTestProvider } from '#tests/oidc-provider.ts'
import { TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT } from '#tests/oidc-test-client.ts'

// `npm run sso:demo-provider`: a local OpenID provider playing NHSmail / Microsoft, to try single sign-on on a
// development machine (the tests' provider: oidc-provider with its own login and consent pages, where any email
// address signs in as that address, verified, in the demo tenant). Never for real use.

const port = Number(process.env.SSO_DEMO_PORT ?? 3003)
const appUrl = (process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '')
const provider = await startTestProvider({ port, appUrl })

console.log(`A demo OpenID provider (playing NHSmail / Microsoft) is running at ${provider.issuer}.

Start the app beside it with:

  SSO_PROVIDERS=nhsmail SSO_NHSMAIL_TYPE=entra SSO_NHSMAIL_ISSUER=${provider.issuer} \\
  SSO_NHSMAIL_CLIENT_ID=${TEST_CLIENT_ID} SSO_NHSMAIL_CLIENT_SECRET=${TEST_CLIENT_SECRET} npm start

then sign in as admin@example.nhs.uk, open Administration → Units and structure → an organisation →
"Change how people in … sign in", choose NHSmail / Microsoft and add the tenant id ${TEST_TENANT}.
"Sign in with NHSmail" then accepts any email address at the provider's page (any password): a person of
that organisation with the same email is signed in. Ctrl+C stops the provider.`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void provider.close().then(() => process.exit(0)))
}
