import { crc32, deflateRawSync } from 'node:zlib'
import { ZipFile } from 'yazl'

// cmi5 course packages built in memory for tests: valid ones of each kind the platform accepts, and one for each
// way a package must be refused. Written for this project (the CATAPULT test packages stay outside the
// repository: scripts/course-check-catapult.ts).

export const CMI5_NAMESPACE = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd'

export interface AuSpec {
  kind?: 'au'
  id?: string
  title?: string
  url?: string
  moveOn?: string
  masteryScore?: string
  launchMethod?: string
  activityType?: string
  launchParameters?: string
  entitlementKey?: string
  objectives?: string[]
  /** Raw XML put inside the <au> element, replacing the usual title/description/url (for broken packages). */
  body?: string
}

export interface BlockSpec {
  kind: 'block'
  id?: string
  title?: string
  objectives?: string[]
  children: (AuSpec | BlockSpec)[]
}

export interface CourseSpec {
  id?: string
  title?: string
  description?: string
  objectives?: { id: string; title: string }[]
  children?: (AuSpec | BlockSpec)[]
  /** Attributes added to the root element (extra namespaces). */
  rootAttributes?: string
  /** Raw XML added at the end of the root element (a publisher's extension elements). */
  extra?: string
}

export const COURSE_ID = 'https://courses.example.org/cmi5/safe-passwords'

export function auId(n: number, courseId = COURSE_ID): string {
  return `${courseId}/au/${n}`
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const langstrings = (text: string) => `<langstring lang="en-GB">${escape(text)}</langstring>`

function objectiveRefs(ids: string[] | undefined): string {
  if (!ids?.length) return ''
  return `<objectives>${ids.map((id) => `<objective idref="${escape(id)}"/>`).join('')}</objectives>`
}

function auXml(spec: AuSpec, n: number): string {
  const attributes = [
    `id="${escape(spec.id ?? auId(n))}"`,
    spec.moveOn !== undefined ? `moveOn="${spec.moveOn}"` : '',
    spec.masteryScore !== undefined ? `masteryScore="${spec.masteryScore}"` : '',
    spec.launchMethod !== undefined ? `launchMethod="${spec.launchMethod}"` : '',
    spec.activityType !== undefined ? `activityType="${escape(spec.activityType)}"` : '',
  ].filter(Boolean)
  const body =
    spec.body ??
    [
      `<title>${langstrings(spec.title ?? `Unit ${n}`)}</title>`,
      `<description>${langstrings(`What unit ${n} covers`)}</description>`,
      objectiveRefs(spec.objectives),
      `<url>${escape(spec.url ?? 'index.html')}</url>`,
      spec.launchParameters !== undefined
        ? `<launchParameters>${escape(spec.launchParameters)}</launchParameters>`
        : '',
      spec.entitlementKey !== undefined ? `<entitlementKey>${escape(spec.entitlementKey)}</entitlementKey>` : '',
    ].join('')
  return `<au ${attributes.join(' ')}>${body}</au>`
}

/** A cmi5.xml for the spec: by default one AU ("Unit 1") at index.html. */
export function cmi5Xml(spec: CourseSpec = {}): string {
  const courseId = spec.id ?? COURSE_ID
  let aus = 0
  let blocks = 0
  const children = (items: (AuSpec | BlockSpec)[]): string =>
    items
      .map((item) => {
        if (item.kind === 'block') {
          blocks += 1
          const n = blocks
          return `<block id="${escape(item.id ?? `${courseId}/block/${n}`)}"><title>${langstrings(item.title ?? `Block ${n}`)}</title><description>${langstrings(`Block ${n}`)}</description>${objectiveRefs(item.objectives)}${children(item.children)}</block>`
        }
        aus += 1
        return auXml(item, aus)
      })
      .join('\n  ')
  const objectives = spec.objectives?.length
    ? `<objectives>${spec.objectives.map((o) => `<objective id="${escape(o.id)}"><title>${langstrings(o.title)}</title><description>${langstrings(o.title)}</description></objective>`).join('')}</objectives>`
    : ''
  return `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="${CMI5_NAMESPACE}"${spec.rootAttributes ? ` ${spec.rootAttributes}` : ''}>
  <course id="${escape(courseId)}">
    <title>${langstrings(spec.title ?? 'Safe passwords')}</title>
    <description>${langstrings(spec.description ?? 'Choosing and keeping passwords safe')}</description>
  </course>
  ${objectives}
  ${children(spec.children ?? [{}])}
  ${spec.extra ?? ''}
</courseStructure>
`
}

export const AU_PAGE = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Unit</title><link rel="stylesheet" href="style.css"></head>
<body><h1>Unit</h1><script src="unit.js"></script></body></html>
`

/** A zip built by a real zip writer (deflated entries; ZIP64 records when asked). */
export async function zipOf(files: Record<string, string | Uint8Array>, { zip64 = false } = {}): Promise<Uint8Array> {
  const zip = new ZipFile()
  for (const [path, content] of Object.entries(files)) {
    if (path.endsWith('/')) zip.addEmptyDirectory(path)
    else zip.addBuffer(Buffer.from(content), path, { forceZip64Format: zip64 })
  }
  zip.end({ forceZip64Format: zip64, comment: '' })
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  return new Uint8Array(Buffer.concat(chunks))
}

export interface RawEntry {
  /** The name exactly as stored, which a careful zip writer would refuse ("../x", "/x", "a\\b"). */
  name: string
  content: string | Uint8Array
  /** Unix mode in the upper half of the external attributes, e.g. 0o120777 for a symbolic link. */
  unixMode?: number
  /** A size to declare instead of the real one (a zip that lies). */
  declaredSize?: number
  /** Deflate the content (stored as it is otherwise). */
  deflate?: boolean
}

/** A zip written byte by byte, for names and attributes a zip writer refuses. */
export function rawZipOf(entries: RawEntry[]): Uint8Array {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const plain = Buffer.from(entry.content)
    const data = entry.deflate ? deflateRawSync(plain) : plain
    const size = entry.declaredSize ?? plain.length
    const crc = crc32(plain)
    const method = entry.deflate ? 8 : 0
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(((entry.unixMode ?? 0o100644) << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, data)
    centrals.push(central, name)
    offset += local.length + name.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, directory, end]))
}

const text = (value: string) => new TextEncoder().encode(value)

/** A package as an upload: the name it was given and its bytes. */
export interface PackageFile {
  name: string
  bytes: Uint8Array
}

/** Packages that must import. */
export const validPackages = {
  /** One AU at index.html with its page, stylesheet and script. */
  singleAu: async (spec: CourseSpec = {}): Promise<PackageFile> => ({
    name: 'safe-passwords.zip',
    bytes: await zipOf({
      'cmi5.xml': cmi5Xml(spec),
      'index.html': AU_PAGE,
      'style.css': 'body { font-family: sans-serif; }\n',
      'unit.js': 'document.title = "Unit ready"\n',
    }),
  }),
  /** A zip with only cmi5.xml: its AUs live elsewhere, at full URLs. */
  xmlOnlyZip: async (): Promise<PackageFile> => ({
    name: 'hosted-course.zip',
    bytes: await zipOf({
      'cmi5.xml': cmi5Xml({
        id: 'https://courses.example.org/cmi5/hosted',
        title: 'Hosted course',
        children: [{ url: 'https://content.example.org/hosted/unit-1/index.html?lang=en' }],
      }),
    }),
  }),
  /** A cmi5.xml on its own, AUs at full URLs. */
  bareXml: (): PackageFile => ({
    name: 'cmi5.xml',
    bytes: text(
      cmi5Xml({
        id: 'https://courses.example.org/cmi5/bare',
        title: 'Bare course',
        children: [{ url: 'https://content.example.org/bare/index.html' }],
      }),
    ),
  }),
  /** Blocks inside blocks, objectives, and every AU attribute. */
  multiAu: async (): Promise<PackageFile> => {
    const courseId = 'https://courses.example.org/cmi5/records'
    const objective = `${courseId}/objective/1`
    return {
      name: 'records.zip',
      bytes: await zipOf({
        'cmi5.xml': cmi5Xml({
          id: courseId,
          title: 'Keeping records safe',
          objectives: [{ id: objective, title: 'Knows where records may be kept' }],
          children: [
            { id: auId(1, courseId), title: 'Welcome', moveOn: 'NotApplicable', url: 'welcome/index.html' },
            {
              kind: 'block',
              id: `${courseId}/block/outer`,
              title: 'Records',
              objectives: [objective],
              children: [
                {
                  id: auId(2, courseId),
                  title: 'Paper records',
                  moveOn: 'Completed',
                  launchMethod: 'OwnWindow',
                  url: 'paper/index.html?start=1',
                  launchParameters: 'mode=quick',
                  entitlementKey: 'nhs-123',
                  activityType: 'http://adlnet.gov/expapi/activities/lesson',
                },
                {
                  kind: 'block',
                  id: `${courseId}/block/inner`,
                  title: 'Digital records',
                  children: [
                    {
                      id: auId(3, courseId),
                      title: 'Quiz',
                      moveOn: 'CompletedAndPassed',
                      masteryScore: '0.8',
                      objectives: [objective],
                      url: 'quiz/index.html',
                    },
                    {
                      id: auId(4, courseId),
                      title: 'Video',
                      moveOn: 'CompletedOrPassed',
                      url: 'https://video.example.org/records',
                    },
                  ],
                },
              ],
            },
            {
              id: auId(5, courseId),
              title: 'Final check',
              moveOn: 'Passed',
              masteryScore: '1',
              url: 'quiz/index.html#final',
            },
          ],
        }),
        'welcome/index.html': AU_PAGE,
        'paper/index.html': AU_PAGE,
        'quiz/index.html': AU_PAGE,
        'quiz/': '',
        'shared/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      }),
    }
  },
  /** A thousand AUs at full URLs. */
  thousandAus: (): PackageFile => ({
    name: 'thousand.xml',
    bytes: text(
      cmi5Xml({
        id: 'https://courses.example.org/cmi5/thousand',
        title: 'A thousand units',
        children: Array.from({ length: 1000 }, (_, i) => ({
          id: auId(i + 1, 'https://courses.example.org/cmi5/thousand'),
          url: `https://content.example.org/thousand/${i + 1}.html`,
        })),
      }),
    ),
  }),
  /** The single-AU package written with ZIP64 records. */
  zip64: async (): Promise<PackageFile> => ({
    name: 'zip64.zip',
    bytes: await zipOf(
      { 'cmi5.xml': cmi5Xml({ id: 'https://courses.example.org/cmi5/zip64' }), 'index.html': AU_PAGE },
      { zip64: true },
    ),
  }),
}

/** Packages that must be refused, each with a piece of the message that names the problem. */
export const invalidPackages: Record<string, () => Promise<{ file: PackageFile; expected: RegExp }>> = {
  'not a zip or XML': async () => ({
    file: { name: 'course.zip', bytes: text('# A course\n\nThis is markdown.\n') },
    expected: /neither a zip file nor a course structure/,
  }),
  'zip without cmi5.xml': async () => ({
    file: { name: 'course.zip', bytes: await zipOf({ 'index.html': AU_PAGE }) },
    expected: /no cmi5\.xml at its top level/,
  }),
  'cmi5.xml in a folder': async () => ({
    file: { name: 'course.zip', bytes: await zipOf({ 'course/cmi5.xml': cmi5Xml(), 'course/index.html': AU_PAGE }) },
    expected: /no cmi5\.xml at its top level.*course\/cmi5\.xml/,
  }),
  'relative AU url in a bare cmi5.xml': async () => ({
    file: { name: 'cmi5.xml', bytes: text(cmi5Xml()) },
    expected: /url "index\.html" is a path, but a cmi5\.xml on its own/,
  }),
  'AU url pointing at a missing file': async () => ({
    file: { name: 'course.zip', bytes: await zipOf({ 'cmi5.xml': cmi5Xml({ children: [{ url: 'missing.html' }] }) }) },
    expected: /url "missing\.html" points at missing\.html, which is not in the zip/,
  }),
  'AU url outside the package': async () => ({
    file: {
      name: 'course.zip',
      bytes: await zipOf({ 'cmi5.xml': cmi5Xml({ children: [{ url: '../index.html' }] }), 'index.html': AU_PAGE }),
    },
    expected: /url "\.\.\/index\.html" leads outside the package/,
  }),
  'zip slip': async () => ({
    file: {
      name: 'course.zip',
      bytes: rawZipOf([
        { name: 'cmi5.xml', content: cmi5Xml() },
        { name: 'index.html', content: AU_PAGE },
        { name: '../../evil.sh', content: 'x' },
      ]),
    },
    expected: /file "\.\.\/\.\.\/evil\.sh".*outside the package/,
  }),
  'absolute path': async () => ({
    file: {
      name: 'course.zip',
      bytes: rawZipOf([
        { name: 'cmi5.xml', content: cmi5Xml() },
        { name: 'index.html', content: AU_PAGE },
        { name: '/etc/passwd', content: 'x' },
      ]),
    },
    expected: /file "\/etc\/passwd".*absolute path/,
  }),
  backslash: async () => ({
    file: {
      name: 'course.zip',
      bytes: rawZipOf([
        { name: 'cmi5.xml', content: cmi5Xml() },
        { name: 'index.html', content: AU_PAGE },
        { name: 'a\\b.html', content: 'x' },
      ]),
    },
    expected: /backslash/,
  }),
  'drive letter': async () => ({
    file: {
      name: 'course.zip',
      bytes: rawZipOf([
        { name: 'cmi5.xml', content: cmi5Xml() },
        { name: 'index.html', content: AU_PAGE },
        { name: 'C:/x.html', content: 'x' },
      ]),
    },
    expected: /drive letter/,
  }),
  symlink: async () => ({
    file: {
      name: 'course.zip',
      bytes: rawZipOf([
        { name: 'cmi5.xml', content: cmi5Xml() },
        { name: 'index.html', content: AU_PAGE },
        { name: 'link', content: '/etc/passwd', unixMode: 0o120777 },
      ]),
    },
    expected: /file "link".*symbolic link/,
  }),
  'size that lies': async () => ({
    file: {
      name: 'course.zip',
      bytes: rawZipOf([
        { name: 'cmi5.xml', content: cmi5Xml() },
        { name: 'index.html', content: AU_PAGE, declaredSize: 10, deflate: true },
      ]),
    },
    expected: /file "index\.html": could not be read/,
  }),
  'invalid course structure': async () => ({
    file: {
      name: 'cmi5.xml',
      bytes: text(
        cmi5Xml({
          children: [
            {
              body: '<url>https://example.org/x</url><title><langstring>T</langstring></title><description><langstring>D</langstring></description>',
            },
          ],
        }),
      ),
    },
    expected: /out of order/,
  }),
  'not well-formed XML': async () => ({
    file: { name: 'cmi5.xml', bytes: text('<courseStructure><course></courseStructure>') },
    expected: /not well-formed XML/,
  }),
  'mastery score above 1': async () => ({
    file: {
      name: 'cmi5.xml',
      bytes: text(
        cmi5Xml({ children: [{ title: 'Introduction', url: 'https://example.org/1', masteryScore: '1.5' }] }),
      ),
    },
    expected:
      /AU "Introduction" \(https:\/\/courses\.example\.org\/cmi5\/safe-passwords\/au\/1\): masteryScore must be between 0 and 1/,
  }),
  'duplicate AU ids': async () => ({
    file: {
      name: 'cmi5.xml',
      bytes: text(
        cmi5Xml({
          children: [
            { id: auId(1), url: 'https://example.org/1' },
            { id: auId(1), url: 'https://example.org/2' },
          ],
        }),
      ),
    },
    expected: /already the id of/,
  }),
  'launch parameter in url': async () => ({
    file: {
      name: 'cmi5.xml',
      bytes: text(cmi5Xml({ children: [{ url: 'https://example.org/1?endpoint=https://lrs.example.org' }] })),
    },
    expected: /sets "endpoint" in its query/,
  }),
  'course id not an IRI': async () => ({
    file: {
      name: 'cmi5.xml',
      bytes: text(
        cmi5Xml({
          id: 'example.org/course',
          children: [{ url: 'https://example.org/1', id: 'https://example.org/au/1' }],
        }),
      ),
    },
    expected: /course: id "example\.org\/course" is not an IRI/,
  }),
}
