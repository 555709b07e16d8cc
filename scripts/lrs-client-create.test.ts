import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'

const run = promisify(execFile)

test('lrs:client:create prints the key and secret as JSON on its last line', async () => {
  const file = path.resolve(`tests/.tmp/lrs-cli-${process.pid}.db`)
  const env = { ...process.env, DATABASE_URL: `file:${file}` }
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'scripts/lrs-client-create.ts', '--name', 'CLI course', '--scopes', 'statements/write,state'],
    { env },
  )
  const last = stdout.trim().split('\n').at(-1) ?? ''
  expect(JSON.parse(last)).toEqual({ key: expect.stringMatching(/^[0-9a-f]{24}$/), secret: expect.any(String) })
  const refused = await run(
    process.execPath,
    ['--import', 'tsx', 'scripts/lrs-client-create.ts', '--name', 'X', '--scopes', 'everything'],
    { env },
  ).then(
    () => null,
    (error: { code: number; stderr: string }) => error,
  )
  expect(refused?.code).toBe(1)
  expect(refused?.stderr).toContain('--scopes must be a comma-separated list of')
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
})
