import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// The benchmarks measure each dialect (and each build or run) in a child process of their own, so that
// one measurement's memory, caches and database client are not another's. The script forks itself with
// the task in an environment variable; the child does the task and sends its result back over IPC.
// Ctrl-C stops the running child and runs the clean-ups (temporary files, databases) before exiting.

export interface ChildRuns<Task, Result> {
  /** Runs one task in a fresh child process with DATABASE_URL set, and resolves with what it sent back. */
  run(options: { databaseUrl: string; task: Task; label: string; exposeGc?: boolean }): Promise<Result>
  /** Something to undo at the end, or on Ctrl-C: dropping a database, deleting a file. */
  onCleanUp(cleanup: () => Promise<void>): void
  /** Runs the clean-ups registered so far, once each, in order. */
  cleanUp(): Promise<void>
}

/**
 * The entry point of a benchmark script: in a child (the variable is set) it does the task and sends the
 * result; otherwise it runs `main` with a way to start children, and exits with `main`'s code.
 */
export function runBenchmark<Task, Result>({
  script,
  variable,
  child,
  main,
  log = (line) => console.log(line),
}: {
  /** The script's own path (fileURLToPath(import.meta.url)). */
  script: string
  /** The environment variable that carries a child's task. */
  variable: string
  child: (task: Task) => Promise<Result>
  main: (children: ChildRuns<Task, Result>) => Promise<number>
  log?: (line: string) => void
}): void {
  const fail = (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
  const raw = process.env[variable]
  if (raw) {
    child(JSON.parse(raw) as Task)
      .then((result) => {
        process.send?.(result)
        process.disconnect?.()
      })
      .catch(fail)
    return
  }
  const children = childRuns<Task, Result>({ script, variable, log })
  process.on('SIGINT', () => void children.interrupt().then(() => process.exit(130)))
  main(children)
    .then((code) => (process.exitCode = code))
    .catch(fail)
}

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function childRuns<Task, Result>({
  script,
  variable,
  log,
}: {
  script: string
  variable: string
  log: (line: string) => void
}): ChildRuns<Task, Result> & { interrupt(): Promise<void> } {
  let current: ChildProcess | undefined
  const cleanups: (() => Promise<void>)[] = []
  let cleaning = Promise.resolve()
  const cleanUp = () =>
    (cleaning = cleaning.then(async () => {
      for (const cleanup of cleanups.splice(0))
        await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`))
    }))
  return {
    run({ databaseUrl, task, label, exposeGc = false }) {
      return new Promise((resolve, reject) => {
        const child = fork(script, [], {
          cwd: repositoryRoot,
          env: { ...process.env, DATABASE_URL: databaseUrl, [variable]: JSON.stringify(task) },
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          // --expose-gc: a measured step can start after a full collection, not paying for the last one's garbage.
          execArgv: exposeGc ? [...process.execArgv, '--expose-gc'] : process.execArgv,
        })
        current = child
        let result: Result | undefined
        child.on('message', (message) => (result = message as Result))
        child.on('error', reject)
        child.on('exit', (code) => {
          current = undefined
          if (result !== undefined && code === 0) resolve(result)
          else reject(new Error(`${label} exited with code ${code}`))
        })
      })
    },
    onCleanUp: (cleanup) => void cleanups.push(cleanup),
    cleanUp,
    interrupt() {
      current?.kill('SIGINT')
      return cleanUp()
    },
  }
}
