import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { closeDatabase, migrateDatabase } from '#app/lib/db.server.ts'
import { installEffects } from '#app/lib/install-effects.server.ts'
import { csvLine } from '#app/lib/reports/csv.server.ts'
import { changeKindLabels, countOrder, errorReportRows } from '#app/lib/workforce/import-report.ts'
import { type RecordedProblem, describeFileProblem, recordImportRun } from '#app/lib/workforce/import-runs.server.ts'
import { fileSha256, runStaffImport } from '#app/lib/workforce/staff-import.server.ts'
import { loadStaffMapping } from '#app/lib/workforce/workforce-files.server.ts'
import { formatProblem } from '#app/lib/content/yaml-with-lines.ts'

// npm run staff:import -- <file.csv> [--dry-run] [--mapping <file>] [--confirm-suspensions] [--errors <report.csv>]
const usage =
  'Usage: npm run staff:import -- <staff-list.csv> [--dry-run] [--mapping <mapping.yaml>] [--confirm-suspensions] [--errors <report.csv>]'
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    mapping: { type: 'string' },
    'confirm-suspensions': { type: 'boolean', default: false },
    errors: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
})
const file = positionals[0]
const n = (value: number) => value.toLocaleString('en-GB')

async function main(): Promise<number> {
  if (values.help || !file) {
    console.log(usage)
    return values.help ? 0 : 2
  }
  if (!fs.existsSync(file)) {
    console.error(`No such file: ${file}`)
    return 2
  }
  const mapping = loadStaffMapping(values.mapping ? { file: values.mapping } : {})
  if (!mapping.ok) {
    for (const problem of mapping.problems) console.error(formatProblem(problem))
    return 2
  }
  await migrateDatabase()
  installEffects()
  const open = () => fs.createReadStream(file)
  const started = performance.now()
  const tty = process.stdout.isTTY
  const result = await runStaffImport({
    open,
    actor: { id: null, name: 'Staff import (command line)' },
    dryRun: values['dry-run'],
    confirmMassSuspension: values['confirm-suspensions'],
    mapping: mapping.value,
    onProgress: (stage, lines) => {
      const text =
        stage === 'reading'
          ? `Reading ${n(lines ?? 0)} lines`
          : stage === 'comparing'
            ? 'Comparing with the platform'
            : stage === 'applying'
              ? 'Applying changes'
              : ''
      if (tty) process.stdout.write(`\r${text.padEnd(60)}`)
      else if (stage !== 'reading' && text) console.log(text)
    },
  })
  if (tty) process.stdout.write(`\r${' '.repeat(60)}\r`)
  const fileFacts = await fileSha256(open)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (!result.ok) {
    console.error(`The file cannot be imported. ${describeFileProblem(result.problem)}`)
    await recordImportRun({
      startedBy: { id: null, name: 'Command line' },
      fileName: path.basename(file),
      file: fileFacts,
      status: 'failed',
      outcome: null,
      fileProblem: result.problem,
    })
    return 1
  }
  const { outcome } = result
  console.log(`${path.basename(file)}: ${n(outcome.lines - 1)} rows (${outcome.encoding}), checked in ${seconds} s`)
  for (const organisation of outcome.organisations) {
    const counts = countOrder
      .map((kind) => `${changeKindLabels[kind].toLowerCase()} ${n(organisation.counts[kind])}`)
      .join(', ')
    console.log(`  ${organisation.name} (${organisation.code}): ${counts}`)
    if (organisation.massSuspension)
      console.log(
        `    ! would suspend ${n(organisation.counts.suspended)} of ${n(organisation.activeBefore)} active staff (more than 10%)`,
      )
  }
  const problems: RecordedProblem[] = [
    ...outcome.problems.map((problem) => ({ ...problem, severity: 'problem' as const })),
    ...outcome.warnings.map((problem) => ({ ...problem, severity: 'warning' as const })),
  ].sort((a, b) => a.line - b.line)
  if (problems.length > 0) {
    console.log(`${n(outcome.problems.length)} rows left out for problems, ${n(outcome.warnings.length)} warnings:`)
    for (const problem of problems.slice(0, 20))
      console.log(
        `  line ${problem.line}, ${problem.field}: ${problem.message}${problem.severity === 'problem' ? ' (left out)' : ''}`,
      )
    if (problems.length > 20)
      console.log(
        `  …and ${n(problems.length - 20)} more${values.errors ? '' : ' (save them all with --errors report.csv)'}`,
      )
    if (values.errors) {
      fs.writeFileSync(values.errors, errorReportRows(problems).map(csvLine).join(''))
      console.log(`Error report written to ${values.errors}`)
    }
  }
  if (outcome.result === 'preview') {
    console.log('Dry run: nothing was changed.')
    return 0
  }
  await recordImportRun({
    startedBy: { id: null, name: 'Command line' },
    fileName: path.basename(file),
    file: fileFacts,
    status: outcome.result === 'applied' ? 'applied' : 'refused',
    outcome,
  })
  if (outcome.result === 'refused') {
    console.error(
      'Nothing was changed: this would suspend more than 10% of an organisation’s active staff. Check the file is complete, then run again with --confirm-suspensions.',
    )
    return 1
  }
  console.log(
    outcome.changes.length === 0
      ? 'Nothing to change: the platform already matches this staff list.'
      : 'Import applied.',
  )
  return 0
}

try {
  process.exitCode = await main()
} catch (error) {
  console.error('staff:import failed:', error)
  process.exitCode = 1
} finally {
  await closeDatabase()
}
