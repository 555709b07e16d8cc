import path from 'node:path'
import { compileProblems } from './compile.server.ts'
import { readCourseMappings } from './course-mapping.server.ts'
import { frameworkRootFor, readFramework } from './framework.server.ts'
import { listModuleSlugs, readModule } from './module-source.server.ts'
import type { ContentProblem } from './yaml-with-lines.ts'

/**
 * Everything `npm run content:check` verifies, for one content folder. A folder of modules without its
 * own framework (the broken fixtures under tests/) is checked against `fallbackFrameworkRoot`'s.
 */
export async function checkContent({
  root,
  fallbackFrameworkRoot = path.resolve('content'),
}: {
  root: string
  fallbackFrameworkRoot?: string
}): Promise<{ problems: ContentProblem[]; modules: number; courses: number }> {
  const framework = readFramework({ root: frameworkRootFor(root, fallbackFrameworkRoot) })
  if (!framework.ok) return { problems: framework.problems, modules: 0, courses: 0 }
  const problems: ContentProblem[] = []
  const slugs = listModuleSlugs({ root })
  for (const slug of slugs) {
    const result = readModule({ root, slug, framework: framework.framework })
    problems.push(...(result.ok ? await compileProblems(result.module) : result.problems))
  }
  const courses = readCourseMappings({ root, framework: framework.framework, moduleSlugs: slugs })
  if (!courses.ok) problems.push(...courses.problems)
  return { problems, modules: slugs.length, courses: courses.ok ? courses.mappings.length : 0 }
}
