import { isNode, LineCounter, parseDocument } from 'yaml'
import type { z } from 'zod'

export interface ContentProblem {
  file: string
  line: number
  message: string
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: ContentProblem[] }

/**
 * Parses YAML and validates it with a zod schema, reporting each problem at the line of the field it is
 * about (`lineOffset` is added, for YAML that starts part-way into a file, such as frontmatter).
 */
export function parseYamlWithSchema<S extends z.ZodType>(
  { file, text, lineOffset = 0 }: { file: string; text: string; lineOffset?: number },
  schema: S,
): Validated<z.output<S>> {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + lineOffset
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({ file, line: lineAt(error.pos[0]), message: `YAML: ${error.message.split('\n')[0]}` })),
    }
  }
  const result = schema.safeParse(doc.toJS())
  if (result.success) return { ok: true, value: result.data }
  const problems = result.error.issues.map((issue) => {
    // The deepest node that exists on the issue's path (a missing field is reported at its parent, an
    // unknown key at the key itself).
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : []
    let path = [...issue.path, ...unknownKey].map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))
    let node: unknown = doc.getIn(path, true)
    while (!isNode(node) && path.length > 0) {
      path = path.slice(0, -1)
      node = path.length > 0 ? doc.getIn(path, true) : doc.contents
    }
    const offset = isNode(node) && node.range ? node.range[0] : 0
    const field = issue.path.join('.')
    const where = field && !issue.message.startsWith(`${field} `) ? `${field}: ` : ''
    return { file, line: lineAt(offset), message: `${where}${issue.message}` }
  })
  return { ok: false, problems }
}

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`
}

/** The line (from 1) of the node at a path in a YAML text, for checks made after the schema's. */
export function yamlLineFinder(text: string): (path: (string | number)[]) => number {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter })
  return (path) => {
    let at = path
    let node: unknown = doc.getIn(at, true)
    while (!isNode(node) && at.length > 0) {
      at = at.slice(0, -1)
      node = at.length > 0 ? doc.getIn(at, true) : doc.contents
    }
    return lineCounter.linePos(isNode(node) && node.range ? node.range[0] : 0).line
  }
}
