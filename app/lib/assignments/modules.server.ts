import { frameworkForContent, loadModules } from '#app/lib/content/catalogue.server.ts'
import { competencyIndex } from '#app/lib/content/framework.server.ts'

// What an assignment can name: the modules of the catalogue, each with its refresh period. A module's
// evidence expires when it maps to a competency with refreshMonths; assignments of such a module may recur.

export interface AssignableModule {
  slug: string
  title: string
  published: boolean
  audience: string[]
  /** Months until evidence from this module lapses (the longest of its competencies'), or null: never. */
  refreshMonths: number | null
}

/** Every module (drafts too, so work assigned before a module was withdrawn keeps its title). */
export function moduleCatalogue(): AssignableModule[] {
  const competencies = competencyIndex(frameworkForContent())
  return loadModules({ includeDrafts: true }).map((module) => {
    const months = module.frontmatter.competencies.flatMap((mapping) => {
      const refresh = competencies.get(mapping.id)?.refreshMonths
      return refresh ? [refresh] : []
    })
    return {
      slug: module.slug,
      title: module.frontmatter.title,
      published: module.frontmatter.status === 'published',
      audience: [...module.frontmatter.audience],
      refreshMonths: months.length > 0 ? Math.max(...months) : null,
    }
  })
}

/** Modules whose evidence expires: the only ones an assignment can recur for. */
export function refreshingSlugs(catalogue = moduleCatalogue()): string[] {
  return catalogue.filter((module) => module.refreshMonths !== null).map((module) => module.slug)
}
