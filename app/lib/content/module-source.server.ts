import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Framework } from './framework.schema.ts'
import { competencyIndex } from './framework.server.ts'
import { outlineMdx, type MdxOutline } from './mdx-outline.server.ts'
import { frontmatterSchema, moduleSlugSchema, questionBankSchema, type Frontmatter, type QuestionBank } from './module.schema.ts'
import { parseYamlWithSchema, type ContentProblem } from './yaml-with-lines.ts'

export interface ModuleSource {
  slug: string
  dir: string
  frontmatter: Frontmatter
  /** The MDX after the frontmatter, and the file line it starts on. */
  body: string
  bodyLine: number
  outline: MdxOutline
  questions: QuestionBank | null
  /** Hash of the module's source files: statements and reports say which version someone completed. */
  version: string
}

export type ModuleResult = { ok: true; module: ModuleSource } | { ok: false; problems: ContentProblem[] }

export const MODULES_DIR = 'modules'
export const CALLOUT_TYPES = ['tip', 'warning', 'ward'] as const

/** The components authors may use (content/README.md documents each) and the attributes each requires. */
const COMPONENTS: Record<string, { required: string[] }> = {
  Section: { required: ['title'] },
  Callout: { required: ['type'] },
  Figure: { required: ['src', 'alt'] },
  Definition: { required: ['term'] },
  Steps: { required: [] },
  KnowledgeCheck: { required: [] },
}

export function listModuleSlugs({ root }: { root: string }): string[] {
  const dir = path.join(root, MODULES_DIR)
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
}

export function moduleFiles({ root, slug }: { root: string; slug: string }) {
  const dir = path.join(root, MODULES_DIR, slug)
  return { dir, index: path.join(dir, 'index.mdx'), questions: path.join(dir, 'questions.yaml') }
}

/** Reads and checks one module folder: frontmatter, sections, components, images and question bank. */
export function readModule({ root, slug, framework }: { root: string; slug: string; framework: Framework }): ModuleResult {
  const files = moduleFiles({ root, slug })
  const problems: ContentProblem[] = []
  const slugCheck = moduleSlugSchema.safeParse(slug)
  if (!slugCheck.success) problems.push({ file: files.dir, line: 1, message: slugCheck.error.issues[0]?.message ?? 'bad folder name' })
  if (!fs.existsSync(files.index)) return { ok: false, problems: [...problems, { file: files.index, line: 1, message: 'index.mdx is missing' }] }

  const source = fs.readFileSync(files.index, 'utf8').replace(/\r\n/g, '\n')
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source)
  if (!match) return { ok: false, problems: [...problems, { file: files.index, line: 1, message: 'index.mdx must start with frontmatter between --- lines' }] }
  const frontmatterText = match[1] ?? ''
  const bodyLine = frontmatterText.split('\n').length + 3
  const body = source.slice(match[0].length)

  const parsedFrontmatter = parseYamlWithSchema({ file: files.index, text: frontmatterText, lineOffset: 1 }, frontmatterSchema)
  if (!parsedFrontmatter.ok) problems.push(...parsedFrontmatter.problems)
  const frontmatter = parsedFrontmatter.ok ? parsedFrontmatter.value : null

  if (frontmatter) {
    const competencies = competencyIndex(framework)
    frontmatter.competencies.forEach((mapping, index) => {
      if (!competencies.has(mapping.id)) {
        const line = lineOfText(source, `id: ${mapping.id}`) ?? 2
        problems.push({ file: files.index, line, message: `competencies.${index}.id: unknown competency ${mapping.id} (not in the framework)` })
      }
    })
  }

  const outlined = outlineMdx({ file: files.index, body, firstLine: bodyLine })
  if (!outlined.ok) return { ok: false, problems: [...problems, ...outlined.problems] }
  const { outline } = outlined
  if (outline.sections.length === 0) problems.push({ file: files.index, line: bodyLine, message: 'a module needs at least one <Section title="…">' })
  problems.push(...checkElements({ file: files.index, dir: files.dir, outline }))

  let questions: QuestionBank | null = null
  const questionsText = fs.existsSync(files.questions) ? fs.readFileSync(files.questions, 'utf8') : null
  if (questionsText !== null) {
    const parsed = parseYamlWithSchema({ file: files.questions, text: questionsText }, questionBankSchema)
    if (parsed.ok) {
      questions = parsed.value
      problems.push(...checkQuestionSections({ file: files.questions, text: questionsText, questions, outline }))
    } else problems.push(...parsed.problems)
  } else if (frontmatter?.status === 'published') {
    problems.push({ file: files.questions, line: 1, message: 'a published module needs a knowledge check (questions.yaml)' })
  }
  const checks = outline.elements.filter((element) => element.name === 'KnowledgeCheck')
  if (questionsText !== null && checks.length !== 1) {
    problems.push({ file: files.index, line: checks[1]?.line ?? bodyLine, message: `place <KnowledgeCheck /> exactly once, in the last section (found ${checks.length})` })
  } else if (checks[0] && checks[0].sectionIndex !== outline.sections.length - 1) {
    problems.push({ file: files.index, line: checks[0].line, message: '<KnowledgeCheck /> belongs in the last section' })
  }

  if (problems.length > 0 || !frontmatter) return { ok: false, problems }
  const version = createHash('sha256').update(source).update('\0').update(questionsText ?? '').digest('hex').slice(0, 16)
  return { ok: true, module: { slug, dir: files.dir, frontmatter, body, bodyLine, outline, questions, version } }
}

/** A question's `section` must name one of the module's sections. */
function checkQuestionSections({
  file,
  text,
  questions,
  outline,
}: {
  file: string
  text: string
  questions: QuestionBank
  outline: MdxOutline
}): ContentProblem[] {
  const lines = text.split('\n')
  const count = outline.sections.length
  return questions.questions
    .filter((question) => question.section !== undefined && question.section > count)
    .map((question) => {
      const at = lines.findIndex((line) => new RegExp(`^\\s*-?\\s*id:\\s*['"]?${question.id}['"]?\\s*$`).test(line))
      return {
        file,
        line: at + 1 || 1,
        message: `question ${question.id} names section ${question.section}, but the module has ${count} section${count === 1 ? '' : 's'}`,
      }
    })
}

function checkElements({ file, dir, outline }: { file: string; dir: string; outline: MdxOutline }): ContentProblem[] {
  const problems: ContentProblem[] = []
  for (const element of outline.elements) {
    const name = element.name ?? '<>'
    const spec = COMPONENTS[name]
    if (!spec) {
      const known = Object.keys(COMPONENTS).join(', ')
      problems.push({ file, line: element.line, message: `<${name}> is not a module component (use markdown or one of: ${known})` })
      continue
    }
    for (const attribute of spec.required) {
      const value = element.attributes[attribute]
      if (typeof value !== 'string' || value.trim() === '') {
        const what = name === 'Figure' && attribute === 'alt' ? ' (alt text describes the image for people who cannot see it)' : ''
        problems.push({ file, line: element.line, message: `<${name}> needs ${/^[aeiou]/.test(attribute) ? 'an' : 'a'} ${attribute}="…" attribute${what}` })
      }
    }
    const type = element.attributes.type
    if (name === 'Callout' && typeof type === 'string' && !(CALLOUT_TYPES as readonly string[]).includes(type)) {
      problems.push({ file, line: element.line, message: `<Callout type="${type}"> must be one of: ${CALLOUT_TYPES.join(', ')}` })
    }
    const src = element.attributes.src
    if (name === 'Figure' && typeof src === 'string') {
      const image = path.resolve(dir, src)
      if (!image.startsWith(dir + path.sep) || !/\.(png|jpe?g|svg|webp)$/i.test(src)) {
        problems.push({ file, line: element.line, message: `<Figure src="${src}"> must be a .png, .jpg, .svg or .webp file in the module's folder` })
      } else if (!fs.existsSync(image)) {
        problems.push({ file, line: element.line, message: `<Figure src="${src}">: image file not found` })
      }
    }
  }
  return problems
}

function lineOfText(source: string, needle: string): number | null {
  const index = source.indexOf(needle)
  return index === -1 ? null : source.slice(0, index).split('\n').length
}
