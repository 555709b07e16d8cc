import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { bundleMDX } from 'mdx-bundler'
import { getMDXComponent } from 'mdx-bundler/client/index.js'
import { renderSectionHtml } from './mdx-component-map.server.ts'
import type { ModuleSource } from './module-source.server.ts'
import type { ContentProblem } from './yaml-with-lines.ts'

// Modules are compiled with mdx-bundler and rendered on the server to static HTML, one string per
// section, cached by a hash of the source: in memory, and on disk so a restart (or another instance
// built from the same files) does not compile again. `npm run build` fills the disk cache.
const RENDERER_VERSION = '1'
export const COMPILE_CACHE_DIR = path.resolve('.cache/content')

export interface CompiledModule {
  sections: { title: string; html: string }[]
}

const memory = new Map<string, CompiledModule>()

export function compileCacheKey(module: ModuleSource): string {
  return createHash('sha256').update(RENDERER_VERSION).update(module.slug).update('\0').update(module.body).digest('hex').slice(0, 24)
}

export async function compileModule(module: ModuleSource): Promise<CompiledModule> {
  const key = compileCacheKey(module)
  const cached = memory.get(key) ?? readDiskCache(key)
  if (cached) {
    memory.set(key, cached)
    return cached
  }
  const compiled = await compileUncached(module)
  memory.set(key, compiled)
  writeDiskCache(key, compiled)
  return compiled
}

async function compileUncached(module: ModuleSource): Promise<CompiledModule> {
  const { code } = await bundleMDX({ source: module.body, cwd: module.dir })
  const Content = getMDXComponent(code)
  const sections = module.outline.sections.map((section, index) => ({
    title: section.title,
    html: renderSectionHtml({ Content, slug: module.slug, sectionIndex: index }),
  }))
  return { sections }
}

/** For content:check: compile without caching and report failures at the file line. */
export async function compileProblems(module: ModuleSource): Promise<ContentProblem[]> {
  try {
    await compileUncached(module)
    return []
  } catch (error) {
    const file = path.join(module.dir, 'index.mdx')
    const first = (error as { errors?: { text?: string; location?: { line?: number } }[] }).errors?.[0]
    const line = first?.location?.line ? first.location.line + module.bodyLine - 1 : module.bodyLine
    const message = first?.text ?? (error instanceof Error ? error.message : String(error))
    return [{ file, line, message: `MDX does not compile: ${message.split('\n')[0]}` }]
  }
}

function readDiskCache(key: string): CompiledModule | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(COMPILE_CACHE_DIR, `${key}.json`), 'utf8')) as CompiledModule
  } catch {
    return null
  }
}

function writeDiskCache(key: string, compiled: CompiledModule) {
  try {
    fs.mkdirSync(COMPILE_CACHE_DIR, { recursive: true })
    const file = path.join(COMPILE_CACHE_DIR, `${key}.json`)
    const temporary = `${file}.${process.pid}.tmp`
    fs.writeFileSync(temporary, JSON.stringify(compiled))
    fs.renameSync(temporary, file)
  } catch {
    // A read-only disk only costs a recompile after restart.
  }
}
