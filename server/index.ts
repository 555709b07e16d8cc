import { randomBytes } from 'node:crypto'
import http from 'node:http'
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type NextFunction, type Request, type Response } from 'express'

// Start-up problems (bad environment, unreachable database) end the process with one clear line.
function fail(message: string): never {
  console.error(`Cannot start: ${message}`)
  process.exit(1)
}

const useViteDevServer = process.argv.includes('--dev')

const { env, isProduction } = await import('#app/lib/env.server.ts').catch((error: unknown) =>
  fail(error instanceof Error ? error.message : String(error)),
)
// Where the single sign-on buttons send people: the Content Security Policy's form-action must allow it.
const ssoOrigins = [...new Set(env.ssoProviders.map((provider) => new URL(provider.issuer).origin))]
const { closeDatabase, dialect, migrateDatabase } = await import('#app/lib/db.server.ts')
const { databaseIsEmpty, demoLoginsBanner, historyProgressBar, seedDemo } = await import('#db/seed.ts')
const { installEffects } = await import('#app/lib/install-effects.server.ts')
// This process's copy of app/lib seeds the demo and computes rollups; the Remix build installs its own.
installEffects()
const { CORS_HEADERS } = await import('#app/lib/xapi/http/http.server.ts')
const { statementsFirst } = await import('./xapi-statements.ts')
const { courseFiles } = await import('./course-files.ts')

try {
  await migrateDatabase()
} catch (error) {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
  fail(`DATABASE_URL ${redact(env.DATABASE_URL)} could not be opened and migrated (${reason})`)
}

// An invalid competency framework would break every page that names a competency: refuse to start.
const { defaultContentRoot } = await import('#app/lib/content/content-root.server.ts')
const { readFramework } = await import('#app/lib/content/framework.server.ts')
const framework = readFramework({ root: defaultContentRoot() })
if (!framework.ok) {
  const [first] = framework.problems
  const more =
    framework.problems.length > 1 ? ` (and ${framework.problems.length - 1} more; run npm run content:check)` : ''
  fail(`${path.relative(process.cwd(), first?.file ?? '')}:${first?.line}: ${first?.message}${more}`)
}

if (!isProduction && (await databaseIsEmpty())) {
  console.log('Empty database: seeding the demo organisation and twelve weeks of its learning…')
  const { created, statements } = await seedDemo({ onHistoryProgress: historyProgressBar })
  console.log(`Demo organisation seeded (${created} records, ${statements} learning statements).`)
}

// Reports add up team rollups computed with the framework's role targets: after a content change to the
// targets (or an upgrade that adds the rollups), recompute them before serving anyone.
const { ensureTeamRollups } = await import('#app/lib/learning/projections/team-rollups.server.ts')
const rollupsStarted = performance.now()
const { rebuilt } = await ensureTeamRollups()
if (rebuilt)
  console.log(
    `Team readiness rollups computed for the current role targets in ${((performance.now() - rollupsStarted) / 1000).toFixed(1)} s.`,
  )

const viteDevServer = useViteDevServer
  ? await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))
  : undefined

const app = express()
app.disable('x-powered-by')
if (env.TRUST_PROXY) app.set('trust proxy', true)
// Third-party course content, before the app's security headers: it has its own (server/course-files.ts).
app.use(courseFiles())
app.use(securityHeaders)
app.use(compression())
app.use(rejectCrossSiteWrites)
app.use(acceptOneClickUnsubscribe)
// Browsers ask before sending xAPI requests from other origins (third-party content with Basic auth).
app.options('/xapi/*', (_req, res) => {
  res.set(CORS_HEADERS).status(204).end()
})

// NHS.UK frontend's stylesheet refers to its icons at /assets/images/….
app.use(
  '/assets/images',
  express.static(path.resolve('node_modules/nhsuk-frontend/dist/nhsuk/assets/images'), { maxAge: '1d' }),
)
if (viteDevServer) {
  app.use(viteDevServer.middlewares)
} else {
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
  app.use(express.static('build/client', { maxAge: '1h' }))
}

const build = viteDevServer
  ? () => viteDevServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
  : ((await import(path.resolve('build/server/index.js'))) as ServerBuild)

app.all(
  '*',
  createRequestHandler({
    build,
    mode: isProduction ? 'production' : 'development',
    getLoadContext: (req, res) => ({ clientIp: req.ip ?? null, cspNonce: String(res.locals.cspNonce) }),
  }),
)

// Emails and reminder sweeps: each instance works through the shared jobs table unless JOBS_WORKER=off.
const { startWorker } = await import('#app/lib/jobs/worker.server.ts')
const { closeMailTransport } = await import('#app/lib/email/send-email.server.ts')
const worker = env.JOBS_WORKER === 'on' ? startWorker() : undefined

// The LRS's busiest resource is answered before Express (server/xapi-statements.ts); everything else is the app.
const server = http.createServer(statementsFirst(app)).listen(env.PORT, () => {
  console.log(`Digital skills is running at http://localhost:${env.PORT} (database: ${dialect()})`)
  if (!isProduction) console.log(demoLoginsBanner())
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(
      () =>
        void Promise.resolve(worker?.stop())
          .then(closeMailTransport)
          .then(closeDatabase)
          .finally(() => process.exit(0)),
    )
  })
}

function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  const nonce = randomBytes(16).toString('base64')
  res.locals.cspNonce = nonce
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'same-origin')
  // That policy is the default: a page that names its own (the password reset page) replaces it. The Remix
  // adapter appends a route's headers, which would otherwise send both.
  const append = res.append.bind(res)
  res.append = (field, value) =>
    field.toLowerCase() === 'referrer-policy' && value !== undefined ? res.set(field, value) : append(field, value)
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
  if (isProduction) {
    res.setHeader('Strict-Transport-Security', 'max-age=31536000')
    res.setHeader(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' https://assets.nhs.uk",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        // The single sign-on buttons post here and are redirected on to the provider, which form-action covers too.
        `form-action ${["'self'", ...ssoOrigins].join(' ')}`,
        "base-uri 'self'",
      ].join('; '),
    )
  }
  next()
}

// Cookies are SameSite=Lax; this also refuses form posts that a browser says came from another site.
// The xAPI endpoint is for other systems and authenticates each request itself. Unsubscribe links must take
// one-click posts from mail clients (RFC 8058), which come from another origin with no cookies; that is safe
// because the signed token in the address is the only authority they use (never a session), and all a post
// there can do is turn one kind of email off for the person the token names. The same holds for a launched
// course's one-time fetch address (/course-fetch/…), which content on other origins posts to.
function rejectCrossSiteWrites(req: Request, res: Response, next: NextFunction) {
  if (
    req.method === 'GET' ||
    req.method === 'HEAD' ||
    req.method === 'OPTIONS' ||
    req.path.startsWith('/xapi') ||
    req.path.startsWith('/unsubscribe/') ||
    req.path.startsWith('/course-fetch/')
  ) {
    return next()
  }
  const origin = req.get('Origin')
  const host = req.get('Host')
  const crossSite = origin ? hostOf(origin) !== host : req.get('Sec-Fetch-Site') === 'cross-site'
  if (crossSite) {
    res.status(403).type('text/plain').send('Cross-site form submissions are not accepted.')
    return
  }
  next()
}

// Remix also refuses a page's form post whose Origin is not this host (the same guard as above, for actions that
// trust the session cookie). The unsubscribe action reads no cookie, only the signed token in its address, so a mail
// client's Origin means nothing to it; without this, a one-click request that sends one would fail with a 500.
function acceptOneClickUnsubscribe(req: Request, _res: Response, next: NextFunction) {
  if (req.method === 'POST' && req.path.startsWith('/unsubscribe/')) delete req.headers.origin
  next()
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@')
}
