import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { runBenchmark, type ChildRuns } from './child-runs.ts'
import { clockTicks, memoryWatch, postgresBackendTicks, startProfiler } from './process-measures.ts'
import { staffFile, type StaffFile } from './staff-lists.ts'
import { median, quantile } from './statistics.ts'
import type { ReminderWorkSummary } from './synthetic-reminders.ts'

// npm run bench:reminders — the daily reminder sweep and the email worker at the scale of a whole integrated
// care board. Per dialect, a child process builds the synthetic ICB on a fresh migrated database: the 80,000
// people of the synthetic ESR staff list (bench/synthetic-esr.ts) loaded by runStaffImport, then their work
// written straight to the tables in bulk (bench/synthetic-reminders.ts: assignments at every level due around
// today, passes, lapsing evidence, readiness, a manager for every team). Another child process then measures,
// on that database (or, with --runs N, on a fresh copy of it per run):
//
// 1. the first sweep of the day (sweepReminders): wall-clock and CPU seconds, peak RSS, emails queued and
//    reminders recorded;
// 2. an immediate second sweep with the same clock, which must queue nothing: if it queues anything the
//    benchmark fails (a correctness failure, not a timing);
// 3. the weekly manager digests (queueManagerDigests);
// 4. one job worker (startWorker) sending queued emails, all of them or a random sample of --emails, to a local
//    SMTP server that accepts and discards them (bench/smtp-sink.ts, in a child process of its own by
//    default): emails per second. The server must receive exactly as many messages as jobs were chosen, every
//    one of them done and none dead, or the benchmark fails.
//
// The issue's targets on a 2-core machine (sweep < 60 s, worker > 100 emails/s) are printed beside the
// figures, never asserted. SQLite runs on a temporary file; PostgreSQL when BENCH_POSTGRES_URL or
// TEST_POSTGRES_URL names a server (the benchmark creates its own databases there and drops them).
//
//   npm run bench:reminders                                   # 80,000 people; SQLite (and PostgreSQL if set)
//   npm run bench:reminders -- --people 8000 --dialect sqlite # a quick check
//   npm run bench:reminders -- --runs 3 --emails 5000         # medians of three runs on copies of one build
//   npm run bench:reminders -- --cpu-prof                     # a V8 CPU profile of each measured step

type Dialect = 'sqlite' | 'postgres'
type SinkPlace = 'child' | 'inline'

interface Settings {
  people: number
  seed: number
  runs: number
  /** Emails the worker sends (a random sample of those queued); 0: all of them. */
  emails: number
  concurrency: number
  sink: SinkPlace
  keep: boolean
  cpuProf: boolean
  /** Settings for the measuring connections to PostgreSQL (NAME=VALUE, e.g. jit=off), sent when they connect. */
  postgresOptions: string[]
}

interface BuildTask {
  kind: 'build'
  dialect: Dialect
  staffList: string
  seed: number
}

interface MeasureTask {
  kind: 'measure'
  dialect: Dialect
  run: number
  /** The benchmark's "today" (ISO), fixed when the data was built: the data's due dates are relative to it. */
  now: string
  seed: number
  emails: number
  concurrency: number
  sink: SinkPlace
  profileDir?: string
  sqliteFile?: string
}

type ChildTask = BuildTask | MeasureTask

interface BuildResult {
  kind: 'build'
  now: string
  importSeconds: number
  imported: { people: number; problems: number; result: string }
  work: ReminderWorkSummary
  rows: Record<string, number>
  seconds: number
}

/** What one measured step cost the machine. */
interface Cost {
  seconds: number
  cpuSeconds: number
  /** CPU seconds of the PostgreSQL backends serving the database (null: SQLite, or not visible from here). */
  serverCpuSeconds: number | null
  peakRss: number
  peakHeap: number
  rssMethod: string
}

interface MeasureResult {
  kind: 'measure'
  dialect: Dialect
  run: number
  jobsBefore: number
  first: Cost & { people: number; reminders: number; emails: number }
  second: Cost & { people: number; reminders: number; emails: number }
  digests: Cost & { week: string; emails: number; managers: number }
  /** Email jobs queued after the sweep and the digests, by kind of email. */
  queuedByKind: Record<string, number>
  worker: Cost & {
    chosen: number
    chosenByKind: Record<string, number>
    received: number
    bytes: number
    sinkCpuSeconds: number
    states: Record<string, number>
    /** Time each email job took in the handler (writing the email from the database, and handing it over), by kind. */
    handlerMs: Record<string, { count: number; median: number; p95: number }>
    /** Jobs other than emails queued when the worker started, set aside so that it only sends emails. */
    otherJobsSetAside: number
    log: string[]
  }
  rows: Record<string, number>
  bytes: number
  /** The server's version and whether it JIT-compiles expensive queries, as the measuring connections saw them. */
  postgres?: { version: string; jit: string }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dataDir = path.join(root, 'bench/.data')
const MB = 1024 * 1024
const DAY = 24 * 60 * 60 * 1000
const TARGET_SWEEP_SECONDS = 60
const TARGET_EMAILS_PER_SECOND = 100
const COUNTED_TABLES = [
  'users',
  'memberships',
  'org_units',
  'manager_assignments',
  'assignments',
  'module_attempts',
  'competency_evidence',
  'readiness_periods',
  'notification_opt_outs',
  'jobs',
  'reminder_sends',
]
const EMAIL_KINDS = ['due-soon', 'due-today', 'overdue', 'evidence-lapsing', 'manager-digest', 'assigned']

const log = (message: string) => process.stderr.write(`${message}\n`)
const n = (value: number, digits = 0) =>
  value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const labelOf = (dialect: Dialect) => (dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL')

// ---- In a child process, with DATABASE_URL set -----------------------------------------------------------

function sayer(label: string) {
  return (message: string, transient = false) => {
    const tty = process.stderr.isTTY
    if (transient && !tty) return
    process.stderr.write(
      transient ? `\r[${label}] ${message}\u001b[K` : `${tty ? '\r\u001b[K' : ''}[${label}] ${message}\n`,
    )
  }
}

async function countRows(): Promise<Record<string, number>> {
  const { db, schema } = await import('#app/lib/db.server.ts')
  const { count, getTableName, is, Table } = await import('drizzle-orm')
  type AnyTable = ReturnType<typeof schema>['users']
  const tables = new Map<string, AnyTable>(
    Object.values(schema()).flatMap((table) =>
      is(table, Table) ? [[getTableName(table), table as unknown as AnyTable] as const] : [],
    ),
  )
  const rows: Record<string, number> = {}
  for (const name of COUNTED_TABLES) {
    const table = tables.get(name)
    if (!table) throw new Error(`no table ${name}`)
    rows[name] = Number((await db().select({ n: count() }).from(table))[0]?.n ?? 0)
  }
  return rows
}

/** Builds the synthetic ICB: a migrated database, the staff list imported, then the work written in bulk. */
async function build(task: BuildTask): Promise<BuildResult> {
  const { closeDatabase, migrateDatabase } = await import('#app/lib/db.server.ts')
  const { installEffects } = await import('#app/lib/install-effects.server.ts')
  const { createOrgUnit } = await import('#app/lib/org/units.server.ts')
  const { ensureTeamRollups } = await import('#app/lib/learning/projections/team-rollups.server.ts')
  const { runStaffImport } = await import('#app/lib/workforce/staff-import.server.ts')
  const { addReminderWork } = await import('./synthetic-reminders.ts')
  installEffects()
  const say = sayer(`${labelOf(task.dialect)} set-up`)
  const started = performance.now()
  try {
    await migrateDatabase(path.join(root, 'db/migrations'))
    await createOrgUnit({ code: 'bench-icb', name: 'Synthetic ICB', kind: 'icb' })
    await ensureTeamRollups()
    const importStarted = performance.now()
    const imported = await runStaffImport({
      open: () => fs.createReadStream(task.staffList),
      actor: { id: null, name: 'Reminder benchmark' },
      dryRun: false,
      onProgress: (stage, lines) => say(`staff import: ${stage}${lines ? ` ${n(lines)} lines` : ''}`, true),
    })
    if (!imported.ok) throw new Error(`the staff list could not be imported: ${imported.problem.message}`)
    const importSeconds = (performance.now() - importStarted) / 1000
    say(
      `staff import: ${imported.outcome.result}, ${n(imported.outcome.totals.new)} people in ${n(importSeconds, 1)} s`,
    )
    // "Today" for the whole benchmark: after the import, so everyone's membership has begun by then.
    const now = new Date()
    const work = await addReminderWork({ now, seed: task.seed, say: (message) => say(message) })
    say(
      `work generated in ${n(work.seconds.generating, 1)} s and written in ${n(work.seconds.writing, 1)} s, team rollups rebuilt in ${n(work.seconds.rollups, 1)} s${task.dialect === 'postgres' ? `, vacuum analyze ${n(work.seconds.analyze, 1)} s` : ''}`,
    )
    return {
      kind: 'build',
      now: now.toISOString(),
      importSeconds,
      imported: {
        people: imported.outcome.totals.new,
        problems: imported.outcome.problems.length,
        result: imported.outcome.result,
      },
      work,
      rows: await countRows(),
      seconds: (performance.now() - started) / 1000,
    }
  } finally {
    await closeDatabase()
  }
}

async function measure(task: MeasureTask): Promise<MeasureResult> {
  const { closeDatabase, db, schema } = await import('#app/lib/db.server.ts')
  const { and, eq, inArray, lt, ne, sql } = await import('drizzle-orm')
  const { installEffects } = await import('#app/lib/install-effects.server.ts')
  const { sweepReminders } = await import('#app/lib/reminders/reminder-sweep.server.ts')
  const { queueManagerDigests } = await import('#app/lib/reminders/manager-digests.server.ts')
  const { startWorker } = await import('#app/lib/jobs/worker.server.ts')
  const { registerJobHandler } = await import('#app/lib/jobs/job-handlers.server.ts')
  const { weeklyFromMonday } = await import('#app/lib/jobs/schedules.server.ts')
  const { emailJob } = await import('#app/lib/email/email-job.ts')
  const { sendQueuedEmailHandler } = await import('#app/lib/outbox/send-queued-email.server.ts')
  const { closeMailTransport, useMailSettings } = await import('#app/lib/email/send-email.server.ts')
  const { chunks } = await import('#app/lib/chunks.ts')
  const { hashSeed, seededRandom } = await import('./synthetic-learning.ts')
  const { startSmtpSink } = await import('./smtp-sink.ts')
  installEffects()
  const label = `${labelOf(task.dialect)}${task.run > 1 ? ` run ${task.run}` : ''}`
  const say = sayer(label)
  const gc = (globalThis as { gc?: () => void }).gc
  const memory = memoryWatch()
  const now = new Date(task.now)
  const { jobs, managerAssignments } = schema()

  async function timed<T>(step: string, work: () => Promise<T>): Promise<{ value: T; cost: Cost }> {
    gc?.()
    const profiler = task.profileDir ? await startProfiler() : undefined
    const serverBefore = task.dialect === 'postgres' ? await postgresBackendTicks() : null
    const watch = memory.start()
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    const value = await work()
    const seconds = (performance.now() - started) / 1000
    const cpu = process.cpuUsage(cpuBefore)
    const peak = watch.stop()
    const serverAfter = serverBefore ? await postgresBackendTicks() : null
    if (profiler && task.profileDir) {
      const file = path.join(task.profileDir, `${task.dialect}-run${task.run}-${step}.cpuprofile`)
      await profiler.stop(file)
      say(`${step}: CPU profile in ${path.relative(root, file)}`)
    }
    return {
      value,
      cost: {
        seconds,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        serverCpuSeconds: serverAfter
          ? [...serverAfter].reduce((sum, [pid, ticks]) => sum + ticks - (serverBefore?.get(pid) ?? 0), 0) / clockTicks
          : null,
        peakRss: peak.rss,
        peakHeap: peak.heap,
        rssMethod: memory.method,
      },
    }
  }

  const emailJobsByKind = async (where = eq(jobs.type, 'email')) => {
    const byKind: Record<string, number> = {}
    for (const { payload } of await db().select({ payload: jobs.payload }).from(jobs).where(where)) {
      const kind = String(payload.kind)
      byKind[kind] = (byKind[kind] ?? 0) + 1
    }
    return byKind
  }

  try {
    const postgresSettings =
      task.dialect === 'postgres'
        ? ((
            (await db().execute(
              sql`select current_setting('server_version') as version, current_setting('jit') as jit`,
            )) as unknown as { version: string; jit: string }[]
          )[0] ?? undefined)
        : undefined
    const jobsBefore = Number(
      (
        await db()
          .select({ n: sql<number>`count(*)` })
          .from(jobs)
      )[0]?.n ?? 0,
    )

    // 1. The first sweep of the day.
    say('first sweep…')
    const first = await timed('first-sweep', () =>
      sweepReminders({ now, onProgress: (people) => say(`first sweep: ${n(people)} people`, true) }),
    )
    say(
      `first sweep: ${n(first.value.emails)} emails queued, ${n(first.value.reminders)} reminders recorded for ${n(first.value.people)} people in ${n(first.cost.seconds, 1)} s (${n(first.cost.cpuSeconds, 1)} s CPU${first.cost.serverCpuSeconds === null ? '' : ` + ${n(first.cost.serverCpuSeconds, 1)} s in PostgreSQL`}), peak RSS ${n(first.cost.peakRss / MB)} MB`,
    )

    // 2. The same sweep again at once: nothing new may be queued.
    const second = await timed('second-sweep', () =>
      sweepReminders({ now, onProgress: (people) => say(`second sweep: ${n(people)} people`, true) }),
    )
    say(`second sweep: ${n(second.value.emails)} emails queued in ${n(second.cost.seconds, 1)} s`)

    // 3. The weekly digests, for the week `now` falls in.
    const week =
      weeklyFromMonday(7)(now) ?? weeklyFromMonday(7)(new Date(now.getTime() - 7 * DAY)) ?? 'week of the benchmark'
    const digests = await timed('digests', () => queueManagerDigests({ week, now }))
    const managers = Number(
      (
        await db()
          .select({ n: sql<number>`count(distinct ${managerAssignments.userId})` })
          .from(managerAssignments)
      )[0]?.n ?? 0,
    )
    say(
      `manager digests: ${n(digests.value.emails)} queued for ${n(managers)} managers in ${n(digests.cost.seconds, 1)} s`,
    )
    const queuedByKind = await emailJobsByKind()

    // 4. The worker, which sends emails and nothing else: it adds no recurring jobs (the benchmark ran the
    // sweep and the digests itself), and any other job queued by now is set aside (there should be none).
    const setAside = await db()
      .update(jobs)
      .set({ state: 'cancelled' })
      .where(and(ne(jobs.type, 'email'), eq(jobs.state, 'queued')))
      .returning({ id: jobs.id })
    // A random sample of the queued emails; the rest wait until far in the future.
    const queued = (
      await db()
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.type, 'email'), eq(jobs.state, 'queued')))
        .orderBy(jobs.dedupeKey)
    ).map((row) => row.id)
    const later = new Date(now.getTime() + 3650 * DAY)
    let chosen = queued
    if (task.emails > 0 && task.emails < queued.length) {
      const random = seededRandom(hashSeed(`bench-reminders-sample:${task.seed}`))
      for (let i = queued.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1))
        ;[queued[i], queued[j]] = [queued[j] as string, queued[i] as string]
      }
      chosen = queued.slice(0, task.emails)
      await db()
        .update(jobs)
        .set({ runAt: later })
        .where(and(eq(jobs.type, 'email'), eq(jobs.state, 'queued')))
      for (const part of chunks(chosen, 500)) await db().update(jobs).set({ runAt: now }).where(inArray(jobs.id, part))
    }
    const isChosen = and(eq(jobs.type, 'email'), lt(jobs.runAt, later))
    const chosenByKind = await emailJobsByKind(isChosen)

    const handlerTimes = new Map<string, number[]>()
    registerJobHandler(emailJob, {
      async run(payload, job) {
        const started = performance.now()
        try {
          await sendQueuedEmailHandler.run(payload, job)
        } finally {
          const times = handlerTimes.get(payload.kind) ?? []
          times.push(performance.now() - started)
          handlerTimes.set(payload.kind, times)
        }
      },
      describe: sendQueuedEmailHandler.describe,
    })
    const sink = await startSmtpSink({ where: task.sink })
    useMailSettings({ transport: 'smtp', from: 'Digital skills benchmark <no-reply@bench.invalid>', url: sink.url })
    const sinkBefore = await sink.stats()
    const workerLog: string[] = []
    say(`worker: sending ${n(chosen.length)} of ${n(queued.length)} queued emails (concurrency ${task.concurrency})…`)
    const sent = await timed('worker', async () => {
      const progress = setInterval(() => {
        void sink.stats().then((stats) => say(`worker: ${n(stats.messages - sinkBefore.messages)} sent`, true))
      }, 2000)
      const worker = startWorker({
        concurrency: task.concurrency,
        idlePollMs: 100,
        schedules: false,
        log: (line) => workerLog.push(line),
      })
      await worker.idle()
      clearInterval(progress)
      await worker.stop()
    })
    closeMailTransport()
    const sinkAfter = await sink.stats()
    await sink.close()
    const states: Record<string, number> = {}
    for (const row of await db()
      .select({ state: jobs.state, n: sql<number>`count(*)` })
      .from(jobs)
      .where(isChosen)
      .groupBy(jobs.state))
      states[row.state] = Number(row.n)
    const received = sinkAfter.messages - sinkBefore.messages
    say(
      `worker: ${n(received)} emails in ${n(sent.cost.seconds, 1)} s, ${n(received / sent.cost.seconds, 1)} a second (${n(sent.cost.cpuSeconds, 1)} s CPU${sent.cost.serverCpuSeconds === null ? '' : ` + ${n(sent.cost.serverCpuSeconds, 1)} s in PostgreSQL`}; the SMTP server ${n(sinkAfter.cpuSeconds - sinkBefore.cpuSeconds, 1)} s)`,
    )

    const rows = await countRows()
    const bytes =
      task.dialect === 'sqlite'
        ? ['', '-wal'].reduce(
            (sum, suffix) => sum + (fs.statSync(`${task.sqliteFile}${suffix}`, { throwIfNoEntry: false })?.size ?? 0),
            0,
          )
        : Number(
            (
              (await db().execute(sql`select pg_database_size(current_database()) as bytes`)) as unknown as {
                bytes: string
              }[]
            )[0]?.bytes ?? 0,
          )
    return {
      kind: 'measure',
      dialect: task.dialect,
      run: task.run,
      jobsBefore,
      first: { ...first.cost, ...first.value },
      second: { ...second.cost, ...second.value },
      digests: { ...digests.cost, week, emails: digests.value.emails, managers },
      queuedByKind,
      worker: {
        ...sent.cost,
        chosen: chosen.length,
        chosenByKind,
        received,
        bytes: sinkAfter.bytes - sinkBefore.bytes,
        sinkCpuSeconds: sinkAfter.cpuSeconds - sinkBefore.cpuSeconds,
        states,
        handlerMs: Object.fromEntries(
          [...handlerTimes].map(([kind, times]) => [
            kind,
            { count: times.length, median: median(times), p95: quantile(times, 0.95) },
          ]),
        ),
        otherJobsSetAside: setAside.length,
        log: workerLog.slice(0, 20),
      },
      rows,
      bytes,
      postgres: postgresSettings,
    }
  } finally {
    await closeDatabase()
  }
}

// ---- Orchestration: child processes per dialect, then the tables -----------------------------------------

function readSettings(): { settings: Settings; dialects: Dialect[] } {
  const { values } = parseArgs({
    options: {
      people: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      emails: { type: 'string' },
      concurrency: { type: 'string' },
      sink: { type: 'string' },
      dialect: { type: 'string', multiple: true },
      keep: { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      'postgres-option': { type: 'string', multiple: true },
    },
  })
  const number = (flag: string | undefined, env: string, fallback: number, min = 1) => {
    const raw = flag ?? process.env[env]
    if (raw === undefined || raw === '') return fallback
    if (raw === 'all' && min === 0) return 0
    const value = Number(raw.replace(/[_,]/g, ''))
    if (!Number.isInteger(value) || value < min)
      throw new Error(`${env} (or --${env.slice(6).toLowerCase()}) must be a whole number of at least ${min}`)
    return value
  }
  const sink = values.sink ?? process.env.BENCH_SINK ?? 'child'
  if (sink !== 'child' && sink !== 'inline') throw new Error('--sink must be child or inline')
  for (const option of values['postgres-option'] ?? [])
    if (!/^[a-z_.]+=[^&=\s]+$/i.test(option))
      throw new Error(`--postgres-option ${option}: write it as NAME=VALUE, like jit=off`)
  const settings: Settings = {
    people: number(values.people, 'BENCH_PEOPLE', 80_000, 100),
    seed: number(values.seed, 'BENCH_SEED', 1),
    runs: number(values.runs, 'BENCH_RUNS', 1),
    emails: number(values.emails, 'BENCH_EMAILS', 10_000, 0),
    concurrency: number(values.concurrency, 'BENCH_CONCURRENCY', 20),
    sink,
    keep: values.keep,
    cpuProf: values['cpu-prof'],
    postgresOptions: values['postgres-option'] ?? [],
  }
  const requested = values.dialect ?? process.env.BENCH_DIALECTS?.split(',').filter(Boolean) ?? ['sqlite', 'postgres']
  const unknown = requested.filter((d) => d !== 'sqlite' && d !== 'postgres')
  if (unknown.length > 0) throw new Error(`unknown dialect ${unknown.join(', ')}: use sqlite or postgres`)
  const dialects = (['sqlite', 'postgres'] as const).filter((d) => requested.includes(d))
  return { settings, dialects }
}

function table(rows: string[][], indent = '') {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? []
  for (const row of rows)
    console.log(
      indent +
        row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   '),
    )
}

function failuresOf(result: MeasureResult): string[] {
  const label = `${labelOf(result.dialect)} run ${result.run}`
  const failures: string[] = []
  if (result.second.emails !== 0)
    failures.push(
      `${label}: the second sweep of the day queued ${n(result.second.emails)} emails (${n(result.second.reminders)} reminders); it must queue none`,
    )
  const { worker } = result
  if (worker.received !== worker.chosen)
    failures.push(`${label}: the SMTP server received ${n(worker.received)} emails for ${n(worker.chosen)} email jobs`)
  const notDone = Object.entries(worker.states).filter(([state]) => state !== 'done')
  if (notDone.length > 0)
    failures.push(
      `${label}: email jobs not done after the worker went idle: ${notDone.map(([state, count]) => `${n(count)} ${state}`).join(', ')}`,
    )
  return failures
}

function printResults(
  builds: Map<Dialect, BuildResult>,
  results: MeasureResult[],
  staff: StaffFile,
  settings: Settings,
) {
  const cpus = os.cpus()
  console.log(
    `\nReminder benchmark: Node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${n(os.totalmem() / 1e9)} GB, load average ${os.loadavg()[0]?.toFixed(1)}, ${new Date().toISOString().slice(0, 10)}`,
  )
  console.log(
    `Staff list (seed ${settings.seed}): ${n(staff.summary.people)} people, ${n(staff.summary.assignments)} assignments, ${n(staff.summary.teams)} teams, ${n(staff.summary.organisations)} organisations`,
  )
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED')
  const mb = (bytes: number) => n(bytes / MB)
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const runs = results.filter((r) => r.dialect === dialect)
    const built = builds.get(dialect)
    const one = runs[0]
    if (!one || !built) continue
    const server = runs.every((r) => r.first.serverCpuSeconds !== null)
    const middle = (value: (r: MeasureResult) => number) => median(runs.map(value))
    const counts = (value: (r: MeasureResult) => number) =>
      [...new Set(runs.map(value))].map((count) => n(count)).join(' or ')
    const cpu = (cost: (r: MeasureResult) => Cost) =>
      n(
        middle((r) => cost(r).cpuSeconds),
        1,
      ) +
      (server
        ? ` + ${n(
            middle((r) => cost(r).serverCpuSeconds ?? 0),
            1,
          )}`
        : '')
    const { work } = built
    const options = dialect === 'postgres' && settings.postgresOptions.length > 0
    console.log(
      `\n${labelOf(dialect)}${options ? ` (measured with ${settings.postgresOptions.join(', ')})` : ''}: ${settings.runs > 1 ? `median of ${settings.runs} runs, each on a fresh copy of one build` : 'one run'}; "today" is ${built.now.slice(0, 16).replace('T', ' ')} UTC`,
    )
    console.log(
      `  set-up (not timed here): staff import ${n(built.importSeconds, 1)} s; then written straight to the tables in bulk: ${n(work.assignments.total)} assignments (ICB ${n(work.assignments.byLevel.icb)}, organisations ${n(work.assignments.byLevel.organisation)}, directorates' role targets ${n(work.assignments.byLevel.directorate)}, teams ${n(work.assignments.byLevel.team)}, personal ${n(work.assignments.byLevel.personal)}; ${n(work.assignments.recurring)} recurring), ${n(work.rows.moduleAttempts)} module attempts (${n(work.rows.passed)} passed), ${n(work.rows.competencyEvidence)} evidence rows, ${n(work.rows.readinessPeriods)} readiness periods, ${n(work.rows.optOuts)} opt-outs, ${n(work.rows.managerAssignmentsAdded)} team managers added; ${n(work.seconds.generating + work.seconds.writing + work.seconds.rollups + work.seconds.analyze, 1)} s. Whole set-up ${n(built.seconds, 1)} s`,
    )
    console.log(
      `  due dates: ${Object.entries(work.assignments.byBucket)
        .map(([bucket, count]) => `${n(count)} ${bucket}`)
        .join(
          ', ',
        )}. ${n(work.covered.pairs)} (assignment, person) pairs for ${n(work.covered.people)} people, ${n((100 * work.covered.done) / Math.max(1, work.covered.pairs))}% done; evidence lapsing within 30 days for ${n(work.lapsing.people)} people (${n((100 * work.lapsing.people) / Math.max(1, work.people))}%), ${n(work.lapsing.coveredByNewer)} of them also holding newer evidence; ${n(work.managers)} managers`,
    )
    const rows: string[][] = [
      ['step', 'seconds', 'target', '', server ? 'CPU s: Node + PostgreSQL' : 'CPU s (Node)', 'peak RSS MB', 'result'],
    ]
    const sweepSeconds = middle((r) => r.first.seconds)
    rows.push([
      'first sweep',
      n(sweepSeconds, 1),
      `< ${TARGET_SWEEP_SECONDS} s`,
      met(sweepSeconds < TARGET_SWEEP_SECONDS),
      cpu((r) => r.first),
      mb(middle((r) => r.first.peakRss)),
      `${counts((r) => r.first.emails)} emails queued, ${counts((r) => r.first.reminders)} reminders, ${counts((r) => r.first.people)} people`,
    ])
    rows.push([
      'second sweep, same day',
      n(
        middle((r) => r.second.seconds),
        1,
      ),
      '',
      '',
      cpu((r) => r.second),
      mb(middle((r) => r.second.peakRss)),
      `${counts((r) => r.second.emails)} emails queued (must be 0): ${runs.every((r) => r.second.emails === 0) ? 'ok' : 'FAILED'}`,
    ])
    rows.push([
      'weekly manager digests',
      n(
        middle((r) => r.digests.seconds),
        1,
      ),
      '',
      '',
      cpu((r) => r.digests),
      mb(middle((r) => r.digests.peakRss)),
      `${counts((r) => r.digests.emails)} digests queued for ${counts((r) => r.digests.managers)} managers`,
    ])
    const rate = middle((r) => r.worker.received / r.worker.seconds)
    rows.push([
      `worker, concurrency ${settings.concurrency}`,
      n(
        middle((r) => r.worker.seconds),
        1,
      ),
      `> ${TARGET_EMAILS_PER_SECOND}/s`,
      met(rate > TARGET_EMAILS_PER_SECOND),
      cpu((r) => r.worker),
      mb(middle((r) => r.worker.peakRss)),
      `${n(rate, 1)} emails/s: ${counts((r) => r.worker.received)} received of ${counts((r) => r.worker.chosen)} sent; ${runs.every((r) => failuresOf(r).length === 0) ? 'none dead or left' : 'FAILED'}`,
    ])
    table(rows, '  ')
    if (runs.length > 1)
      console.log(
        `  run by run: first sweep ${runs.map((r) => n(r.first.seconds, 1)).join(' / ')} s; second ${runs.map((r) => n(r.second.seconds, 1)).join(' / ')} s; digests ${runs.map((r) => n(r.digests.seconds, 1)).join(' / ')} s; worker ${runs.map((r) => n(r.worker.received / r.worker.seconds, 1)).join(' / ')} emails/s`,
      )
    // Per unit of work, so that figures from a busy machine (where the clock mostly measures other work) compare.
    const perEmail = (value: (r: MeasureResult) => number) =>
      n(
        middle((r) => (1000 * value(r)) / Math.max(1, r.worker.received)),
        1,
      )
    console.log(
      `  ratios: second sweep / first ${n(
        middle((r) => r.second.seconds / r.first.seconds),
        2,
      )}×. CPU per 1,000 emails queued by the first sweep: ${n(
        middle((r) => (1000 * (r.first.cpuSeconds + (r.first.serverCpuSeconds ?? 0))) / Math.max(1, r.first.emails)),
        2,
      )} s. CPU ms per email sent: Node ${perEmail((r) => r.worker.cpuSeconds)}${server ? ` + PostgreSQL ${perEmail((r) => r.worker.serverCpuSeconds ?? 0)}` : ''}${settings.sink === 'child' ? `, SMTP server ${perEmail((r) => r.worker.sinkCpuSeconds)}` : ' (the SMTP server’s included)'}`,
    )
    const kinds = (byKind: Record<string, number>) =>
      [...EMAIL_KINDS, ...Object.keys(byKind).filter((kind) => !EMAIL_KINDS.includes(kind))]
        .filter((kind) => byKind[kind])
        .map((kind) => `${kind} ${n(byKind[kind] ?? 0)}`)
        .join(', ')
    console.log(
      `  emails queued by kind: ${kinds(one.queuedByKind)} (jobs before the first sweep: ${n(one.jobsBefore)})`,
    )
    console.log(
      `  the worker sent ${settings.emails > 0 ? 'a random sample' : 'all of them'}: ${kinds(one.worker.chosenByKind)}. Median / p95 ms per job in the handler: ${Object.entries(
        one.worker.handlerMs,
      )
        .map(([kind, t]) => `${kind} ${n(t.median, 1)} / ${n(t.p95, 1)}`)
        .join(', ')}`,
    )
    console.log(
      `  SMTP server (${settings.sink === 'child' ? 'a child process' : 'in the worker’s process'}): ${n(
        middle((r) => r.worker.bytes / Math.max(1, r.worker.received) / 1024),
        1,
      )} kB a message, ${n(
        middle((r) => r.worker.sinkCpuSeconds),
        1,
      )} s CPU${settings.sink === 'inline' ? ' (the whole process’s: not the server’s alone)' : ''}; the worker adds no recurring jobs, and ${n(one.worker.otherJobsSetAside)} other jobs were queued (set aside)${one.worker.log.length > 0 ? `; worker log: ${one.worker.log.join(' | ')}` : ''}`,
    )
    console.log(
      `  at the end: ${COUNTED_TABLES.map((t) => `${t} ${n(one.rows[t] ?? 0)}`).join(', ')}; database ${n(one.bytes / 1e6)} MB`,
    )
    console.log(
      `  peak RSS: the whole Node process (${one.first.rssMethod}), each step starting after a full GC; largest V8 heap seen ${mb(one.first.peakHeap)} / ${mb(one.second.peakHeap)} / ${mb(one.digests.peakHeap)} / ${mb(one.worker.peakHeap)} MB${server ? '. PostgreSQL: CPU of the backends serving the database, from /proc' : ''}${one.postgres ? `; PostgreSQL ${one.postgres.version}, jit ${one.postgres.jit}` : ''}`,
    )
  }
  console.log(
    `\nTargets from the issue, on a 2-core machine: sweep < ${TARGET_SWEEP_SECONDS} s, worker > ${TARGET_EMAILS_PER_SECOND} emails/s to a local SMTP server. Printed, never asserted. Seconds are wall-clock: on a busy machine compare the CPU seconds.`,
  )
}

async function main(children: ChildRuns<ChildTask, BuildResult | MeasureResult>): Promise<number> {
  const { settings, dialects } = readSettings()
  const runChild = async <T extends BuildResult | MeasureResult>(databaseUrl: string, task: ChildTask) =>
    (await children.run({
      databaseUrl,
      task,
      label: `${labelOf(task.dialect)} ${task.kind}`,
      exposeGc: true,
    })) as T
  const { cleanUp } = children

  const staff = await staffFile(settings)
  log(
    `${path.relative(root, staff.file)}: ${n(staff.summary.people)} people${staff.generated ? `, generated in ${n(staff.seconds, 1)} s` : ' (cached)'}`,
  )
  const serverUrl = process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL
  if (dialects.includes('postgres') && !serverUrl)
    log(
      'PostgreSQL skipped: set BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) to a server where the role may create databases.',
    )

  const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`
  const profileDir = settings.cpuProf ? path.join(dataDir, 'profiles', id) : undefined
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true })
  const measureTask = (dialect: Dialect, run: number, now: string): MeasureTask => ({
    kind: 'measure',
    dialect,
    run,
    now,
    seed: settings.seed,
    emails: settings.emails,
    concurrency: settings.concurrency,
    sink: settings.sink,
    profileDir,
  })
  const buildTask = (dialect: Dialect): BuildTask => ({
    kind: 'build',
    dialect,
    staffList: staff.file,
    seed: settings.seed,
  })
  const builds = new Map<Dialect, BuildResult>()
  const results: MeasureResult[] = []
  try {
    if (dialects.includes('sqlite')) {
      const built = path.join(os.tmpdir(), `skills-bench-reminders-${id}.sqlite`)
      const files = (file: string) => ['', '-wal', '-shm'].map((suffix) => file + suffix)
      children.onCleanUp(async () => {
        for (const file of settings.keep ? [] : files(built)) fs.rmSync(file, { force: true })
      })
      const build = await runChild<BuildResult>(`file:${built}`, buildTask('sqlite'))
      builds.set('sqlite', build)
      for (let run = 1; run <= settings.runs; run++) {
        // One run measures the built database itself; more each measure a fresh copy of it.
        let file = built
        if (settings.runs > 1) {
          file = path.join(os.tmpdir(), `skills-bench-reminders-${id}-run${run}.sqlite`)
          const copies = files(file)
          files(built).forEach((from, i) => {
            if (fs.existsSync(from)) fs.copyFileSync(from, copies[i] as string)
          })
        }
        try {
          results.push(
            await runChild<MeasureResult>(`file:${file}`, {
              ...measureTask('sqlite', run, build.now),
              sqliteFile: file,
            }),
          )
        } finally {
          if (file !== built && !settings.keep) for (const name of files(file)) fs.rmSync(name, { force: true })
        }
      }
      if (settings.keep) log(`kept the SQLite database: ${built}`)
      await cleanUp()
    }
    if (dialects.includes('postgres') && serverUrl) {
      const admin = () => postgres(serverUrl, { max: 1, onnotice: () => undefined })
      const urlOf = (name: string) => {
        const url = new URL(serverUrl)
        url.pathname = `/${name}`
        return url.toString()
      }
      const name = `skills_bench_reminders_${id}`
      const made: string[] = []
      const create = async (database: string, template?: string) => {
        const sql = admin()
        try {
          const version = Number((await sql`show server_version_num`)[0]?.server_version_num ?? 0)
          // FILE_COPY: copying a large template block by block through the WAL (15's default) is much slower.
          await sql.unsafe(
            `create database ${database}${template ? ` template ${template}${version >= 150000 ? ' strategy file_copy' : ''}` : ''}`,
          )
          made.push(database)
        } finally {
          await sql.end()
        }
      }
      children.onCleanUp(async () => {
        if (settings.keep) return
        const dropper = admin()
        try {
          for (const database of made.splice(0))
            await dropper.unsafe(`drop database if exists ${database} with (force)`)
        } finally {
          await dropper.end()
        }
      })
      await create(name)
      const build = await runChild<BuildResult>(urlOf(name), buildTask('postgres'))
      builds.set('postgres', build)
      for (let run = 1; run <= settings.runs; run++) {
        let database = name
        if (settings.runs > 1) {
          database = `${name}_run${run}`
          await create(database, name)
        }
        // postgres.js sends a URL's unknown query parameters as settings when it connects (like PGOPTIONS).
        const url = new URL(urlOf(database))
        for (const option of settings.postgresOptions) {
          const [key = '', value = ''] = option.split('=')
          url.searchParams.set(key, value)
        }
        results.push(await runChild<MeasureResult>(url.toString(), measureTask('postgres', run, build.now)))
      }
      if (settings.keep) log(`kept the PostgreSQL database${made.length > 1 ? 's' : ''}: ${made.join(', ')}`)
      await cleanUp()
    }
  } finally {
    await cleanUp()
  }
  if (results.length === 0) return 0
  printResults(builds, results, staff, settings)
  const failures = results.flatMap(failuresOf)
  for (const failure of failures) log(`FAILED: ${failure}`)
  return failures.length > 0 ? 1 : 0
}

runBenchmark<ChildTask, BuildResult | MeasureResult>({
  script: fileURLToPath(import.meta.url),
  variable: 'BENCH_REMINDERS_CHILD',
  child: (task) => (task.kind === 'build' ? build(task) : measure(task)),
  main,
})
