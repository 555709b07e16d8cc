import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { runBenchmark, type ChildRuns } from './child-runs.ts'
import { median, quantile } from './statistics.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'

// npm run bench — what the learning-record projections cost (module attempts, competency evidence,
// self-ratings; app/lib/learning/projections/projector.server.ts):
//
// 1. Statement inserts with projections against the same inserts with `storeStatements({ project: false })`.
//    Two mirrored cohorts of synthetic learners (bench/synthetic-learning.ts) do exactly the same things
//    (same modules, same answers, same times; different people and registrations); each form post (1–7
//    statements) is one storeStatements call in its own transaction, as in the app. The cohorts take
//    turns post by post (the same post by each, back to back, alternating which goes first, so noise from
//    a shared machine hits both alike); the first pairs are a warm-up. Reported, all from the same run:
//    median ms per post, the median and interquartile range of the per-pair ratios, mean µs per
//    statement and the ratio of total times (which also counts the rare slow commit), and all of it by
//    kind of post.
// 2. rebuildProjections (npm run projections:rebuild) over every statement in the database, several times:
//    median seconds, seconds per million statements and statements per second.
//
// Both run on one database per dialect that first gets the cohorts' earlier history (N statements, loaded
// in bulk and then projected by the first rebuild), so inserts land on tables of a realistic size and
// continue attempts that are already under way. SQLite always (a temporary file); PostgreSQL when
// BENCH_POSTGRES_URL or TEST_POSTGRES_URL names a server (the bench creates and drops its own database).
// Each dialect runs in a child process, because the app's database client is chosen once per process.
// Timings are printed, never asserted.

type Dialect = 'sqlite' | 'postgres'

interface Settings {
  statements: number
  runs: number
  posts: number
  warmup: number
  seed: number
}

interface DialectResult {
  dialect: Dialect
  label: string
  loaded: { statements: number; seconds: number }
  insert: {
    posts: number
    statements: number
    with: { msPerPost: number; usPerStatement: number }
    without: { msPerPost: number; usPerStatement: number }
    ratio: number
    ratioQuartiles: [number, number]
    totalRatio: number
    byKind: {
      kind: string
      posts: number
      statementsPerPost: number
      withMs: number
      withoutMs: number
      ratio: number
    }[]
  }
  rebuild: { statements: number; runs: number; seconds: number[]; median: number }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const log = (message: string) => process.stderr.write(`${message}\n`)

// ---- The measurements (in a child process, with DATABASE_URL set) ------------------------------------

async function measure(dialect: Dialect, settings: Settings): Promise<DialectResult> {
  const { closeDatabase, db, migrateDatabase } = await import('#app/lib/db.server.ts')
  const { sql } = await import('drizzle-orm')
  const { rebuildProjections } = await import('#app/lib/learning/projections/projector.server.ts')
  const { storeStatements } = await import('#app/lib/xapi/store/statement-store.server.ts')
  const { installEffects } = await import('#app/lib/install-effects.server.ts')
  const synthetic = await import('./synthetic-learning.ts')
  installEffects()
  const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'
  try {
    await migrateDatabase(path.join(root, 'db/migrations'))
    const catalogue = synthetic.loadCatalogue()

    // A post of every shape once through both paths: the bulk loader must write what storeStatements writes.
    const sample = synthetic.workload({
      people: synthetic.syntheticPeople({ count: 5, seed: 99 }),
      catalogue,
      seed: 99,
    })
    for (const post of sample) {
      if (post.kind === 'check') {
        await synthetic.checkBulkLoader(post)
        break
      }
    }

    // Two mirrored cohorts, big enough for N/2 statements of history each and the rounds after it.
    const liveStatements = (settings.warmup + settings.posts) * 3
    const perCohort = Math.ceil((settings.statements / 2 + liveStatements) / 45)
    const window = { from: new Date(Date.now() - 730 * DAY_MS), until: new Date(Date.now() - DAY_MS) }
    const cohort = async (name: string) => {
      const org = await synthetic.createSyntheticOrg({ people: perCohort, code: `bench-${name}` })
      return synthetic.workload({ people: org.people, catalogue, seed: settings.seed, ...window })
    }
    log(`[${label}] ${perCohort.toLocaleString('en-GB')} people in each of two cohorts`)
    const withProjections = await cohort('with')
    const withoutProjections = await cohort('without')

    let started = performance.now()
    const history = function* () {
      const a = synthetic.takeStatements(withProjections, settings.statements / 2)
      const b = synthetic.takeStatements(withoutProjections, settings.statements / 2)
      for (;;) {
        const [x, y] = [a.next(), b.next()]
        if (!x.done) yield x.value
        if (!y.done) yield y.value
        if (x.done && y.done) return
      }
    }
    const loaded = await synthetic.bulkLoadPosts({
      posts: history(),
      onProgress: (done) => {
        if (process.stderr.isTTY)
          process.stderr.write(`\r[${label}] loading history: ${done.toLocaleString('en-GB')} statements`)
      },
    })
    const loadSeconds = (performance.now() - started) / 1000
    log(
      `${process.stderr.isTTY ? '\r' : ''}[${label}] loaded ${loaded.toLocaleString('en-GB')} statements in ${loadSeconds.toFixed(1)} s`,
    )
    // A live Postgres database has planner statistics (autovacuum keeps them); one just bulk-loaded may not yet.
    if (dialect === 'postgres') await db().execute(sql`analyze`)

    // Rebuild: the first run also builds the projections the inserts then continue.
    const rebuildSeconds: number[] = []
    let replayed = 0
    for (let run = 1; run <= settings.runs; run++) {
      started = performance.now()
      ;({ replayed } = await rebuildProjections())
      rebuildSeconds.push((performance.now() - started) / 1000)
      log(
        `[${label}] rebuildProjections run ${run}/${settings.runs}: ${replayed.toLocaleString('en-GB')} statements in ${rebuildSeconds.at(-1)?.toFixed(1)} s`,
      )
    }

    // Inserts: the same post by each cohort back to back, alternating which goes first; the first
    // `warmup` pairs are not counted.
    type Variant = 'with' | 'without'
    const variants: Variant[] = ['with', 'without']
    const pairs: { kind: string; statements: number; ms: Record<Variant, number> }[] = []
    const streams: Record<Variant, typeof withProjections> = { with: withProjections, without: withoutProjections }
    for (let i = 0; i < settings.warmup + settings.posts; i++) {
      const posts = { with: streams.with.next(), without: streams.without.next() }
      if (posts.with.done || posts.without.done) throw new Error('the cohorts ran out of posts')
      const ms = { with: 0, without: 0 }
      for (const variant of i % 2 === 0 ? variants : [...variants].reverse()) {
        const post = posts[variant].value
        const start = performance.now()
        await storeStatements({
          statements: post.statements,
          authority: post.authority,
          version: '2.0.0',
          userId: post.userId,
          project: variant === 'with',
        })
        ms[variant] = performance.now() - start
      }
      if (i >= settings.warmup)
        pairs.push({ kind: posts.with.value.kind, statements: posts.with.value.statements.length, ms })
      const done = i + 1 - settings.warmup
      if (done > 0 && (done % 250 === 0 || done === settings.posts))
        log(`[${label}] inserts: ${done}/${settings.posts} post pairs`)
    }
    const total = (variant: Variant) => pairs.reduce((sum, pair) => sum + pair.ms[variant], 0)
    const statements = pairs.reduce((sum, pair) => sum + pair.statements, 0)
    const ratios = pairs.map((pair) => pair.ms.with / pair.ms.without)
    const kinds = [...new Set(pairs.map((pair) => pair.kind))]
    return {
      dialect,
      label,
      loaded: { statements: loaded, seconds: loadSeconds },
      insert: {
        posts: pairs.length,
        statements,
        with: {
          msPerPost: median(pairs.map((pair) => pair.ms.with)),
          usPerStatement: (total('with') * 1000) / statements,
        },
        without: {
          msPerPost: median(pairs.map((pair) => pair.ms.without)),
          usPerStatement: (total('without') * 1000) / statements,
        },
        ratio: median(ratios),
        ratioQuartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
        totalRatio: total('with') / total('without'),
        byKind: kinds.map((kind) => {
          const ofKind = pairs.filter((pair) => pair.kind === kind)
          return {
            kind,
            posts: ofKind.length,
            statementsPerPost: ofKind.reduce((sum, pair) => sum + pair.statements, 0) / ofKind.length,
            withMs: median(ofKind.map((pair) => pair.ms.with)),
            withoutMs: median(ofKind.map((pair) => pair.ms.without)),
            ratio: median(ofKind.map((pair) => pair.ms.with / pair.ms.without)),
          }
        }),
      },
      rebuild: { statements: replayed, runs: settings.runs, seconds: rebuildSeconds, median: median(rebuildSeconds) },
    }
  } finally {
    await closeDatabase()
  }
}

// ---- Orchestration: one child process per dialect, then the table ------------------------------------

function readSettings(): { settings: Settings; dialects: Dialect[] } {
  const { values } = parseArgs({
    options: {
      statements: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      posts: { type: 'string' },
      seed: { type: 'string' },
      dialect: { type: 'string', multiple: true },
    },
  })
  const number = (flag: string | undefined, env: string, fallback: number) => {
    const raw = flag ?? process.env[env]
    if (raw === undefined || raw === '') return fallback
    const value = Number(raw.replace(/[_,]/g, ''))
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${env} (or --${env.slice(6).toLowerCase()}) must be a whole number above 0`)
    return value
  }
  const settings: Settings = {
    statements: number(values.statements, 'BENCH_STATEMENTS', 100_000),
    runs: number(values.runs, 'BENCH_RUNS', 3),
    posts: number(values.posts, 'BENCH_POSTS', 1000),
    warmup: number(values.warmup, 'BENCH_WARMUP', 50),
    seed: number(values.seed, 'BENCH_SEED', 1),
  }
  const requested = values.dialect ?? process.env.BENCH_DIALECTS?.split(',').filter(Boolean) ?? ['sqlite', 'postgres']
  const dialects = requested.filter((d): d is Dialect => d === 'sqlite' || d === 'postgres')
  return { settings, dialects }
}

function printTable(results: DialectResult[], settings: Settings) {
  const cpus = os.cpus()
  const rows: [string, ...string[]][] = []
  const column = (format: (r: DialectResult) => string) => results.map(format)
  const n = (value: number, digits = 0) =>
    value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })
  rows.push(['', ...column((r) => r.label)])
  rows.push(['Statement inserts: one form post (1–7 statements) per transaction', ...column(() => '')])
  rows.push([
    '  post pairs measured (statements each side)',
    ...column((r) => `${n(r.insert.posts)} (${n(r.insert.statements)})`),
  ])
  rows.push(['  with projections: median ms per post', ...column((r) => n(r.insert.with.msPerPost, 2))])
  rows.push(['  without (project: false): median ms per post', ...column((r) => n(r.insert.without.msPerPost, 2))])
  rows.push(['  ratio with / without, median of pairs', ...column((r) => `${n(r.insert.ratio, 2)}×`)])
  rows.push([
    '  interquartile range of the pair ratios',
    ...column((r) => `${n(r.insert.ratioQuartiles[0], 2)}–${n(r.insert.ratioQuartiles[1], 2)}×`),
  ])
  rows.push(['  with projections: mean µs per statement', ...column((r) => n(r.insert.with.usPerStatement))])
  rows.push(['  without: mean µs per statement', ...column((r) => n(r.insert.without.usPerStatement))])
  rows.push(['  ratio of total times', ...column((r) => `${n(r.insert.totalRatio, 2)}×`)])
  rows.push(['rebuildProjections', ...column(() => '')])
  rows.push(['  statements replayed', ...column((r) => n(r.rebuild.statements))])
  rows.push([
    '  seconds (median of runs)',
    ...column((r) => `${n(r.rebuild.median, 1)} (${r.rebuild.seconds.map((s) => n(s, 1)).join(', ')})`),
  ])
  rows.push(['  seconds per million statements', ...column((r) => n((r.rebuild.median * 1e6) / r.rebuild.statements))])
  rows.push(['  statements per second', ...column((r) => n(r.rebuild.statements / r.rebuild.median))])
  rows.push([
    '(bulk load of the history, not a result)',
    ...column((r) => `${n(r.loaded.statements)} in ${n(r.loaded.seconds, 1)} s`),
  ])

  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? []
  console.log(
    `\nProjections benchmark: Node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, load average ${os.loadavg()[0]?.toFixed(1)}, seed ${settings.seed}`,
  )
  for (const row of rows)
    console.log(
      row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   '),
    )

  console.log('\nBy kind of post: median ms per post, and the median of the pair ratios')
  const kinds = [...new Set(results.flatMap((r) => r.insert.byKind.map((k) => k.kind)))]
  const kindRows: string[][] = [
    ['', 'posts', 'statements', ...results.flatMap((r) => [`${r.label} with`, 'without', 'ratio'])],
  ]
  for (const kind of kinds) {
    const first = results.flatMap((r) => r.insert.byKind).find((k) => k.kind === kind)
    kindRows.push([
      kind,
      n(first?.posts ?? 0),
      n(first?.statementsPerPost ?? 0, 1),
      ...results.flatMap((r) => {
        const k = r.insert.byKind.find((entry) => entry.kind === kind)
        return k ? [n(k.withMs, 2), n(k.withoutMs, 2), `${n(k.ratio, 2)}×`] : ['', '', '']
      }),
    ])
  }
  const kindWidths = kindRows[0]?.map((_, i) => Math.max(...kindRows.map((row) => (row[i] ?? '').length))) ?? []
  for (const row of kindRows)
    console.log(
      `  ${row.map((cell, i) => (i === 0 ? cell.padEnd(kindWidths[i] ?? 0) : cell.padStart(kindWidths[i] ?? 0))).join('   ')}`,
    )
  console.log('\nOne run on a shared machine: compare ratios within a run, not absolute times across machines.')
}

type ChildTask = { dialect: Dialect; settings: Settings }

async function main(children: ChildRuns<ChildTask, DialectResult>): Promise<number> {
  const { settings, dialects } = readSettings()
  const results: DialectResult[] = []
  const runChild = (dialect: Dialect, databaseUrl: string, settings: Settings) =>
    children.run({ databaseUrl, task: { dialect, settings }, label: `${dialect} benchmark` })
  const { cleanUp } = children
  const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`
  try {
    if (dialects.includes('sqlite')) {
      const file = path.join(os.tmpdir(), `skills-bench-${id}.sqlite`)
      children.onCleanUp(async () => {
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
      })
      results.push(await runChild('sqlite', `file:${file}`, settings))
      await cleanUp()
    }
    const serverUrl = process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL
    if (dialects.includes('postgres') && !serverUrl)
      log(
        'PostgreSQL skipped: set BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) to a server where the role may create databases.',
      )
    if (dialects.includes('postgres') && serverUrl) {
      const name = `skills_bench_${id}`
      const admin = () => postgres(serverUrl, { max: 1, onnotice: () => undefined })
      const sql = admin()
      await sql.unsafe(`create database ${name}`).finally(() => sql.end())
      children.onCleanUp(async () => {
        const dropper = admin()
        await dropper.unsafe(`drop database if exists ${name} with (force)`).finally(() => dropper.end())
      })
      const url = new URL(serverUrl)
      url.pathname = `/${name}`
      results.push(await runChild('postgres', url.toString(), settings))
    }
  } finally {
    await cleanUp()
  }
  if (results.length > 0) printTable(results, settings)
  return 0
}

runBenchmark<ChildTask, DialectResult>({
  script: fileURLToPath(import.meta.url),
  variable: 'BENCH_CHILD',
  child: ({ dialect, settings }) => measure(dialect, settings),
  main,
})
