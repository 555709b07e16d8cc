import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SyntheticEsrOptions, SyntheticEsrSummary, SyntheticEsrVariant } from './synthetic-esr.ts'

// The synthetic ESR staff lists the benchmarks import (bench/synthetic-esr.ts), generated once and kept in
// bench/.data/ (git-ignored). A list is generated again when its options or the generator's source change,
// or when an earlier run was interrupted before its .json summary was written.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dataDir = path.join(root, 'bench/.data')

export interface StaffFile {
  file: string
  summary: SyntheticEsrSummary
  generated: boolean
  seconds: number
}

export async function staffFile(
  settings: { people: number; seed: number },
  variant: SyntheticEsrVariant = {},
): Promise<StaffFile> {
  const { writeSyntheticEsrFile } = await import('./synthetic-esr.ts')
  const options: SyntheticEsrOptions = { people: settings.people, seed: settings.seed }
  const generator = createHash('sha256')
    .update(fs.readFileSync(path.join(root, 'bench/synthetic-esr.ts')))
    .digest('hex')
    .slice(0, 16)
  const key = { options, variant, generator }
  const suffix =
    variant.moversPercent || variant.leaversPercent
      ? `-movers${variant.moversPercent ?? 0}-leavers${variant.leaversPercent ?? 0}`
      : ''
  const file = path.join(dataDir, `esr-${settings.people}-${settings.seed}${suffix}.csv`)
  const marker = `${file}.json`
  if (fs.existsSync(file) && fs.existsSync(marker)) {
    const cached = JSON.parse(fs.readFileSync(marker, 'utf8')) as { key: unknown; summary: SyntheticEsrSummary }
    if (JSON.stringify(cached.key) === JSON.stringify(key) && fs.statSync(file).size === cached.summary.bytes)
      return { file, summary: cached.summary, generated: false, seconds: 0 }
  }
  fs.mkdirSync(dataDir, { recursive: true })
  fs.rmSync(marker, { force: true })
  const started = performance.now()
  const summary = await writeSyntheticEsrFile(file, options, variant)
  const seconds = (performance.now() - started) / 1000
  // Written last: a file without it (an interrupted run) is generated again.
  fs.writeFileSync(marker, `${JSON.stringify({ key, summary }, null, 2)}\n`)
  return { file, summary, generated: true, seconds }
}
