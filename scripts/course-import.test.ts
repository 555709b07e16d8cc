import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { invalidPackages, validPackages } from '#tests/cmi5-packages.ts'

const run = promisify(execFile)

test('course:import imports a package, and names each problem of a bad one with exit code 1', async () => {
  const dir = path.resolve(`tests/.tmp/course-cli-${process.pid}`)
  fs.mkdirSync(dir, { recursive: true })
  const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, 'skills.db')}` }
  const cli = (file: string) => run(process.execPath, ['--import', 'tsx', 'scripts/course-import.ts', file], { env })
  const failed = (error: { code: number; stderr: string }) => error

  const good = await validPackages.singleAu()
  fs.writeFileSync(path.join(dir, good.name), good.bytes)
  const { stdout } = await cli(path.join(dir, good.name))
  expect(stdout.trim()).toBe('Course imported: Safe passwords (1 unit, 4 files).')
  const again = await cli(path.join(dir, good.name))
  expect(again.stdout.trim()).toBe(
    'Course imported again, replacing the earlier version: Safe passwords (1 unit, 4 files).',
  )

  const { file: bad } = await invalidPackages['AU url pointing at a missing file']!()
  fs.writeFileSync(path.join(dir, 'bad.zip'), bad.bytes)
  const refused = await cli(path.join(dir, 'bad.zip')).then(() => null, failed)
  expect(refused?.code).toBe(1)
  expect(refused?.stderr).toBe(
    'bad.zip was not imported:\n' +
      '  AU "Unit 1" (https://courses.example.org/cmi5/safe-passwords/au/1): url "missing.html" points at missing.html, which is not in the zip\n',
  )

  const missing = await cli(path.join(dir, 'nowhere.zip')).then(() => null, failed)
  expect(missing?.code).toBe(1)
  expect(missing?.stderr).toContain('nowhere.zip is not a file')
  fs.rmSync(dir, { recursive: true, force: true })
}, 120_000)
