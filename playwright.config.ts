import { defineConfig, devices } from '@playwright/test'
import { passwordChangeAccount } from './tests/e2e/accounts.ts'
import { e2eCourse } from './tests/e2e/course-fixture.ts'
import { e2ePorts } from './tests/e2e/mail-ports.ts'
import { TEST_CLIENT_ID, TEST_CLIENT_SECRET } from './tests/oidc-test-client.ts'

// Browser journeys against the built app (`npm run test:e2e` builds first), on a fresh SQLite file each run.
// E2E_PORT lets two checkouts run their journeys side by side; the mail catcher's ports follow from it.
const PORT = e2ePorts.app
const DATABASE_FILE = 'tests/.tmp/e2e.db'

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  reporter: 'list',
  // Generous: CI machines are shared, and a slow sign-in (argon2) is not a failure of the journey.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    ...devices['Desktop Chrome'],
    // Playwright's own browser download cannot work here: drive Debian's Chromium.
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      // The app's email goes here by SMTP; journeys read it with tests/e2e/mailbox.ts.
      command: 'tsx tests/e2e/mail-catcher-server.ts',
      url: `http://localhost:${e2ePorts.mailApi}/messages`,
      env: { E2E_SMTP_PORT: String(e2ePorts.smtp), E2E_MAIL_API_PORT: String(e2ePorts.mailApi) },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The app's "Sign in with NHSmail" goes here: a real OpenID provider with its own login and consent pages.
      command: 'tsx tests/e2e/oidc-provider-server.ts',
      url: `http://localhost:${e2ePorts.oidc}/.well-known/openid-configuration`,
      env: { E2E_OIDC_PORT: String(e2ePorts.oidc), E2E_APP_URL: `http://localhost:${PORT}` },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'ignore',
    },
    {
      // Seed the demo organisation and its history, add the change-password account, a new starter, the single
      // sign-on settings and an imported course, then serve the build.
      command: [
        `rm -f ${DATABASE_FILE} ${DATABASE_FILE}-wal ${DATABASE_FILE}-shm`,
        'tsx db/seed.ts',
        `tsx db/create-admin.ts --email ${passwordChangeAccount.email} --name "${passwordChangeAccount.name}"`,
        'tsx tests/e2e/create-new-starter.ts',
        'tsx tests/e2e/set-up-single-sign-on.ts',
        'tsx tests/e2e/create-course.ts',
        // The shipped content, plus a courses.yaml mapping the course create-course.ts imported.
        `CONTENT_DIR=${e2eCourse.contentDir} tsx server/index.ts`,
      ].join(' && '),
      url: `http://localhost:${PORT}/healthz`,
      env: {
        PORT: String(PORT),
        DATABASE_URL: `file:./${DATABASE_FILE}`,
        NODE_ENV: 'development',
        ADMIN_PASSWORD: passwordChangeAccount.password,
        MAIL_TRANSPORT: 'smtp',
        SMTP_URL: `smtp://localhost:${e2ePorts.smtp}`,
        MAIL_FROM: 'Digital skills <no-reply@skills.example.nhs.uk>',
        SSO_PROVIDERS: 'nhsmail',
        SSO_NHSMAIL_TYPE: 'entra',
        SSO_NHSMAIL_ISSUER: `http://localhost:${e2ePorts.oidc}`,
        SSO_NHSMAIL_CLIENT_ID: TEST_CLIENT_ID,
        SSO_NHSMAIL_CLIENT_SECRET: TEST_CLIENT_SECRET,
        // Lets a journey move its own requests' clock forward (a cookie), to see a shared computer's session lapse.
        TEST_CLOCK: 'on',
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
})
