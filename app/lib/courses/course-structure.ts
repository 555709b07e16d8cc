import { inEnglish } from './language-map.ts'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { z } from 'zod'
import { readXmlTree, type XmlElement } from './xml-tree.ts'

// A cmi5 course structure (cmi5.xml), read and checked as the course structure XSD would check it, plus the
// rules the cmi5 specification adds on top (ids are IRIs and unique, an AU's url is a URL whose query leaves the
// launch parameters to the platform). Every problem names the element it is about, so an administrator can send
// the list to the course's publisher.

export const COURSE_STRUCTURE_NAMESPACE = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd'

/** Query parameters the platform adds to every AU's launch URL; an AU's own url must not set them. */
export const CMI5_LAUNCH_PARAMETERS = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'] as const

/** Blocks inside blocks deeper than this are refused: no real course needs it, and it bounds recursion. */
export const MAX_BLOCK_DEPTH = 50

// An absolute IRI: a scheme, a colon, and no characters that an IRI cannot hold.
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i
const SCHEME = /^[a-z][a-z0-9+.-]*:/i
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/

export const iriSchema = z.string().regex(IRI, 'is not an IRI (a full identifier such as https://example.org/course/1)')
/** Text in several languages, keyed by language tag ("und" when the publisher gave none), as xAPI holds it. */
export const languageMapSchema = z.record(z.string(), z.string())
export const launchMethodSchema = z.enum(['AnyWindow', 'OwnWindow'])
export const moveOnSchema = z.enum(['Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed', 'NotApplicable'])
export const masteryScoreSchema = z.number().min(0).max(1)

export const objectiveSchema = z.object({ id: iriSchema, title: languageMapSchema, description: languageMapSchema })

export const auSchema = z.object({
  type: z.literal('au'),
  id: iriSchema,
  title: languageMapSchema,
  description: languageMapSchema,
  /** Ids of the course's objectives that this AU refers to. */
  objectives: z.array(iriSchema),
  url: z.string().min(1),
  launchMethod: launchMethodSchema,
  moveOn: moveOnSchema,
  masteryScore: masteryScoreSchema.nullable(),
  activityType: z.string().nullable(),
  launchParameters: z.string().nullable(),
  entitlementKey: z.string().nullable(),
})

export const blockSchema = z.object({
  type: z.literal('block'),
  id: iriSchema,
  title: languageMapSchema,
  description: languageMapSchema,
  objectives: z.array(iriSchema),
  get children(): z.ZodArray<z.ZodUnion<[typeof auSchema, typeof blockSchema]>> {
    return z.array(z.union([auSchema, blockSchema]))
  },
})

export const courseStructureSchema = z.object({
  course: z.object({ id: iriSchema, title: languageMapSchema, description: languageMapSchema }),
  objectives: z.array(objectiveSchema),
  children: z.array(z.union([auSchema, blockSchema])),
})

export type CourseStructure = z.infer<typeof courseStructureSchema>
export type CourseAu = z.infer<typeof auSchema>
export type CourseBlock = z.infer<typeof blockSchema>
export type LanguageMap = z.infer<typeof languageMapSchema>

/** One problem with a course, named by where it is: "course", "AU "Introduction" (https://…)", "file "a/b.html"". */
export interface CourseProblem {
  where: string
  message: string
}

export type CourseStructureResult = { ok: true; structure: CourseStructure } | { ok: false; problems: CourseProblem[] }

/** A url without a scheme is a path inside the course's zip. */
export function isRelativeUrl(url: string): boolean {
  return !SCHEME.test(url)
}

/** The AUs in course order, each with the ids of the blocks around it (outermost first). */
export function courseAusInOrder(structure: CourseStructure): { au: CourseAu; blockIds: string[]; position: number }[] {
  const found: { au: CourseAu; blockIds: string[]; position: number }[] = []
  const walk = (children: (CourseAu | CourseBlock)[], blockIds: string[]) => {
    for (const child of children) {
      if (child.type === 'au') found.push({ au: child, blockIds, position: found.length })
      else walk(child.children, [...blockIds, child.id])
    }
  }
  walk(structure.children, [])
  return found
}

/** Reads and checks a cmi5.xml. `where` names the file in problems about the XML as a whole. */
export function parseCourseStructure(
  xml: string,
  { where = 'cmi5.xml' }: { where?: string } = {},
): CourseStructureResult {
  const text = xml.replace(/^\uFEFF/, '')
  // Entity declarations are how XML bombs work; a course structure has no use for a document type.
  if (/<!DOCTYPE/i.test(text))
    return fail(where, 'has a document type declaration (<!DOCTYPE …>), which a course structure must not have')
  let root: XmlElement | null
  try {
    const valid = XMLValidator.validate(text)
    if (valid !== true)
      return fail(where, `is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`)
    root = readXmlTree(xmlParser.parse(text) as unknown[])
  } catch (error) {
    // Elements nested deeply enough can exhaust the parser's stack: a bad file, not a server error.
    return fail(where, `could not be read as XML (${error instanceof Error ? error.message : String(error)})`)
  }
  if (!root) return fail(where, 'has no root element')
  if (root.localName !== 'courseStructure' || root.namespace !== COURSE_STRUCTURE_NAMESPACE)
    return fail(
      where,
      `must have courseStructure as its root element, in the namespace ${COURSE_STRUCTURE_NAMESPACE} (found ${root.name})`,
    )
  const reader = new StructureReader()
  const structure = reader.read(root)
  if (reader.problems.length > 0) return { ok: false, problems: reader.problems }
  // The reader only builds what passed its checks; the schema is the last word on the shape.
  const parsed = courseStructureSchema.safeParse(structure)
  if (!parsed.success)
    return fail(where, `could not be read: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`)
  return { ok: true, structure: parsed.data }
}

const xmlParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
})

function fail(where: string, message: string): { ok: false; problems: CourseProblem[] } {
  return { ok: false, problems: [{ where, message }] }
}

/** What an element may hold, in order: each step names the elements it accepts and how many. */
interface Step {
  names: string[]
  min: number
  max: number
}
const one = (name: string): Step => ({ names: [name], min: 1, max: 1 })
const optional = (name: string): Step => ({ names: [name], min: 0, max: 1 })
const MANY = Number.POSITIVE_INFINITY

const contentModels = {
  courseStructure: [one('course'), optional('objectives'), { names: ['au', 'block'], min: 1, max: MANY }],
  course: [one('title'), one('description')],
  block: [one('title'), one('description'), optional('objectives'), { names: ['au', 'block'], min: 1, max: MANY }],
  au: [
    one('title'),
    one('description'),
    optional('objectives'),
    one('url'),
    optional('launchParameters'),
    optional('entitlementKey'),
  ],
  courseObjectives: [{ names: ['objective'], min: 1, max: MANY }],
  referencedObjectives: [{ names: ['objective'], min: 1, max: MANY }],
  text: [{ names: ['langstring'], min: 1, max: MANY }],
} satisfies Record<string, Step[]>

/** Elements of the cmi5 namespace: other namespaces are the publisher's extensions, which the platform ignores. */
function cmi5Children(element: XmlElement): XmlElement[] {
  return element.children.filter((child) => child.namespace === COURSE_STRUCTURE_NAMESPACE)
}

class StructureReader {
  readonly problems: CourseProblem[] = []
  private readonly ids = new Map<string, string>()
  private readonly objectiveRefs: { where: string; idref: string }[] = []
  private blockCount = 0
  private auCount = 0

  read(root: XmlElement) {
    this.checkAttributes(root, 'the course structure', [])
    this.checkOrder(root, contentModels.courseStructure, 'the course structure')
    const courseElement = this.first(root, 'course')
    const course = courseElement ? this.readCourse(courseElement) : undefined
    const objectivesElement = this.first(root, 'objectives')
    const objectives = objectivesElement ? this.readCourseObjectives(objectivesElement) : []
    const children = this.readChildren(root, 1)
    const declared = new Set(objectives.map((objective) => objective.id))
    for (const ref of this.objectiveRefs)
      if (!declared.has(ref.idref))
        this.problem(ref.where, `refers to objective ${ref.idref}, which the course's objectives do not list`)
    return { course, objectives, children }
  }

  private readCourse(element: XmlElement) {
    const where = 'course'
    this.checkAttributes(element, where, ['id'])
    this.checkOrder(element, contentModels.course, where)
    const id = this.readId(element, where)
    return {
      id,
      title: this.readText(element, 'title', where),
      description: this.readText(element, 'description', where),
    }
  }

  private readCourseObjectives(element: XmlElement) {
    this.checkAttributes(element, 'the course objectives', [])
    this.checkOrder(element, contentModels.courseObjectives, 'the course objectives')
    return cmi5Children(element)
      .filter((child) => child.localName === 'objective')
      .map((child, index) => {
        const title = this.readText(child, 'title', `objective ${index + 1}`)
        const where = label('objective', index + 1, title, child.attributes.id)
        this.checkAttributes(child, where, ['id'])
        // An objective's title and description come in either order (xs:all), once each.
        for (const name of ['title', 'description'])
          if (cmi5Children(child).filter((c) => c.localName === name).length > 1)
            this.problem(where, `has more than one <${name}>`)
        for (const other of cmi5Children(child))
          if (other.localName !== 'title' && other.localName !== 'description')
            this.problem(where, `has an element <${other.localName}> that an objective cannot have`)
        const id = this.readId(child, where)
        return { id, title, description: this.readText(child, 'description', where) }
      })
  }

  private readChildren(parent: XmlElement, depth: number): unknown[] {
    return cmi5Children(parent).flatMap((child): unknown[] => {
      if (child.localName === 'au') return [this.readAu(child)]
      if (child.localName !== 'block') return []
      this.blockCount += 1
      const title = this.readText(child, 'title', `block ${this.blockCount}`)
      const where = label('block', this.blockCount, title, child.attributes.id)
      if (depth > MAX_BLOCK_DEPTH) {
        this.problem(where, `is nested more than ${MAX_BLOCK_DEPTH} blocks deep`)
        return []
      }
      this.checkAttributes(child, where, ['id'])
      this.checkOrder(child, contentModels.block, where)
      return [
        {
          type: 'block',
          id: this.readId(child, where),
          title,
          description: this.readText(child, 'description', where),
          objectives: this.readObjectiveRefs(child, where),
          children: this.readChildren(child, depth + 1),
        },
      ]
    })
  }

  private readAu(element: XmlElement) {
    this.auCount += 1
    const title = this.readText(element, 'title', `AU ${this.auCount}`)
    const where = label('AU', this.auCount, title, element.attributes.id)
    this.checkAttributes(element, where, ['id', 'moveOn', 'masteryScore', 'launchMethod', 'activityType'])
    this.checkOrder(element, contentModels.au, where)
    const attributes = element.attributes
    const moveOn = this.readEnum(attributes.moveOn, moveOnSchema, 'NotApplicable', where, 'moveOn')
    const launchMethod = this.readEnum(attributes.launchMethod, launchMethodSchema, 'AnyWindow', where, 'launchMethod')
    const urlElement = this.first(element, 'url')
    const url = urlElement ? textOf(urlElement).trim() : ''
    if (urlElement) this.checkUrl(url, where)
    return {
      type: 'au',
      id: this.readId(element, where),
      title,
      description: this.readText(element, 'description', where),
      objectives: this.readObjectiveRefs(element, where),
      url,
      launchMethod,
      moveOn,
      masteryScore: this.readMasteryScore(attributes.masteryScore, where),
      activityType: attributes.activityType?.trim() || null,
      launchParameters: this.optionalText(element, 'launchParameters'),
      entitlementKey: this.optionalText(element, 'entitlementKey'),
    }
  }

  private checkUrl(url: string, where: string) {
    if (url === '') return this.problem(where, 'url is empty')
    if (/\s/.test(url)) return this.problem(where, `url "${url}" is not a valid URL: it contains a space`)
    let parsed: URL
    try {
      parsed = new URL(url, 'https://package.invalid/')
    } catch {
      return this.problem(where, `url "${url}" is not a valid URL`)
    }
    if (!isRelativeUrl(url) && parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      return this.problem(where, `url "${url}" must start with https:// or http://, or be a path inside the zip`)
    for (const name of CMI5_LAUNCH_PARAMETERS)
      if (parsed.searchParams.has(name))
        this.problem(where, `url "${url}" sets "${name}" in its query, which the platform sets when it launches the AU`)
  }

  private readObjectiveRefs(element: XmlElement, where: string): string[] {
    const objectives = this.first(element, 'objectives')
    if (!objectives) return []
    this.checkOrder(objectives, contentModels.referencedObjectives, `${where} objectives`)
    return cmi5Children(objectives)
      .filter((child) => child.localName === 'objective')
      .flatMap((child) => {
        const idref = child.attributes.idref?.trim()
        if (!idref) {
          this.problem(where, 'has an objective reference without an idref')
          return []
        }
        this.objectiveRefs.push({ where, idref })
        return [idref]
      })
  }

  private readId(element: XmlElement, where: string): string {
    const id = element.attributes.id?.trim()
    if (!id) {
      this.problem(where, 'has no id')
      return ''
    }
    if (!iriSchema.safeParse(id).success) {
      this.problem(where, `id "${id}" is not an IRI (a full identifier such as https://example.org/course/1)`)
      return id
    }
    const first = this.ids.get(id)
    if (first) this.problem(where, `id ${id} is already the id of ${first}; ids must be unique in a course`)
    else this.ids.set(id, where)
    return id
  }

  private readText(element: XmlElement, name: 'title' | 'description', where: string): LanguageMap {
    const text = this.first(element, name)
    if (!text) return {}
    this.checkOrder(text, contentModels.text, `${where} ${name}`)
    const map: LanguageMap = {}
    for (const langstring of cmi5Children(text).filter((child) => child.localName === 'langstring')) {
      const lang = langstring.attributes.lang?.trim() || 'und'
      if (map[lang] !== undefined) this.problem(where, `${name} has more than one text in language "${lang}"`)
      map[lang] = textOf(langstring).trim()
    }
    return map
  }

  private optionalText(element: XmlElement, name: string): string | null {
    const found = this.first(element, name)
    return found ? textOf(found).trim() : null
  }

  private readEnum<T extends string>(
    raw: string | undefined,
    schema: z.ZodEnum<Record<T, T>>,
    fallback: T,
    where: string,
    attribute: string,
  ): T {
    if (raw === undefined) return fallback
    const parsed = schema.safeParse(raw.trim())
    if (parsed.success) return parsed.data as T
    this.problem(where, `${attribute} "${raw}" must be one of ${schema.options.join(', ')}`)
    return fallback
  }

  private readMasteryScore(raw: string | undefined, where: string): number | null {
    if (raw === undefined) return null
    const value = raw.trim()
    if (!DECIMAL.test(value)) {
      this.problem(where, `masteryScore "${raw}" is not a decimal number`)
      return null
    }
    const score = Number(value)
    if (!masteryScoreSchema.safeParse(score).success) {
      this.problem(where, `masteryScore must be between 0 and 1 (it is ${value})`)
      return null
    }
    return score
  }

  /** Attributes without a namespace must be ones the schema names; namespaced ones are extensions. */
  private checkAttributes(element: XmlElement, where: string, allowed: string[]) {
    for (const name of Object.keys(element.attributes))
      if (!name.includes(':') && name !== 'xmlns' && !allowed.includes(name))
        this.problem(where, `has an attribute "${name}" that <${element.localName}> cannot have`)
  }

  private checkOrder(element: XmlElement, model: Step[], where: string) {
    const allowed = model.flatMap((step) => step.names)
    const counts = new Map<string, number>()
    let step = 0
    let inStep = 0
    for (const child of cmi5Children(element)) {
      const name = child.localName
      counts.set(name, (counts.get(name) ?? 0) + 1)
      if (!allowed.includes(name)) {
        this.problem(where, `has an element <${name}> that <${element.localName}> cannot have`)
        continue
      }
      let at = step
      while (at < model.length && !model[at]?.names.includes(name)) at += 1
      if (at === model.length) {
        this.problem(where, `<${name}> is out of order: the elements must come in the order ${orderOf(model)}`)
        continue
      }
      inStep = at === step ? inStep + 1 : 1
      step = at
      if (inStep > (model[step]?.max ?? 1)) this.problem(where, `has more than one <${name}>`)
    }
    for (const s of model) {
      const found = s.names.reduce((sum, name) => sum + (counts.get(name) ?? 0), 0)
      if (found < s.min) this.problem(where, `has no <${s.names.join('> or <')}>`)
    }
  }

  private first(element: XmlElement, name: string): XmlElement | undefined {
    return cmi5Children(element).find((child) => child.localName === name)
  }

  private problem(where: string, message: string) {
    this.problems.push({ where, message })
  }
}

function orderOf(model: Step[]): string {
  return model.map((step) => step.names.map((name) => `<${name}>`).join(' or ')).join(', ')
}

function textOf(element: XmlElement): string {
  return element.text
}

/** "AU "Introduction" (https://…)", or "AU 3" when it has no title; the id only when it is one. */
function label(kind: string, number: number, title: LanguageMap, id: string | undefined): string {
  const name = inEnglish(title)
  const trimmedId = id?.trim()
  const shownId = trimmedId && IRI.test(trimmedId) ? ` (${trimmedId})` : ''
  return name ? `${kind} "${name}"${shownId}` : `${kind} ${number}${shownId}`
}
