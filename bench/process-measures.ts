import { execFileSync } from 'node:child_process'
import fs from 'node:fs'

// What a benchmark step costs the machine, beyond the clock: the Node process's peak memory, the CPU of the
// PostgreSQL backends serving the benchmark's database, and a V8 CPU profile of a stretch of work. Shared by
// the staff import and reminder benchmarks (each runs its measurements in a child process per dialect).

// ---- Peak memory ---------------------------------------------------------------------------------------

/**
 * The process's peak RSS over a stretch of work. On Linux the kernel's own high-water mark (VmHWM) is reset
 * at the start (writing 5 to /proc/self/clear_refs) and read at the end, so no peak is missed while the
 * event loop is busy. Elsewhere, or if the reset is not allowed, the peak of a 100 ms sampler of
 * process.memoryUsage().rss, which can miss short peaks while synchronous work runs. The sampler also
 * records the largest V8 heap.
 */
export function memoryWatch() {
  const resettable = (() => {
    try {
      fs.writeFileSync('/proc/self/clear_refs', '5')
      return /VmHWM:\s+\d+ kB/.test(fs.readFileSync('/proc/self/status', 'utf8'))
    } catch {
      return false
    }
  })()
  const highWaterMark = () => {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1]
    return Number(kb) * 1024
  }
  const reset = () => {
    if (resettable) fs.writeFileSync('/proc/self/clear_refs', '5')
  }
  return {
    method: resettable ? 'kernel high-water mark (VmHWM)' : 'rss sampled every 100 ms',
    /** Starts watching; stage(name) starts a new stretch, stop() gives the peak of each and of all. */
    start() {
      reset()
      let current = 'start'
      let rss = 0
      let heap = 0
      const stages: Record<string, number> = {}
      const sample = () => {
        const usage = process.memoryUsage()
        rss = Math.max(rss, usage.rss)
        heap = Math.max(heap, usage.heapUsed)
      }
      const close = () => {
        sample()
        stages[current] = Math.max(stages[current] ?? 0, resettable ? Math.max(rss, highWaterMark()) : rss)
        reset()
        rss = 0
      }
      sample()
      const timer = setInterval(sample, 100)
      return {
        stage(name: string) {
          if (name === current) return
          close()
          current = name
        },
        stop() {
          clearInterval(timer)
          close()
          return { rss: Math.max(...Object.values(stages)), heap, stages }
        },
      }
    },
  }
}

/**
 * CPU seconds used so far by the PostgreSQL server processes serving this database (its backends, read from
 * /proc), or null when they cannot be seen (a server on another machine or in another container).
 */
export async function postgresBackendTicks(): Promise<Map<number, number> | null> {
  const { db } = await import('#app/lib/db.server.ts')
  const { sql } = await import('drizzle-orm')
  const rows = (await db().execute(
    sql`select pid from pg_stat_activity where datname = current_database()`,
  )) as unknown as { pid: number }[]
  const ticks = new Map<number, number>()
  for (const { pid } of rows) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
      if (!stat.slice(stat.indexOf('(') + 1).startsWith('postgres')) continue
      // After "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks.set(pid, Number(fields[11]) + Number(fields[12]))
    } catch {
      continue
    }
  }
  return ticks.size > 0 ? ticks : null
}

/** Clock ticks per second, the unit of /proc/<pid>/stat CPU times. */
export const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/** A V8 CPU profile of this process from now until stop(file), through the inspector (as --cpu-prof writes). */
export async function startProfiler() {
  const { Session } = await import('node:inspector')
  const session = new Session()
  session.connect()
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    )
  await post('Profiler.enable')
  await post('Profiler.setSamplingInterval', { interval: 1000 })
  await post('Profiler.start')
  return {
    async stop(file: string) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown }
      session.disconnect()
      fs.writeFileSync(file, JSON.stringify(profile))
    },
  }
}
