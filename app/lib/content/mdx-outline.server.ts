import { createProcessor } from '@mdx-js/mdx'
import type { ContentProblem } from './yaml-with-lines.ts'

// What a module's MDX body contains, read from its syntax tree: the sections (one screen each) and every
// component used, with line numbers so problems can be reported where they are.
export interface MdxElement {
  name: string | null
  line: number
  attributes: Record<string, string | true | { expression: string }>
  sectionIndex: number | null
}

export interface MdxOutline {
  sections: { title: string; line: number }[]
  elements: MdxElement[]
}

interface Point {
  line: number
  column: number
  offset?: number
}
interface TreeNode {
  type: string
  name?: string | null
  value?: string
  attributes?: { type: string; name?: string; value?: unknown }[]
  children?: TreeNode[]
  position?: { start: Point; end: Point }
}

const processor = createProcessor({ format: 'mdx' })

export type OutlineResult = { ok: true; outline: MdxOutline } | { ok: false; problems: ContentProblem[] }

/** `firstLine` is the file line on which `body` starts, so reported lines are file lines. */
export function outlineMdx({ file, body, firstLine }: { file: string; body: string; firstLine: number }): OutlineResult {
  let tree: TreeNode
  try {
    tree = processor.parse(body) as unknown as TreeNode
  } catch (error) {
    const place = (error as { line?: number; place?: { line?: number; start?: { line?: number } } })
    const line = place.line ?? place.place?.line ?? place.place?.start?.line ?? 1
    // The parser's own positions are relative to the body; the line we report is the file's.
    const reason = ((error as { reason?: string }).reason ?? String(error)).replace(/\s*\(\d+:\d+(-\d+:\d+)?\)$/, '')
    return { ok: false, problems: [{ file, line: line + firstLine - 1, message: `MDX syntax: ${reason}` }] }
  }

  const problems: ContentProblem[] = []
  const sections: MdxOutline['sections'] = []
  const elements: MdxElement[] = []
  const lineOf = (node: TreeNode) => (node.position?.start.line ?? 1) + firstLine - 1

  const visit = (node: TreeNode, sectionIndex: number | null, depth: number) => {
    if (node.type === 'mdxjsEsm') {
      problems.push({ file, line: lineOf(node), message: 'import and export are not allowed in modules; use the documented components' })
    }
    if ((node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') && !isComment(node.value ?? '')) {
      problems.push({ file, line: lineOf(node), message: 'JavaScript expressions are not allowed in modules (only {/* comments */})' })
    }
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      const attributes: MdxElement['attributes'] = {}
      for (const attribute of node.attributes ?? []) {
        if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) continue
        const value = attribute.value
        attributes[attribute.name] =
          value === null || value === undefined
            ? true
            : typeof value === 'string'
              ? value
              : { expression: String((value as { value?: string }).value ?? '') }
      }
      elements.push({ name: node.name ?? null, line: lineOf(node), attributes, sectionIndex })
      if (node.name === 'Section' && depth > 0) {
        problems.push({ file, line: lineOf(node), message: '<Section> goes at the top level, not inside another component' })
      }
    }
    for (const child of node.children ?? []) visit(child, sectionIndex, depth + 1)
  }

  for (const node of tree.children ?? []) {
    if (node.type === 'mdxJsxFlowElement' && node.name === 'Section') {
      const title = node.attributes?.find((a) => a.name === 'title')?.value
      sections.push({ title: typeof title === 'string' ? title : '', line: lineOf(node) })
      visit(node, sections.length - 1, 0)
    } else {
      if (!(node.type === 'mdxFlowExpression' && isComment(node.value ?? ''))) {
        problems.push({ file, line: lineOf(node), message: 'everything in a module goes inside a <Section title="…"> (one screen each)' })
      }
      visit(node, null, 0)
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, outline: { sections, elements } }
}

function isComment(expression: string): boolean {
  const trimmed = expression.trim()
  return trimmed.startsWith('/*') && trimmed.endsWith('*/')
}
