import path from 'node:path'
import { checkContent } from '#app/lib/content/check-content.server.ts'
import { formatProblem } from '#app/lib/content/yaml-with-lines.ts'

// npm run content:check [-- <content folder>]: every problem as file:line: message; non-zero exit if any.
const root = path.resolve(process.argv[2] ?? 'content')
const { problems, modules } = await checkContent({ root })
for (const problem of problems) {
  console.error(formatProblem({ ...problem, file: path.relative(process.cwd(), problem.file) }))
}
if (problems.length > 0) {
  console.error(`content:check: ${problems.length} problem${problems.length === 1 ? '' : 's'} found`)
  process.exitCode = 1
} else {
  console.log(`content:check: the framework and ${modules} module${modules === 1 ? '' : 's'} are valid`)
}
