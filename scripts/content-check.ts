import fs from 'node:fs'
import path from 'node:path'
import { defaultContentRoot } from '#app/lib/content/content-root.server.ts'
import { checkContent } from '#app/lib/content/check-content.server.ts'
import { formatProblem } from '#app/lib/content/yaml-with-lines.ts'
import { checkWorkforceFiles } from '#app/lib/workforce/workforce-files.server.ts'

// npm run content:check [-- <content folder>]: every problem as file:line: message; non-zero exit if any. With no
// folder given, the one the app reads (CONTENT_DIR, else content/).
// The staff import's mapping and role profile rules (workforce/) are checked too: they are edited by hand.
const root = process.argv[2] ? path.resolve(process.argv[2]) : defaultContentRoot()
if (!fs.existsSync(root)) {
  console.error(`content:check: there is no content folder at ${root}`)
  process.exit(1)
}
const content = await checkContent({ root })
const workforce = checkWorkforceFiles()
const problems = [...content.problems, ...workforce.problems]
for (const problem of problems) {
  console.error(formatProblem({ ...problem, file: path.relative(process.cwd(), problem.file) }))
}
if (problems.length > 0) {
  console.error(`content:check: ${problems.length} problem${problems.length === 1 ? '' : 's'} found`)
  process.exitCode = 1
} else {
  const { modules, courses } = content
  console.log(
    `content:check: the framework, ${modules} module${modules === 1 ? '' : 's'}, ${courses} course mapping${courses === 1 ? '' : 's'} and the workforce files (${workforce.files.join(', ')}) are valid`,
  )
}
