import path from 'node:path'
import { checkContent } from '#app/lib/content/check-content.server.ts'
import { formatProblem } from '#app/lib/content/yaml-with-lines.ts'
import { checkWorkforceFiles } from '#app/lib/workforce/workforce-files.server.ts'

// npm run content:check [-- <content folder>]: every problem as file:line: message; non-zero exit if any.
// The staff import's mapping and role profile rules (workforce/) are checked too: they are edited by hand.
const root = path.resolve(process.argv[2] ?? 'content')
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
