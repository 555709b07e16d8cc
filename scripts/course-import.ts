import fs from 'node:fs'
import path from 'node:path'
import { importCourse } from '#app/lib/courses/course-import.server.ts'
import { closeDatabase, migrateDatabase } from '#app/lib/db.server.ts'

// npm run course:import -- <package.zip | cmi5.xml>
// Imports a cmi5 course as the admin page does (recorded in the audit log as done from the command line), and
// prints the course or each problem with the package; exits 1 when the course was not imported.

const file = process.argv[2]
try {
  if (!file || process.argv.length > 3) {
    console.error('Usage: npm run course:import -- <package.zip | cmi5.xml>')
    process.exitCode = 1
  } else if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    console.error(`course:import: ${file} is not a file`)
    process.exitCode = 1
  } else {
    await migrateDatabase()
    const result = await importCourse({
      file: { name: path.basename(file), bytes: fs.readFileSync(file) },
      importedBy: { id: null, name: 'Command line (npm run course:import)' },
    })
    if (result.ok) {
      const { title, units, files } = result.course
      console.log(
        `Course ${result.replaced ? 'imported again, replacing the earlier version' : 'imported'}: ${title} (${units} ${units === 1 ? 'unit' : 'units'}, ${files} ${files === 1 ? 'file' : 'files'}).`,
      )
    } else {
      console.error(`${path.basename(file)} was not imported:`)
      for (const problem of result.problems) console.error(`  ${problem.where}: ${problem.message}`)
      process.exitCode = 1
    }
  }
} finally {
  await closeDatabase()
}
