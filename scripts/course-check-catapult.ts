import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// npm run course:check-catapult -- <dir>
// Imports every package in a folder of ADL's CATAPULT LMS test packages (built outside this repository: README,
// "Third-party courses (cmi5)") into a throwaway SQLite database, and prints for each what CATAPULT's package
// tests expect and what the platform did, with the reason for a refusal. Exits 1 when any outcome differs.

/** The packages CATAPULT's import tests expect an LMS to import; the rest of its 1xx/2xx packages must be refused. */
const MUST_IMPORT = new Set(['101-one-thousand-aus.xml', '102-zip64.zip'])
const MUST_REFUSE = new Set([
  '201-1-iris-course-id.xml',
  '201-2-iris-block-id.xml',
  '201-3-iris-au-id.xml',
  '201-4-iris-objective-id.xml',
  '202-1-relative-url-no-zip.xml',
  '202-2-relative-url-no-zip.xml',
  '202-3-relative-url-no-zip.xml',
  '202-4-relative-url-no-zip.xml',
  '202-5-relative-url-no-zip.xml',
  '203-1-relative-url-no-reference.zip',
  '204-query-string-conflict-endpoint.xml',
  '205-1-duplicated-block.xml',
  '205-2-duplicated-objective.xml',
  '205-3-duplicated-au.xml',
  '206-1-invalid-au-url.xml',
  '207-1-invalid-courseStructure.xml',
  '208-1-invalid-package.md',
  '209-1-not-a-zip.zip',
  '210-1-no-cmi5-xml.zip',
])

const dir = process.argv[2]
if (!dir || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
  console.error('Usage: npm run course:check-catapult -- <folder of CATAPULT LMS test packages>')
  process.exit(1)
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'catapult-check-'))
// The database module reads DATABASE_URL once, when it is first imported.
process.env.DATABASE_URL = `file:${path.join(scratch, 'check.db')}`
const { migrateDatabase, closeDatabase } = await import('#app/lib/db.server.ts')
const { importCourse } = await import('#app/lib/courses/course-import.server.ts')

let mismatches = 0
try {
  await migrateDatabase()
  const names = fs
    .readdirSync(dir)
    .filter((name) => fs.statSync(path.join(dir, name)).isFile())
    .sort()
  const rows: string[][] = []
  for (const name of names) {
    // The 0xx packages are valid courses for CATAPULT's launch tests: they must import too.
    const expected = MUST_REFUSE.has(name) ? 'refuse' : 'import'
    const note = MUST_IMPORT.has(name) || MUST_REFUSE.has(name) ? '' : ' (launch tests)'
    const result = await importCourse({
      file: { name, bytes: fs.readFileSync(path.join(dir, name)) },
      importedBy: { id: null, name: 'CATAPULT check' },
    })
    const outcome = result.ok ? 'import' : 'refuse'
    const detail = result.ok
      ? `${result.course.units} ${result.course.units === 1 ? 'unit' : 'units'}, ${result.course.files} ${result.course.files === 1 ? 'file' : 'files'}`
      : result.problems.map((problem) => `${problem.where}: ${problem.message}`).join('; ')
    if (outcome !== expected) mismatches += 1
    rows.push([name, `${expected}${note}`, outcome === expected ? outcome : `${outcome} (WRONG)`, detail])
  }
  console.log('| package | expected | ours | reason or result |')
  console.log('| --- | --- | --- | --- |')
  for (const row of rows) console.log(`| ${row.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`)
  console.log(`\n${rows.length - mismatches} of ${rows.length} packages as expected.`)
} finally {
  await closeDatabase()
  fs.rmSync(scratch, { recursive: true, force: true })
}
process.exitCode = mismatches > 0 ? 1 : 0
