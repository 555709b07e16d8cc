import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { runBenchmark, type ChildRuns } from './child-runs.ts'
import { median, quantile } from './statistics.ts'

// npm run bench:lrs — the LRS at scale, over HTTP against the real server (server/index.ts, production build):
//
// 1. loads BENCH_LRS_STATEMENTS statements (default 1,000,000; tests/lrs-workload.ts: 20,000 learners,
//    300 modules of 7 questions, a registration per attempt, about 1% voided and 1% comments on others)
//    through storeStatements in batches of 1,000;
// 2. times GET /xapi/statements for every filter shape (tests/lrs-query-shapes.ts): median and p95;
// 3. times POSTs of single statements and of batches of 100, from 4 concurrent clients, and the raw insert
//    of the same rows through the same driver (bench/lrs-raw-inserts.ts) as the baseline, with the ratio;
// 4. reports the server's peak memory (VmHWM).
//
// SQLite always (a temporary file); PostgreSQL when BENCH_POSTGRES_URL or TEST_POSTGRES_URL names a server
// where the role may create databases (the bench creates its own and drops it). Each dialect in a child
// process. Timings are printed, never asserted. Needs `npm run build` first.

type Dialect = 'sqlite' | 'postgres'

interface Settings {
  statements: number
  posts: number
  batches: number
  gets: number
  clients: number
}

interface Task {
  dialect: Dialect
  databaseUrl: string
  settings: Settings
}

interface Result {
  dialect: Dialect
  loadSeconds: number
  gets: { name: string; median: number; p95: number; returned: number }[]
  single: { perSecond: number; rawPerSecond: number; failures: number; p50: number; p99: number }
  batch: { perSecond: number; rawPerSecond: number; failures: number }
  serverPeakMb: number
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const log = (message: string) => process.stderr.write(`${message}\n`)
const numberFromEnv = (name: string, fallback: number) => Number(process.env[name] ?? fallback)

async function measure({ dialect, databaseUrl, settings }: Task): Promise<Result> {
  const { closeDatabase, db, migrateDatabase, schema } = await import('#app/lib/db.server.ts')
  const { sql } = await import('drizzle-orm')
  const { storeStatements } = await import('#app/lib/xapi/store/statement-store.server.ts')
  const { createLrsClient } = await import('#app/lib/xapi/clients/lrs-clients.server.ts')
  const { agentKey } = await import('#app/lib/xapi/model/statement-schema.ts')
  const workload = await import('#tests/lrs-workload.ts')
  const { queryShapes } = await import('#tests/lrs-query-shapes.ts')
  const { startServer } = await import('#tests/lrs-server.ts')
  const { lrsAgent, lrsRequest, postLoad } = await import('#tests/lrs-load.ts')
  const { rawInserts } = await import('./lrs-raw-inserts.ts')
  const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'

  await migrateDatabase(path.join(root, 'db/migrations'))
  const authority = { objectType: 'Agent', account: { homePage: workload.LMS_HOME_PAGE, name: 'bench-loader' } }
  const started = performance.now()
  let batch: Record<string, unknown>[] = []
  let loaded = 0
  let registration = ''
  let someActor: Json | undefined
  const loadStarted = new Date()
  for (const statement of workload.firstStatements(workload.lrsWorkload(), settings.statements)) {
    batch.push(statement)
    // The first attempt's learner and registration are the ones the GETs ask about: they have statements.
    if (!registration && statement.context) registration = String((statement.context as Json).registration)
    someActor ??= statement.actor as Json
    if (batch.length === 1000) {
      await storeStatements({ statements: batch, authority, version: '1.0.3', project: false })
      loaded += batch.length
      batch = []
      if (loaded % 100_000 === 0) log(`[${label}] loaded ${loaded.toLocaleString('en-GB')} statements`)
    }
  }
  if (batch.length > 0) await storeStatements({ statements: batch, authority, version: '1.0.3', project: false })
  const loadSeconds = (performance.now() - started) / 1000
  log(`[${label}] loaded ${settings.statements.toLocaleString('en-GB')} statements in ${loadSeconds.toFixed(0)} s`)
  if (dialect === 'postgres') await db().execute(sql`analyze`)
  const loadEnded = Date.now()
  const partWay = (fraction: number) => new Date(loadStarted.getTime() + fraction * (loadEnded - loadStarted.getTime()))
  const { xapiStatements } = schema()
  const [latest] = await db()
    .select({ seq: sql<number>`max(${xapiStatements.seq})` })
    .from(xapiStatements)
  const maxSeq = Number(latest?.seq ?? settings.statements)

  const { key, secret } = await createLrsClient({ name: 'bench', scopes: ['all'] })
  await closeDatabase()
  const server = await startServer({ databaseUrl })
  const target = { url: server.url, authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` }
  try {
    // GETs: each shape in turn, a few to warm up, then timed one at a time.
    const agent = someActor ?? workload.learnerAgentOf(0)
    const shapes = queryShapes({
      agent: { json: agent, key: agentKey(agent as never) },
      verb: workload.lrsVerbs.passed,
      activity: workload.questionIri(5, 3),
      parentActivity: workload.moduleIri(5),
      registration,
      since: partWay(0.25),
      until: partWay(0.75),
      pageAfter: Math.floor(maxSeq / 2),
    })
    const http = lrsAgent(1)
    const gets: Result['gets'] = []
    for (const shape of shapes) {
      const path = `/xapi/statements?${new URLSearchParams(shape.query).toString()}`
      const times: number[] = []
      let returned = 0
      for (let i = 0; i < settings.gets + 3; i++) {
        const begun = performance.now()
        const response = await lrsRequest(target, { method: 'GET', path, agent: http })
        if (response.status !== 200) throw new Error(`${shape.name}: ${response.status} ${response.body}`)
        if (i >= 3) times.push(performance.now() - begun)
        returned = (JSON.parse(response.body) as { statements: unknown[] }).statements.length
      }
      gets.push({ name: shape.name, median: median(times), p95: quantile(times, 0.95), returned })
    }
    http.destroy()
    log(`[${label}] GETs timed`)

    // Single-statement POSTs, then batches of 100: fresh statements (another seed), no references between them.
    const fresh = workload.lrsWorkload({ ...workload.ICB_SHAPE, seed: 2 }, { references: false })
    const take = (count: number) => [...workload.firstStatements(fresh, count)]
    // Untimed first, so that the server's code is compiled and its caches warm, as on a server that has been up.
    await postLoad(target, { clients: settings.clients, bodies: take(500)[Symbol.iterator]() })
    const singles = await postLoad(target, {
      clients: settings.clients,
      bodies: take(settings.posts)[Symbol.iterator](),
    })
    const rawSingle = await rawInserts({
      databaseUrl,
      statements: take(settings.posts),
      perTransaction: 1,
      clients: settings.clients,
    })
    const batches = Array.from({ length: settings.batches }, () => take(100))
    const batched = await postLoad(target, { clients: settings.clients, bodies: batches[Symbol.iterator]() })
    const rawBatch = await rawInserts({
      databaseUrl,
      statements: take(settings.batches * 100),
      perTransaction: 100,
      clients: settings.clients,
    })
    log(`[${label}] POSTs timed`)
    const singleMs = singles.sent.map((sent) => sent.ms)
    const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8')
    const serverPeakMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024
    return {
      dialect,
      loadSeconds,
      gets,
      single: {
        perSecond: singles.sent.filter((sent) => sent.status === 200).length / singles.seconds,
        rawPerSecond: rawSingle.statements / rawSingle.seconds,
        failures: singles.sent.filter((sent) => sent.status !== 200).length + singles.unanswered,
        p50: median(singleMs),
        p99: quantile(singleMs, 0.99),
      },
      batch: {
        perSecond: (batched.sent.filter((sent) => sent.status === 200).length * 100) / batched.seconds,
        rawPerSecond: rawBatch.statements / rawBatch.seconds,
        failures: batched.sent.filter((sent) => sent.status !== 200).length + batched.unanswered,
      },
      serverPeakMb,
    }
  } finally {
    await server.stop()
  }
}

type Json = Record<string, unknown>

function report(results: Result[], settings: Settings) {
  const columns = results.map((result) => (result.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'))
  const row = (label: string, cells: string[]) => console.log(`| ${[label, ...cells].join(' | ')} |`)
  console.log(
    `\nLRS at ${settings.statements.toLocaleString('en-GB')} statements; ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}; ${new Date().toISOString().slice(0, 10)}\n`,
  )
  row('', columns)
  row(
    '---',
    columns.map(() => '---'),
  )
  row(
    'load through storeStatements (statements/s)',
    results.map((r) => (settings.statements / r.loadSeconds).toFixed(0)),
  )
  for (const [index, shape] of (results[0]?.gets ?? []).entries())
    row(
      `GET ${shape.name}: median / p95 ms (rows)`,
      results.map((r) => {
        const get = r.gets[index]
        return get ? `${get.median.toFixed(1)} / ${get.p95.toFixed(1)} (${get.returned})` : ''
      }),
    )
  row(
    `POST single, ${settings.clients} clients: statements/s (raw insert/s, ratio)`,
    results.map(
      (r) =>
        `${r.single.perSecond.toFixed(0)} (${r.single.rawPerSecond.toFixed(0)}, ${((100 * r.single.perSecond) / r.single.rawPerSecond).toFixed(1)}%)`,
    ),
  )
  row(
    'POST single: p50 / p99 ms',
    results.map((r) => `${r.single.p50.toFixed(1)} / ${r.single.p99.toFixed(1)}`),
  )
  row(
    `POST batches of 100, ${settings.clients} clients: statements/s (raw, ratio)`,
    results.map(
      (r) =>
        `${r.batch.perSecond.toFixed(0)} (${r.batch.rawPerSecond.toFixed(0)}, ${((100 * r.batch.perSecond) / r.batch.rawPerSecond).toFixed(1)}%)`,
    ),
  )
  row(
    'POSTs not answered 200',
    results.map((r) => String(r.single.failures + r.batch.failures)),
  )
  row(
    'server peak RSS (MB)',
    results.map((r) => r.serverPeakMb.toFixed(0)),
  )
}

async function main(children: ChildRuns<Task, Result>): Promise<number> {
  if (!fs.existsSync(path.join(root, 'build/server/index.js'))) throw new Error('Run `npm run build` first')
  const settings: Settings = {
    statements: numberFromEnv('BENCH_LRS_STATEMENTS', 1_000_000),
    posts: numberFromEnv('BENCH_LRS_POSTS', 4000),
    batches: numberFromEnv('BENCH_LRS_BATCHES', 100),
    gets: numberFromEnv('BENCH_LRS_GETS', 30),
    clients: 4,
  }
  const dialects = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as Dialect[]
  const id = randomBytes(4).toString('hex')
  const results: Result[] = []
  if (dialects.includes('sqlite')) {
    const file = path.join(os.tmpdir(), `lrs-bench-${id}.db`)
    children.onCleanUp(async () => {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
    })
    results.push(
      await children.run({
        databaseUrl: `file:${file}`,
        task: { dialect: 'sqlite', databaseUrl: `file:${file}`, settings },
        label: 'SQLite',
      }),
    )
  }
  const serverUrl = process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL
  if (dialects.includes('postgres') && serverUrl) {
    const name = `lrs_bench_${id}`
    const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined })
    await admin.unsafe(`create database ${name}`).finally(() => admin.end())
    children.onCleanUp(async () => {
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => undefined })
      await dropper.unsafe(`drop database if exists ${name} with (force)`).finally(() => dropper.end())
    })
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    const databaseUrl = url.toString()
    results.push(
      await children.run({ databaseUrl, task: { dialect: 'postgres', databaseUrl, settings }, label: 'PostgreSQL' }),
    )
  } else if (dialects.includes('postgres')) {
    log(
      'PostgreSQL skipped: set BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) to a server where the role may create databases.',
    )
  }
  await children.cleanUp()
  report(results, settings)
  return 0
}

runBenchmark<Task, Result>({
  script: fileURLToPath(import.meta.url),
  variable: 'BENCH_LRS_TASK',
  child: measure,
  main,
  log,
})
