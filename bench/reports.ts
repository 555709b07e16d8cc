import { fork } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import type { BuildSummary, BuildTarget, IcbSettings } from './synthetic-icb.ts'
import { quantile } from './statistics.ts'

// npm run bench:reports — how long the readiness report pages take to load at the scale of a whole
// integrated care board: 80,000 people in 3,000 teams, 60 directorates and 8 organisations, with 5 million
// xAPI statements and their projections (bench/synthetic-icb.ts). For each database it times the page a
// team manager opens (their team), a directorate lead's page (their directorate) and an administrator's
// ICB roll-up: the route loader when app/routes/reports.units.$unitId._index.tsx exists, otherwise the
// report functions that page calls (unitHeadline, unitHeatmap, unitTrend, and teamPeople for a team).
// Pages take turns, a different random team and directorate each time; the first runs are a warm-up.
// Printed: median and 95th percentile per page, the time of each report function alone, and the data.
//
// The databases are built once, both in one pass, and kept: bench/.data/reports-<people>-<statements>-
// <seed>.sqlite (git-ignored) and the Postgres database skills_bench_reports (another name at other
// scales) on the server of BENCH_POSTGRES_URL or TEST_POSTGRES_URL; a database counts as built once its
// build summary is written (a .json beside the file; the database's comment). A build first proves on a
// sample that the bulk rows equal what storeStatements and the projector write. --fresh rebuilds. Each
// dialect is measured in a child process, because the app's database client is chosen once per process.
// Timings are printed, never asserted.
//
//   npm run bench:reports                                   # the issue's scale (first build: ~45 minutes)
//   BENCH_PEOPLE=8000 BENCH_STATEMENTS=500000 npm run bench:reports -- --dialect sqlite
//   npm run bench:reports -- --fresh --runs 50

type Dialect = 'sqlite' | 'postgres'
type Page = 'team' | 'directorate' | 'icb'

interface Settings extends IcbSettings {
  runs: number
  warmup: number
}

interface PageResult {
  page: Page
  ms: number[]
  median: number
  p95: number
  /** Median ms of each report function called alone on this kind of page. */
  parts: Record<string, number>
}

interface DialectResult {
  dialect: Dialect
  label: string
  summary: BuildSummary
  built: boolean
  bytes: number
  via: string
  /** rebuildTeamRollups over every team, before the pages are timed. */
  rollups: { seconds: number; rows: number }
  pages: PageResult[]
}

type ChildTask =
  | { mode: 'check'; settings: Settings }
  | { mode: 'build'; settings: Settings; targets: BuildTarget[] }
  | {
      mode: 'measure'
      dialect: Dialect
      settings: Settings
      built: boolean
      summary: BuildSummary
      sqliteFile?: string
    }

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dataDir = path.join(root, 'bench/.data')
const REPORT_ROUTE = path.join(root, 'app/routes/reports.units.$unitId._index.tsx')
const PAGES: Page[] = ['team', 'directorate', 'icb']
const PAGE_LABEL: Record<Page, string> = { team: 'team page', directorate: 'directorate page', icb: 'ICB roll-up' }
const TARGET_P95_MS: Partial<Record<Page, number>> = { team: 100, icb: 1000 }
const DEFAULT_SCALE = { people: 80_000, statements: 5_000_000, seed: 1 }

const log = (message: string) => process.stderr.write(`${message}\n`)
const n = (value: number, digits = 0) =>
  value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })

/** What a cached database must have been built from to be reused. */
function cacheKey(settings: IcbSettings, dialect: Dialect, generatorVersion: number) {
  const journal = JSON.parse(
    fs.readFileSync(path.join(root, 'db/migrations', dialect, 'meta/_journal.json'), 'utf8'),
  ) as { entries: { tag: string }[] }
  return {
    people: settings.people,
    statements: settings.statements,
    seed: settings.seed,
    generatorVersion,
    migration: journal.entries.at(-1)?.tag ?? 'none',
  }
}
const sameKey = (summary: (BuildSummary & { key?: unknown }) | undefined, key: unknown) =>
  summary !== undefined && JSON.stringify(summary.key) === JSON.stringify(key)

// ---- In the child process (DATABASE_URL set) -------------------------------------------------------

async function check(settings: Settings): Promise<string> {
  const { closeDatabase, migrateDatabase } = await import('#app/lib/db.server.ts')
  const { loadCatalogue } = await import('./synthetic-learning.ts')
  const { checkAgainstApp } = await import('./synthetic-icb.ts')
  try {
    await migrateDatabase(path.join(root, 'db/migrations'))
    return await checkAgainstApp({ settings, catalogue: loadCatalogue() })
  } finally {
    await closeDatabase()
  }
}

/** Migrates each empty database, then writes the synthetic ICB into all of them in one pass. */
async function build(settings: Settings, targets: BuildTarget[]): Promise<BuildSummary> {
  const { connect } = await import('#app/lib/db.server.ts')
  const { loadCatalogue } = await import('./synthetic-learning.ts')
  const { buildSyntheticIcb } = await import('./synthetic-icb.ts')
  for (const target of targets) {
    const connection = connect(target.dialect === 'sqlite' ? `file:${target.file}` : target.url)
    try {
      await connection.migrate(path.join(root, 'db/migrations'))
    } finally {
      await connection.close()
    }
  }
  const names = targets.map((t) => (t.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL')).join(' + ')
  let lastLine = 0
  const say = (message: string, transient = false) => {
    const tty = process.stderr.isTTY
    if (transient && tty) return void process.stderr.write(`\r[${names}] ${message}\u001b[K`)
    // Without a terminal, progress comes as a line every 15 seconds.
    if (transient && performance.now() - lastLine < 15_000) return
    lastLine = performance.now()
    process.stderr.write(`${tty ? '\r\u001b[K' : ''}[${names}] ${message}\n`)
  }
  const summary = await buildSyntheticIcb({ targets, settings, catalogue: loadCatalogue(), log: say })
  say(`built in ${n(summary.buildSeconds)} s`)
  return summary
}

type Loader = (args: {
  request: Request
  params: Record<string, string>
  context: Record<string, unknown>
}) => Promise<unknown>

async function measure(task: Extract<ChildTask, { mode: 'measure' }>): Promise<DialectResult> {
  const { closeDatabase, db, migrateDatabase } = await import('#app/lib/db.server.ts')
  const { sql } = await import('drizzle-orm')
  const { seededRandom, hashSeed } = await import('./synthetic-learning.ts')
  const { icbShape, sqliteFileBytes } = await import('./synthetic-icb.ts')
  const { dialect, settings, summary } = task
  const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'
  const say = (message: string, transient = false) => {
    if (transient && !process.stderr.isTTY) return
    process.stderr.write(
      transient
        ? `\r[${label}] ${message}\u001b[K`
        : `${process.stderr.isTTY ? '\r\u001b[K' : ''}[${label}] ${message}\n`,
    )
  }
  try {
    await migrateDatabase(path.join(root, 'db/migrations'))
    // The synthetic data is bulk-loaded without team rollups (and a cached build may predate them).
    const { rebuildTeamRollups } = await import('#app/lib/learning/projections/team-rollups.server.ts')
    say('computing team rollups…')
    const rollupsStarted = performance.now()
    await rebuildTeamRollups({ onProgress: (done, all) => say(`team rollups ${n(done)} / ${n(all)} teams`, true) })
    const rollupSeconds = (performance.now() - rollupsStarted) / 1000
    const shape = icbShape(settings)
    const { createSession, invalidateSession, sessionIdFromToken } = await import('#app/lib/auth/session.server.ts')
    const { schema } = await import('#app/lib/db.server.ts')
    const { count } = await import('drizzle-orm')
    const { visibleUnit } = await import('#app/lib/auth/scope.server.ts')
    const leadOf = (unitId: string) => shape.managers.find((m) => m.orgUnitId === unitId)?.userId ?? shape.admin.id
    // Who opens the page: the ICB roll-up an administrator, any other unit its manager.
    const viewerOf = (page: Page, unitId: string) => {
      const id = page === 'icb' ? shape.admin.id : leadOf(unitId)
      return { id, isAdmin: id === shape.admin.id }
    }
    const unitOf = async (page: Page, unitId: string) => {
      const unit = await visibleUnit({ viewer: viewerOf(page, unitId), unitId })
      if (!unit) throw new Error(`unit ${unitId} is missing or hidden from its manager: rebuild with --fresh`)
      return unit
    }
    const random = seededRandom(hashSeed(`bench-reports-pages:${settings.seed}`))
    const total = settings.warmup + settings.runs
    const pickUnit = (page: Page) => {
      const list = page === 'team' ? shape.teams : page === 'directorate' ? shape.directorates : [shape.icb]
      return list[Math.floor(random() * list.length)] as (typeof list)[number]
    }
    const plan = Array.from({ length: total }, () => PAGES.map((page) => ({ page, unitId: pickUnit(page).id })))

    // The page: its route loader as a signed-in manager or administrator would call it, or the lib calls.
    const tokens = new Map<string, string>()
    const tokenFor = async (userId: string) => {
      let token = tokens.get(userId)
      if (!token) tokens.set(userId, (token = (await createSession({ userId })).token))
      return token
    }
    let loader: Loader | undefined
    let via = 'report functions (unitHeadline, unitHeatmap, unitTrend; teamPeople for a team)'
    if (fs.existsSync(REPORT_ROUTE)) {
      try {
        // The route imports its print stylesheet as a URL (a Vite feature): outside Vite that is just a string.
        const { register } = await import('node:module')
        const stub = `data:text/javascript,${encodeURIComponent('export default "/assets/print.css"')}`
        const hooks = `export async function resolve(specifier, context, next) { return /\\.css(\\?url)?$/.test(specifier) ? { url: ${JSON.stringify(stub)}, shortCircuit: true } : next(specifier, context) }`
        register(`data:text/javascript,${encodeURIComponent(hooks)}`)
        const route = (await import(/* @vite-ignore */ REPORT_ROUTE)) as { loader?: Loader }
        if (route.loader) {
          loader = route.loader
          via = 'route loader app/routes/reports.units.$unitId._index.tsx'
        }
      } catch (error) {
        say(`could not load the report route (${String(error)}); timing the report functions instead`)
      }
    }
    const report = await import('#app/lib/reports/readiness-report.server.ts')
    const libParts = (unit: Awaited<ReturnType<typeof unitOf>>) => ({
      unitHeadline: () => report.unitHeadline({ unit }),
      unitHeatmap: () => report.unitHeatmap({ unit }),
      unitTrend: () => report.unitTrend({ unit }),
      ...(unit.kind === 'team' ? { teamPeople: () => report.teamPeople({ unit }) } : {}),
    })
    const openPage = async (page: Page, unitId: string) => {
      if (loader) {
        const viewer = viewerOf(page, unitId).id
        const request = new Request(`http://localhost/reports/units/${unitId}`, {
          headers: { Cookie: `session=${await tokenFor(viewer)}` },
        })
        const started = performance.now()
        const result = await loader({
          request,
          params: { unitId },
          context: { clientIp: '192.0.2.1', cspNonce: 'bench' },
        })
        if (result instanceof Response && !result.ok)
          throw new Error(`the loader answered ${result.status} for ${page} ${unitId}`)
        return performance.now() - started
      }
      const started = performance.now()
      const unit = await unitOf(page, unitId)
      await Promise.all(Object.values(libParts(unit)).map((part) => part()))
      return performance.now() - started
    }

    const ms: Record<Page, number[]> = { team: [], directorate: [], icb: [] }
    for (const [round, pages] of plan.entries()) {
      for (const { page, unitId } of pages) {
        const elapsed = await openPage(page, unitId)
        if (round >= settings.warmup) ms[page].push(elapsed)
      }
      say(`round ${round + 1}/${total}${round < settings.warmup ? ' (warm-up)' : ''}`, true)
    }
    say(
      `${settings.runs} timed rounds after ${settings.warmup} warm-up rounds, via ${loader ? 'the route loader' : 'the report functions'}`,
    )

    // Where the time goes: each report function alone, on the same units.
    const parts: Record<Page, Record<string, number[]>> = { team: {}, directorate: {}, icb: {} }
    for (const pages of plan.slice(settings.warmup, settings.warmup + Math.max(5, Math.ceil(settings.runs / 3)))) {
      for (const { page, unitId } of pages) {
        const unit = await unitOf(page, unitId)
        for (const [name, part] of Object.entries(libParts(unit))) {
          const started = performance.now()
          await part()
          ;(parts[page][name] ??= []).push(performance.now() - started)
        }
      }
    }
    for (const token of tokens.values()) await invalidateSession({ sessionId: sessionIdFromToken(token) })

    const bytes =
      dialect === 'sqlite'
        ? sqliteFileBytes(task.sqliteFile ?? '')
        : Number(
            (
              (await db().execute(sql`select pg_database_size(current_database()) as bytes`)) as unknown as {
                bytes: string
              }[]
            )[0]?.bytes ?? 0,
          )
    return {
      dialect,
      label,
      summary,
      built: task.built,
      bytes,
      via,
      rollups: {
        seconds: rollupSeconds,
        rows: Number((await db().select({ n: count() }).from(schema().teamReadiness))[0]?.n ?? 0),
      },
      pages: PAGES.map((page) => ({
        page,
        ms: ms[page],
        median: quantile(ms[page], 0.5),
        p95: quantile(ms[page], 0.95),
        parts: Object.fromEntries(Object.entries(parts[page]).map(([name, values]) => [name, quantile(values, 0.5)])),
      })),
    }
  } finally {
    await closeDatabase()
  }
}

// ---- Orchestration ----------------------------------------------------------------------------------

function runChild<T>(databaseUrl: string, task: ChildTask): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, BENCH_REPORTS_CHILD: JSON.stringify(task) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Room for the projections of 80,000 learners, and a young generation big enough for millions of short-lived statement objects.
      execArgv: [...process.execArgv, '--max-old-space-size=8192', '--max-semi-space-size=64'],
    })
    let result: T | undefined
    child.on('message', (message) => (result = message as T))
    child.on('error', reject)
    child.on('exit', (code) =>
      result !== undefined && code === 0
        ? resolve(result)
        : reject(new Error(`${task.mode} child exited with code ${code}`)),
    )
  })
}

function readSettings(): { settings: Settings; dialects: Dialect[]; fresh: boolean } {
  const { values } = parseArgs({
    options: {
      people: { type: 'string' },
      statements: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      dialect: { type: 'string', multiple: true },
      fresh: { type: 'boolean', default: false },
    },
  })
  const number = (flag: string | undefined, env: string, fallback: number, min = 1) => {
    const raw = flag ?? process.env[env]
    if (raw === undefined || raw === '') return fallback
    const value = Number(raw.replace(/[_,]/g, ''))
    if (!Number.isInteger(value) || value < min)
      throw new Error(`${env} (or --${env.slice(6).toLowerCase()}) must be a whole number of at least ${min}`)
    return value
  }
  const settings: Settings = {
    people: number(values.people, 'BENCH_PEOPLE', DEFAULT_SCALE.people, 10),
    statements: number(values.statements, 'BENCH_STATEMENTS', DEFAULT_SCALE.statements, 0),
    seed: number(values.seed, 'BENCH_SEED', DEFAULT_SCALE.seed),
    runs: number(values.runs, 'BENCH_RUNS', 30),
    warmup: number(values.warmup, 'BENCH_WARMUP', 5, 0),
  }
  const requested = values.dialect ?? process.env.BENCH_DIALECTS?.split(',').filter(Boolean) ?? ['sqlite', 'postgres']
  const dialects = requested.filter((d): d is Dialect => d === 'sqlite' || d === 'postgres')
  return { settings, dialects, fresh: values.fresh || process.env.BENCH_FRESH === '1' }
}

interface Target {
  dialect: Dialect
  url: string
  sqliteFile?: string
  summary?: BuildSummary
  /** Postgres: the server to create the database on, and its name. */
  server?: string
  database?: string
}

async function findTargets(settings: Settings, dialects: Dialect[], generatorVersion: number): Promise<Target[]> {
  const scale = `${settings.people}-${settings.statements}-${settings.seed}`
  const targets: Target[] = []
  if (dialects.includes('sqlite')) {
    const file = path.join(dataDir, `reports-${scale}.sqlite`)
    const marker = `${file}.json`
    const summary =
      fs.existsSync(file) && fs.existsSync(marker)
        ? (JSON.parse(fs.readFileSync(marker, 'utf8')) as BuildSummary)
        : undefined
    targets.push({
      dialect: 'sqlite',
      url: `file:${file}`,
      sqliteFile: file,
      summary: sameKey(summary, cacheKey(settings, 'sqlite', generatorVersion)) ? summary : undefined,
    })
  }
  const server = process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL
  if (dialects.includes('postgres') && !server)
    log(
      'PostgreSQL skipped: set BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) to a server where the role may create databases.',
    )
  if (dialects.includes('postgres') && server) {
    const isDefault =
      settings.people === DEFAULT_SCALE.people &&
      settings.statements === DEFAULT_SCALE.statements &&
      settings.seed === DEFAULT_SCALE.seed
    const database = isDefault ? 'skills_bench_reports' : `skills_bench_reports_${scale.replace(/-/g, '_')}`
    const url = new URL(server)
    url.pathname = `/${database}`
    const admin = postgres(server, { max: 1, onnotice: () => undefined })
    try {
      // The build summary lives in the database's comment, written only once the build has finished.
      const [row] = await admin<
        { comment: string | null }[]
      >`select shobj_description(oid, 'pg_database') as comment from pg_database where datname = ${database}`
      const summary = row?.comment ? (JSON.parse(row.comment) as BuildSummary) : undefined
      targets.push({
        dialect: 'postgres',
        url: url.toString(),
        server,
        database,
        summary: sameKey(summary, cacheKey(settings, 'postgres', generatorVersion)) ? summary : undefined,
      })
    } finally {
      await admin.end()
    }
  }
  return targets
}

async function prepareEmpty(target: Target) {
  if (target.sqliteFile) {
    fs.mkdirSync(dataDir, { recursive: true })
    for (const suffix of ['', '-wal', '-shm', '.json']) fs.rmSync(target.sqliteFile + suffix, { force: true })
    return
  }
  const admin = postgres(target.server ?? '', { max: 1, onnotice: () => undefined })
  try {
    await admin.unsafe(`drop database if exists ${target.database} with (force)`)
    await admin.unsafe(`create database ${target.database}`)
  } finally {
    await admin.end()
  }
}

async function markComplete(target: Target, summary: BuildSummary & { key: unknown }) {
  if (target.sqliteFile) {
    fs.writeFileSync(`${target.sqliteFile}.json`, `${JSON.stringify(summary, null, 2)}\n`)
    return
  }
  const admin = postgres(target.server ?? '', { max: 1, onnotice: () => undefined })
  try {
    await admin.unsafe(`comment on database ${target.database} is '${JSON.stringify(summary).replace(/'/g, "''")}'`)
  } finally {
    await admin.end()
  }
}

const bytes = (value: number) => (value >= 1e9 ? `${n(value / 1e9, 1)} GB` : `${n(value / 1e6)} MB`)

function printResults(results: DialectResult[], settings: Settings) {
  const cpus = os.cpus()
  const first = results[0]?.summary
  console.log(
    `\nReports benchmark: Node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${n(os.totalmem() / 1e9)} GB, load average ${os.loadavg()[0]?.toFixed(1)}`,
  )
  if (first) {
    console.log(
      `Synthetic ICB (seed ${settings.seed}): ${n(first.people)} people (${n(first.learners)} with learning), ${n(first.teams)} teams, ${n(first.directorates)} directorates, ${n(first.organisations)} organisations; ${n(first.rows.xapi_statements ?? 0)} statements; history to ${first.until.slice(0, 10)}`,
    )
  }
  const rows: string[][] = [
    ['', ...results.map((r) => `${r.label} median`), ...results.map((r) => `${r.label} p95`)].slice(0, 1),
  ]
  rows[0] = ['ms per page load', ...results.flatMap((r) => [`${r.label} median`, 'p95'])]
  for (const page of PAGES) {
    rows.push([
      `${PAGE_LABEL[page]}${TARGET_P95_MS[page] ? ` (target p95 < ${n(TARGET_P95_MS[page] ?? 0)})` : ''}`,
      ...results.flatMap((r) => {
        const result = r.pages.find((p) => p.page === page)
        return result ? [n(result.median, 1), n(result.p95, 1)] : ['', '']
      }),
    ])
  }
  const table = (list: string[][]) => {
    const widths = list[0]?.map((_, i) => Math.max(...list.map((row) => (row[i] ?? '').length))) ?? []
    for (const row of list)
      console.log(
        row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   '),
      )
  }
  table(rows)
  for (const r of results) {
    const verdicts = PAGES.flatMap((page) => {
      const limit = TARGET_P95_MS[page]
      const result = r.pages.find((p) => p.page === page)
      return limit && result ? [`${PAGE_LABEL[page]} ${result.p95 < limit ? 'met' : 'MISSED'}`] : []
    })
    console.log(
      `  ${r.label}: ${verdicts.join(', ')}; ${settings.runs} runs after ${settings.warmup} warm-up; timed: ${r.via}`,
    )
  }

  console.log('\nEach report function alone, median ms')
  const names = [...new Set(results.flatMap((r) => r.pages.flatMap((p) => Object.keys(p.parts))))]
  const partRows: string[][] = [['', ...results.flatMap((r) => PAGES.map((page) => `${r.label} ${page}`))]]
  for (const name of names)
    partRows.push([
      name,
      ...results.flatMap((r) =>
        PAGES.map((page) => {
          const value = r.pages.find((p) => p.page === page)?.parts[name]
          return value === undefined ? '–' : n(value, 1)
        }),
      ),
    ])
  table(partRows)

  console.log('\nData')
  const tables = [
    'users',
    'org_units',
    'org_unit_closure',
    'memberships',
    'manager_assignments',
    'xapi_statements',
    'xapi_statement_agents',
    'xapi_statement_activities',
    'module_attempts',
    'competency_evidence',
    'self_ratings',
    'readiness_periods',
  ]
  const dataRows: string[][] = [['rows', ...results.map((r) => r.label)]]
  for (const name of tables) dataRows.push([name, ...results.map((r) => n(r.summary.rows[name] ?? 0))])
  dataRows.push(['database size', ...results.map((r) => bytes(r.bytes))])
  dataRows.push(['team_readiness (rollup rows)', ...results.map((r) => n(r.rollups.rows))])
  dataRows.push(['rebuildTeamRollups, all teams (s)', ...results.map((r) => n(r.rollups.seconds, 1))])
  dataRows.push([
    'build (s; this run or cached)',
    ...results.map((r) => `${n(r.summary.buildSeconds)}${r.built ? '' : ' (cached)'}`),
  ])
  table(dataRows)
  console.log('\nOne run on a shared machine: medians and p95 of loader time in milliseconds, measured in-process.')
}

async function main() {
  const { settings, dialects, fresh } = readSettings()
  const { GENERATOR_VERSION } = await import('./synthetic-icb.ts')
  const targets = await findTargets(settings, dialects, GENERATOR_VERSION)
  if (fresh) for (const target of targets) target.summary = undefined
  if (targets.some((target) => !target.summary)) {
    log('checking the bulk rows against storeStatements and the projector on a sample…')
    log(`  ${await runChild<string>('file::memory:', { mode: 'check', settings })}`)
  }
  const toBuild = targets.filter((target) => !target.summary)
  if (toBuild.length > 0) {
    for (const target of toBuild) {
      log(
        `building ${target.sqliteFile ? path.relative(root, target.sqliteFile) : `Postgres database ${target.database}`}`,
      )
      await prepareEmpty(target)
    }
    const buildTargets = toBuild.map((t): BuildTarget =>
      t.sqliteFile ? { dialect: 'sqlite', file: t.sqliteFile } : { dialect: 'postgres', url: t.url },
    )
    const summary = await runChild<BuildSummary>('file::memory:', { mode: 'build', settings, targets: buildTargets })
    for (const target of toBuild) {
      target.summary = summary
      await markComplete(target, { ...summary, key: cacheKey(settings, target.dialect, GENERATOR_VERSION) })
    }
  }
  const results: DialectResult[] = []
  for (const target of targets) {
    const built = toBuild.includes(target)
    results.push(
      await runChild<DialectResult>(target.url, {
        mode: 'measure',
        dialect: target.dialect,
        settings,
        built,
        summary: target.summary as BuildSummary,
        sqliteFile: target.sqliteFile,
      }),
    )
  }
  printResults(results, settings)
}

const childTask = process.env.BENCH_REPORTS_CHILD
  ? (JSON.parse(process.env.BENCH_REPORTS_CHILD) as ChildTask)
  : undefined
if (childTask) {
  ;(childTask.mode === 'check'
    ? check(childTask.settings)
    : childTask.mode === 'build'
      ? build(childTask.settings, childTask.targets)
      : measure(childTask)
  )
    .then((result) => {
      process.send?.(result)
      process.disconnect?.()
    })
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
} else {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
