import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import Sqlite from 'better-sqlite3'
import { afterAll, describe, expect, test } from 'vitest'

// Starts the real server process the way `npm start` and the production start do.
const tmp = path.resolve('tests/.tmp')
fs.mkdirSync(tmp, { recursive: true })
const started: ChildProcess[] = []
afterAll(() => started.forEach((child) => child.kill('SIGTERM')))

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { NODE_ENV: 'development', PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  started.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  return { child, exited, output: () => ({ stdout, stderr }) }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

describe('starting the server', () => {
  test.each([
    [
      { DATABASE_URL: 'mysql://db/app' },
      'Cannot start: DATABASE_URL must start with file:, postgres://, postgresql:// or pglite:',
    ],
    [{ NODE_ENV: 'production' }, 'Cannot start: SESSION_SECRET is required in production'],
    [
      { DATABASE_URL: 'postgres://app:secret@127.0.0.1:1/skills' },
      'Cannot start: DATABASE_URL postgres://app:***@127.0.0.1:1/skills could not be opened and migrated',
    ],
    [
      { CONTENT_DIR: 'tests/fixtures/content/broken-framework' },
      'Cannot start: tests/fixtures/content/broken-framework/frameworks/digital-capability.yaml:35: domains.0.competencies.0.refreshMonths: must be more than 0 months',
    ],
  ])('refuses a bad environment with one clear line (%o)', async (env, message) => {
    const server = startServer(env)
    expect(await server.exited).toBe(1)
    const lines = server.output().stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(message)
    expect(server.output().stderr).not.toContain('secret@')
  })

  test('in production it creates no demo accounts and prints no demo logins', async () => {
    if (!fs.existsSync('build/server/index.js')) throw new Error('Run `npm run build` before this test')
    const file = path.join(tmp, `production-${process.pid}.db`)
    fs.rmSync(file, { force: true })
    const port = await freePort()
    const server = startServer({
      NODE_ENV: 'production',
      SESSION_SECRET: 'a'.repeat(40),
      MAIL_TRANSPORT: 'file',
      MAIL_DIR: path.join(tmp, 'mail'),
      DATABASE_URL: `file:${file}`,
      PORT: String(port),
    })
    const deadline = Date.now() + 30_000
    let status = 0
    while (Date.now() < deadline && status !== 200) {
      status = await fetch(`http://127.0.0.1:${port}/login`).then(
        (r) => r.status,
        () => 0,
      )
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250))
    }
    expect(status).toBe(200)
    const database = new Sqlite(file, { readonly: true })
    const { users } = database.prepare('select count(*) as users from users').get() as { users: number }
    database.close()
    expect(users).toBe(0)
    expect(server.output().stdout).not.toContain('@example.nhs.uk')
    const response = await fetch(`http://127.0.0.1:${port}/login`)
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'")

    // Bad input gets a plain page: no stack trace, no error class names.
    const garbled = await fetch(`http://127.0.0.1:${port}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', Origin: `http://127.0.0.1:${port}` },
      body: 'not multipart at all',
    })
    expect(garbled.status).toBe(400)
    const page = await garbled.text()
    expect(page).toContain('Sorry, we could not read what you sent')
    expect(page).not.toMatch(/TypeError|\bat .+:\d+:\d+/)

    server.child.kill('SIGTERM')
    await server.exited
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  })
})
