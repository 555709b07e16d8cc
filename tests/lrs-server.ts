import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

// The real server (server/index.ts, serving the production build) in a child process of its own, on a free
// port, for tests and benchmarks that load the LRS over HTTP or kill it mid-stream. Production mode: no demo
// seed, no Vite; no background jobs, so only the requests sent use the database.

export interface RunningServer {
  url: string
  child: ChildProcess
  /** SIGTERM and wait for the exit; SIGKILL with `{ kill: true }`, as a crash would. */
  stop(options?: { kill?: boolean }): Promise<void>
  output(): string
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        address && typeof address !== 'string' ? resolve(address.port) : reject(new Error('no port given')),
      )
    })
  })
}

export async function startServer({
  databaseUrl,
  port,
  env = {},
  nodeArgs = [],
}: {
  databaseUrl: string
  port?: number
  env?: Record<string, string>
  /** Extra node options, e.g. `--cpu-prof` to profile the server. */
  nodeArgs?: string[]
}): Promise<RunningServer> {
  if (!fs.existsSync('build/server/index.js')) throw new Error('Run `npm run build` first')
  const listenOn = port ?? (await freePort())
  const mailDir = path.resolve('tests/.tmp/mail')
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/index.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      SESSION_SECRET: 'lrs-server-test-secret-'.padEnd(40, 'x'),
      MAIL_TRANSPORT: 'file',
      MAIL_DIR: mailDir,
      JOBS_WORKER: 'off',
      DATABASE_URL: databaseUrl,
      PORT: String(listenOn),
      PUBLIC_URL: `http://127.0.0.1:${listenOn}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${listenOn}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited at start-up:\n${output}`)
    const status = await fetch(`${url}/healthz`).then(
      (response) => response.status,
      () => 0,
    )
    if (status === 200) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`the server did not answer /healthz within a minute:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    url,
    child,
    output: () => output,
    async stop({ kill = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) child.kill(kill ? 'SIGKILL' : 'SIGTERM')
      await exited
    },
  }
}
