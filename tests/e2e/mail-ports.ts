// The browser tests' ports, all from E2E_PORT, so two checkouts can run their journeys side by side: the app on
// E2E_PORT, the mail catcher's SMTP on the next port and its messages API on the one after, and the test OpenID
// provider (playing NHSmail / Microsoft) on the one after that.
const app = Number(process.env.E2E_PORT ?? 3210)

export const e2ePorts = { app, smtp: app + 1, mailApi: app + 2, oidc: app + 3 }
