import fs from 'node:fs'
import path from 'node:path'
import { frameworkSchema, type Framework } from './framework.schema.ts'
import { formatProblem, parseYamlWithSchema, type ContentProblem } from './yaml-with-lines.ts'

export const FRAMEWORK_FILE = 'frameworks/digital-capability.yaml'

export class ContentError extends Error {
  override name = 'ContentError'
  constructor(readonly problems: ContentProblem[]) {
    super(problems.map(formatProblem).join('\n'))
  }
}

/** A folder of modules without its own framework (test fixtures) uses the shipped one. */
export function frameworkRootFor(root: string, fallback = path.resolve('content')): string {
  return fs.existsSync(path.join(root, FRAMEWORK_FILE)) ? root : fallback
}

export type FrameworkResult = { ok: true; framework: Framework } | { ok: false; problems: ContentProblem[] }

export function readFramework({ root }: { root: string }): FrameworkResult {
  const file = path.join(root, FRAMEWORK_FILE)
  if (!fs.existsSync(file)) return { ok: false, problems: [{ file, line: 1, message: 'the competency framework file is missing' }] }
  const result = parseYamlWithSchema({ file, text: fs.readFileSync(file, 'utf8') }, frameworkSchema)
  return result.ok ? { ok: true, framework: result.value } : result
}

const cache = new Map<string, { hash: string; framework: Framework }>()

/**
 * The validated framework; re-read when the file changes, so edits show without a restart. Asked for many
 * times a request, so the check is a stat (as for modules in catalogue.server.ts), not a read.
 */
export function loadFramework({ root }: { root: string }): Framework {
  const stat = fs.statSync(path.join(root, FRAMEWORK_FILE), { throwIfNoEntry: false })
  const hash = stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : '-'
  const cached = cache.get(root)
  if (cached?.hash === hash) return cached.framework
  const result = readFramework({ root })
  if (!result.ok) throw new ContentError(result.problems)
  cache.set(root, { hash, framework: result.framework })
  return result.framework
}

export function competencyIndex(framework: Framework) {
  return new Map(
    framework.domains.flatMap((domain) => domain.competencies.map((competency) => [competency.id, { ...competency, domain }] as const)),
  )
}
