import { frameworkForContent, loadModules } from '#app/lib/content/catalogue.server.ts'
import { loadCourseMappings } from '#app/lib/content/course-mapping.server.ts'
import { competencyIndex } from '#app/lib/content/framework.server.ts'
import { loadMappedCourses } from '#app/lib/courses/course-catalogue.server.ts'

// What an assignment can name: the modules of the catalogue and the imported courses content/courses.yaml
// maps (they share slugs), each with its refresh period. Evidence expires when the item maps to a
// competency with refreshMonths; assignments of such an item may recur.

export interface AssignableModule {
  kind: 'module' | 'course'
  slug: string
  title: string
  published: boolean
  audience: string[]
  /** Months until evidence from this item lapses (the longest of its competencies'), or null: never. */
  refreshMonths: number | null
}

/**
 * Every module and mapped course (drafts too, so work assigned before it was withdrawn keeps its title). A
 * course's title here is the mapping's (or its slug): learningCatalogue() reads the imported course's own.
 */
export function moduleCatalogue(): AssignableModule[] {
  const competencies = competencyIndex(frameworkForContent())
  const refreshOf = (mapped: { id: string }[]) => {
    const months = mapped.flatMap((mapping) => competencies.get(mapping.id)?.refreshMonths ?? [])
    return months.length > 0 ? Math.max(...months) : null
  }
  const modules = loadModules({ includeDrafts: true }).map((module): AssignableModule => ({
    kind: 'module',
    slug: module.slug,
    title: module.frontmatter.title,
    published: module.frontmatter.status === 'published',
    audience: [...module.frontmatter.audience],
    refreshMonths: refreshOf(module.frontmatter.competencies),
  }))
  const courses = loadCourseMappings({ includeDrafts: true }).map((mapping): AssignableModule => ({
    kind: 'course',
    slug: mapping.slug,
    title: mapping.title ?? mapping.slug,
    published: mapping.status === 'published',
    audience: [...mapping.audience],
    refreshMonths: refreshOf(mapping.competencies),
  }))
  return [...modules, ...courses]
}

/**
 * As moduleCatalogue(), with imported courses' own titles; a mapped course that has not been imported is
 * not published (there is nothing to launch).
 */
export async function learningCatalogue(): Promise<AssignableModule[]> {
  const catalogue = moduleCatalogue()
  if (!catalogue.some((item) => item.kind === 'course')) return catalogue
  const imported = new Map((await loadMappedCourses({ includeDrafts: true })).map((course) => [course.slug, course]))
  return catalogue.map((item) => {
    if (item.kind !== 'course') return item
    const course = imported.get(item.slug)
    return { ...item, title: course?.title ?? item.title, published: item.published && course !== undefined }
  })
}

/** Modules and courses whose evidence expires: the only ones an assignment can recur for. */
export function refreshingSlugs(catalogue = moduleCatalogue()): string[] {
  return catalogue.filter((module) => module.refreshMonths !== null).map((module) => module.slug)
}
