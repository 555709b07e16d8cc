import { fork, type ChildProcess } from 'node:child_process'
import { type AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { SMTPServer } from 'smtp-server'

// A local SMTP server that accepts every message and throws it away: it reads each message's data to the end
// (so the client has really handed it over) without parsing it, and counts. For throughput benchmarks, where
// tests/mail-catcher.ts (which parses every message) would spend CPU the sender needs. By default it runs in a
// child process of its own, so its work does not share the sender's event loop; `inline` runs it in this one.

export interface SmtpSink {
  /** smtp://127.0.0.1:<port> */
  url: string
  where: 'child' | 'inline'
  /** Messages received so far, and the sink's own CPU seconds (user + system) since it started. */
  stats(): Promise<SinkStats>
  close(): Promise<void>
}

export interface SinkStats {
  messages: number
  bytes: number
  cpuSeconds: number
}

type Request = { type: 'stats'; id: number } | { type: 'close' }
type Reply = { type: 'listening'; port: number } | ({ type: 'stats'; id: number } & SinkStats)

function listen(): Promise<{ port: number; stats: () => SinkStats; close: () => Promise<void> }> {
  let messages = 0
  let bytes = 0
  const cpuAtStart = process.cpuUsage()
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anyone' }),
    logger: false,
    // The sender's pooled connections stay open; closing should not wait the default 30 s for them.
    closeTimeout: 200,
    size: 10 * 1024 * 1024,
    onData(stream, _session, callback) {
      stream.on('data', (chunk: Buffer) => (bytes += chunk.length))
      stream.on('end', () => {
        messages++
        callback()
      })
      stream.on('error', (error: Error) => callback(error))
    },
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.server.address() as AddressInfo).port,
        stats: () => {
          const cpu = process.cpuUsage(cpuAtStart)
          return { messages, bytes, cpuSeconds: (cpu.user + cpu.system) / 1e6 }
        },
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    )
  })
}

/** Starts a sink, in a child process (the default) or in this process. */
export async function startSmtpSink({ where = 'child' }: { where?: 'child' | 'inline' } = {}): Promise<SmtpSink> {
  if (where === 'inline') {
    const sink = await listen()
    return {
      url: `smtp://127.0.0.1:${sink.port}`,
      where,
      stats: async () => {
        // Measured in this process, so the CPU is the whole process's: only messages and bytes mean much here.
        return sink.stats()
      },
      close: sink.close,
    }
  }
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, BENCH_SMTP_SINK_CHILD: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const waiting = new Map<number, (stats: SinkStats) => void>()
  let nextId = 0
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited with code ${code} before it listened`)))
    child.on('message', (message: Reply) => {
      if (message.type === 'listening') resolve(message.port)
      else {
        const { id, type: _type, ...stats } = message
        waiting.get(id)?.(stats)
        waiting.delete(id)
      }
    })
  })
  child.removeAllListeners('exit')
  return {
    url: `smtp://127.0.0.1:${port}`,
    where,
    stats: () =>
      new Promise((resolve) => {
        const id = nextId++
        waiting.set(id, resolve)
        child.send({ type: 'stats', id } satisfies Request)
      }),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.send({ type: 'close' } satisfies Request)
      }),
  }
}

if (process.env.BENCH_SMTP_SINK_CHILD && process.send) {
  const send = process.send.bind(process)
  const sink = await listen()
  process.on('message', (message: Request) => {
    if (message.type === 'stats') send({ type: 'stats', id: message.id, ...sink.stats() } satisfies Reply)
    else void sink.close().then(() => process.exit(0))
  })
  // The parent went away without closing: do not linger.
  process.on('disconnect', () => process.exit(0))
  send({ type: 'listening', port: sink.port } satisfies Reply)
}
