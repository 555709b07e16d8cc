import fs from 'node:fs'
import { isProduction } from '#app/lib/env.server.ts'
import { defaultContentRoot } from './content-root.server.ts'
import type { DomainId, Framework } from './framework.schema.ts'
import { competencyIndex, frameworkRootFor, loadFramework } from './framework.server.ts'
import { listModuleSlugs, moduleFiles, readModule, type ModuleResult, type ModuleSource } from './module-source.server.ts'
import { formatProblem } from './yaml-with-lines.ts'

// Each request looks at the modules' files (their size and modification time: a stat each, not a read)
// and re-parses one only when its files changed, so an author's edit shows on reload and every instance
// serves what is on its disk.
const parsed = new Map<string, { hash: string; result: ModuleResult }>()
const warned = new Set<string>()

function sourceHash(slug: string, root: string): string {
  const files = moduleFiles({ root, slug })
  return [files.index, files.questions]
    .map((file) => {
      const stat = fs.statSync(file, { throwIfNoEntry: false })
      return stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : '-'
    })
    .join('|')
}

function readCached({ root, slug, framework }: { root: string; slug: string; framework: Framework }): ModuleResult {
  const key = `${root}\0${slug}`
  const hash = sourceHash(slug, root)
  const cached = parsed.get(key)
  if (cached?.hash === hash) return cached.result
  const result = readModule({ root, slug, framework })
  parsed.set(key, { hash, result })
  if (!result.ok && !warned.has(hash)) {
    warned.add(hash)
    console.warn(`Module ${slug} is left out until it passes npm run content:check:\n${result.problems.map(formatProblem).join('\n')}`)
  }
  return result
}

/** Drafts are for administrators, and for everyone while developing content. */
export function canSeeDrafts(user: { isAdmin: boolean }): boolean {
  return user.isAdmin || !isProduction
}

export interface CatalogueOptions {
  includeDrafts: boolean
  root?: string
}

export function loadModules({ includeDrafts, root = defaultContentRoot() }: CatalogueOptions): ModuleSource[] {
  const framework = loadFramework({ root: frameworkRootFor(root) })
  return listModuleSlugs({ root }).flatMap((slug) => {
    const result = readCached({ root, slug, framework })
    if (!result.ok) return []
    return includeDrafts || result.module.frontmatter.status === 'published' ? [result.module] : []
  })
}

export function findModule({ slug, includeDrafts, root = defaultContentRoot() }: CatalogueOptions & { slug: string }): ModuleSource | null {
  if (!listModuleSlugs({ root }).includes(slug)) return null
  const result = readCached({ root, slug, framework: loadFramework({ root: frameworkRootFor(root) }) })
  if (!result.ok) return null
  return includeDrafts || result.module.frontmatter.status === 'published' ? result.module : null
}

export interface CatalogueFilters {
  q?: string
  domain?: DomainId
  level?: number
  roleProfile?: string
}

/** What a module or course counts towards, each competency and level named from the framework. */
export function namedCompetencies(mappings: readonly { id: string; level: number }[], framework: Framework) {
  const competencies = competencyIndex(framework)
  const levelNames = new Map(framework.levels.map((l) => [l.level, l.name]))
  return mappings.map((mapping) => {
    const competency = competencies.get(mapping.id)
    return {
      id: mapping.id,
      level: mapping.level,
      levelName: levelNames.get(mapping.level) ?? `Level ${mapping.level}`,
      name: competency?.name ?? mapping.id,
      domainId: competency?.domain.id ?? mapping.id.split('.')[0] ?? '',
      domainName: competency?.domain.name ?? '',
    }
  })
}

/** A module as the catalogue and overview show it: its competencies named from the framework. */
export function describeModule(module: ModuleSource, framework: Framework) {
  const { frontmatter } = module
  return {
    kind: 'module' as const,
    slug: module.slug,
    title: frontmatter.title,
    summary: frontmatter.summary,
    minutes: frontmatter.minutes,
    status: frontmatter.status,
    updated: frontmatter.updated,
    /** Hash of the source: which version a pass was of (never shown; the date it was updated is). */
    version: module.version,
    objectives: frontmatter.objectives,
    audience: frontmatter.audience,
    passMark: frontmatter.passMark,
    sectionCount: module.outline.sections.length,
    questionCount: module.questions?.questions.length ?? 0,
    competencies: namedCompetencies(frontmatter.competencies, framework),
  }
}

export type ModuleSummary = ReturnType<typeof describeModule>

/** What the filters read: a module's summary, or an imported course's in the same shape. */
type Filterable = Pick<ModuleSummary, 'title' | 'summary' | 'objectives' | 'competencies' | 'audience'>

export function filterModules<M extends Filterable>(modules: M[], filters: CatalogueFilters): M[] {
  const words = (filters.q ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  return modules.filter((module) => {
    if (filters.domain && !module.competencies.some((c) => c.domainId === filters.domain)) return false
    if (filters.level && !module.competencies.some((c) => c.level === filters.level)) return false
    if (filters.roleProfile && !module.audience.includes(filters.roleProfile as never)) return false
    if (words.length > 0) {
      const text = [module.title, module.summary, ...module.objectives, ...module.competencies.map((c) => `${c.id} ${c.name}`)]
        .join(' ')
        .toLowerCase()
      if (!words.every((word) => text.includes(word))) return false
    }
    return true
  })
}

export function frameworkForContent(root = defaultContentRoot()): Framework {
  return loadFramework({ root })
}
