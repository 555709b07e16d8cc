import fs from 'node:fs'
import path from 'node:path'
import { defaultContentRoot } from './content-root.server.ts'
import { courseMappingsSchema, type CourseMapping } from './course-mapping.schema.ts'
import type { Framework } from './framework.schema.ts'
import { competencyIndex, frameworkRootFor, loadFramework } from './framework.server.ts'
import { listModuleSlugs } from './module-source.server.ts'
import { formatProblem, parseYamlWithSchema, yamlLineFinder, type ContentProblem } from './yaml-with-lines.ts'

export const COURSES_FILE = 'courses.yaml'

export type CourseMappingsResult = { ok: true; mappings: CourseMapping[] } | { ok: false; problems: ContentProblem[] }

/**
 * Reads and checks content/courses.yaml: the schema, then what needs the rest of the content (competencies in
 * the framework, slugs and course ids used once, no slug that is also a module's). No file: no courses.
 */
export function readCourseMappings({
  root,
  framework,
  moduleSlugs = listModuleSlugs({ root }),
}: {
  root: string
  framework: Framework
  moduleSlugs?: string[]
}): CourseMappingsResult {
  const file = path.join(root, COURSES_FILE)
  if (!fs.existsSync(file)) return { ok: true, mappings: [] }
  const text = fs.readFileSync(file, 'utf8')
  const parsed = parseYamlWithSchema({ file, text }, courseMappingsSchema)
  if (!parsed.ok) return parsed
  const mappings = parsed.value.courses
  const lineOf = yamlLineFinder(text)
  const problems: ContentProblem[] = []
  const at = (where: (string | number)[], message: string) =>
    problems.push({ file, line: lineOf(['courses', ...where]), message: `courses.${where.join('.')}: ${message}` })
  const competencies = competencyIndex(framework)
  const modules = new Set(moduleSlugs)
  const slugs = new Set<string>()
  const courseIds = new Set<string>()
  mappings.forEach((mapping, index) => {
    mapping.competencies.forEach((competency, c) => {
      if (!competencies.has(competency.id))
        at([index, 'competencies', c, 'id'], `unknown competency ${competency.id} (not in the framework)`)
    })
    if (modules.has(mapping.slug))
      at([index, 'slug'], `${mapping.slug} is already a module’s slug (courses and modules share addresses)`)
    if (slugs.has(mapping.slug)) at([index, 'slug'], `slug ${mapping.slug} is used twice`)
    if (courseIds.has(mapping.course)) at([index, 'course'], `course ${mapping.course} is mapped twice`)
    slugs.add(mapping.slug)
    courseIds.add(mapping.course)
  })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, mappings }
}

const cache = new Map<string, { hash: string; mappings: CourseMapping[] }>()
const warned = new Set<string>()

/**
 * The valid mappings, re-read when the file changes (a stat per call, as for modules). A file with problems
 * maps no course until it passes `npm run content:check`, as a broken module is left out.
 */
export function loadCourseMappings({
  includeDrafts,
  root = defaultContentRoot(),
}: {
  includeDrafts: boolean
  root?: string
}): CourseMapping[] {
  const file = path.join(root, COURSES_FILE)
  const stat = fs.statSync(file, { throwIfNoEntry: false })
  const hash = stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : '-'
  let cached = cache.get(root)
  if (cached?.hash !== hash) {
    const result = readCourseMappings({ root, framework: loadFramework({ root: frameworkRootFor(root) }) })
    if (!result.ok && !warned.has(hash)) {
      warned.add(hash)
      console.warn(`No course is mapped until ${COURSES_FILE} passes npm run content:check:\n${result.problems.map(formatProblem).join('\n')}`)
    }
    cached = { hash, mappings: result.ok ? result.mappings : [] }
    cache.set(root, cached)
  }
  return includeDrafts ? cached.mappings : cached.mappings.filter((mapping) => mapping.status === 'published')
}

/** The mapping of one course IRI, drafts included: evidence does not depend on whether the catalogue shows it. */
export function courseMappingFor({ course, root }: { course: string; root?: string }): CourseMapping | null {
  return loadCourseMappings({ includeDrafts: true, root }).find((mapping) => mapping.course === course) ?? null
}
