import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { build } from 'esbuild'

/**
 * The test AU (tests/fixtures/cmi5-au: a page and a script using the xapijs cmi5 client) built into a new
 * temporary folder as index.html and au.js, ready to serve or to zip. Built at test time, never committed.
 */
export async function buildTestAu(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmi5-au-'))
  await build({
    entryPoints: ['tests/fixtures/cmi5-au/au.ts'],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    outfile: path.join(dir, 'au.js'),
    logLevel: 'silent',
  })
  fs.copyFileSync('tests/fixtures/cmi5-au/index.html', path.join(dir, 'index.html'))
  return dir
}
