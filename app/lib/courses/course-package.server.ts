import { inEnglish } from './language-map.ts'
import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import { contentTypeFor } from './content-types.ts'
import { MAX_COURSE_STRUCTURE_BYTES, MAX_FILE_BYTES, MAX_FILES, MAX_PACKAGE_BYTES } from './course-limits.ts'
import {
  courseAusInOrder,
  isRelativeUrl,
  parseCourseStructure,
  type CourseProblem,
  type CourseStructure,
} from './course-structure.ts'

// A course package as an administrator uploads it: a zip with cmi5.xml and the AUs' files, a zip with only
// cmi5.xml (AUs elsewhere, at full URLs), or a cmi5.xml on its own. Which one is decided by the bytes, not the
// file's name. Everything in a zip is untrusted: names are checked before anything is kept, and sizes are
// counted as the files are inflated rather than taken from the zip's own headers.

export const COURSE_STRUCTURE_FILE = 'cmi5.xml'

export interface PackageLimits {
  packageBytes: number
  fileBytes: number
  files: number
}

export const packageLimits: PackageLimits = {
  packageBytes: MAX_PACKAGE_BYTES,
  fileBytes: MAX_FILE_BYTES,
  files: MAX_FILES,
}

export interface PackageFile {
  path: string
  contentType: string
  bytes: Buffer
}

export interface CoursePackage {
  kind: 'zip' | 'xml'
  structure: CourseStructure
  /** Every file the package holds (a bare cmi5.xml is kept as cmi5.xml), sorted by path. */
  files: PackageFile[]
  /** sha256 over the files' paths and contents: two uploads of the same files share their stored copy. */
  packageHash: string
}

export type PackageResult = { ok: true; package: CoursePackage } | { ok: false; problems: CourseProblem[] }

const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
]

/** Reads and checks an uploaded package; `name` is only used to name it in problems. */
export async function readCoursePackage({
  name,
  bytes,
  limits = packageLimits,
}: {
  name: string
  bytes: Uint8Array
  limits?: PackageLimits
}): Promise<PackageResult> {
  const where = name.trim() || 'the file'
  if (bytes.length === 0) return fail(where, 'is empty')
  if (bytes.length > limits.packageBytes) return fail(where, `is larger than ${megabytes(limits.packageBytes)}`)
  if (ZIP_SIGNATURES.some((signature) => signature.every((byte, i) => bytes[i] === byte)))
    return readZip(where, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), limits)
  const text = decodeText(bytes)
  if (
    text === null ||
    !text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('<')
  )
    return fail(where, 'is neither a zip file nor a course structure (cmi5.xml): upload the course’s zip file')
  if (bytes.length > MAX_COURSE_STRUCTURE_BYTES)
    return fail(where, `is larger than ${megabytes(MAX_COURSE_STRUCTURE_BYTES)}, too large for a course structure`)
  const parsed = parseCourseStructure(text, { where })
  if (!parsed.ok) return parsed
  const problems = urlProblems(parsed.structure, null)
  if (problems.length > 0) return { ok: false, problems }
  return finish('xml', parsed.structure, [
    { path: COURSE_STRUCTURE_FILE, contentType: contentTypeFor(COURSE_STRUCTURE_FILE), bytes: Buffer.from(bytes) },
  ])
}

async function readZip(where: string, buffer: Buffer, limits: PackageLimits): Promise<PackageResult> {
  let zip: yauzl.ZipFile
  try {
    zip = await yauzl.fromBufferPromise(buffer, { decodeStrings: false, validateEntrySizes: true })
  } catch (error) {
    return fail(where, `is not a zip file that can be read (${reason(error)})`)
  }
  if (zip.entryCount > limits.files)
    return fail(
      where,
      `holds ${zip.entryCount.toLocaleString('en-GB')} files; a package may hold at most ${limits.files.toLocaleString('en-GB')}`,
    )
  const problems: CourseProblem[] = []
  const files: PackageFile[] = []
  const seen = new Set<string>()
  let total = 0
  try {
    for await (const entry of zip.eachEntry()) {
      const path = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true)
      const fileWhere = `file "${path}"`
      const nameProblem = pathProblem(path)
      if (nameProblem) {
        problems.push({ where: fileWhere, message: nameProblem })
        continue
      }
      if (isSymbolicLink(entry)) {
        problems.push({ where: fileWhere, message: 'is a symbolic link, which a package cannot hold' })
        continue
      }
      if (path.endsWith('/')) continue
      if (seen.has(path)) {
        problems.push({ where: fileWhere, message: 'is in the zip more than once' })
        continue
      }
      seen.add(path)
      if (seen.size > limits.files)
        return fail(where, `holds more than ${limits.files.toLocaleString('en-GB')} files, the most a package may hold`)
      if (entry.isEncrypted()) {
        problems.push({ where: fileWhere, message: 'is encrypted; upload a zip without a password' })
        continue
      }
      if (entry.uncompressedSize > limits.fileBytes) {
        problems.push({
          where: fileWhere,
          message: `is larger than ${megabytes(limits.fileBytes)}, the most a file may be`,
        })
        continue
      }
      const read = await readEntry(zip, entry, Math.min(limits.fileBytes, limits.packageBytes - total))
      if (!read.ok) {
        if (read.tooLarge && total + entry.uncompressedSize <= limits.packageBytes)
          problems.push({
            where: fileWhere,
            message: `is larger than ${megabytes(limits.fileBytes)}, the most a file may be`,
          })
        else if (read.tooLarge)
          return fail(where, `unpacks to more than ${megabytes(limits.packageBytes)}, the most a package may hold`)
        else problems.push({ where: fileWhere, message: `could not be read (${read.reason})` })
        continue
      }
      total += read.bytes.length
      files.push({ path, contentType: contentTypeFor(path), bytes: read.bytes })
    }
  } catch (error) {
    return fail(where, `is not a zip file that can be read (${reason(error)})`)
  } finally {
    zip.close()
  }
  if (problems.length > 0) return { ok: false, problems }

  const structureFile = files.find((file) => file.path === COURSE_STRUCTURE_FILE)
  if (!structureFile) {
    const nested = files.find((file) => file.path.endsWith(`/${COURSE_STRUCTURE_FILE}`))
    return fail(
      where,
      nested
        ? `has no cmi5.xml at its top level (it has ${nested.path}): zip the course folder’s contents, not the folder`
        : 'has no cmi5.xml at its top level, so it is not a cmi5 course package',
    )
  }
  if (structureFile.bytes.length > MAX_COURSE_STRUCTURE_BYTES)
    return fail(`file "${COURSE_STRUCTURE_FILE}"`, `is larger than ${megabytes(MAX_COURSE_STRUCTURE_BYTES)}`)
  const text = decodeText(structureFile.bytes)
  if (text === null) return fail(`file "${COURSE_STRUCTURE_FILE}"`, 'is not UTF-8 text')
  const parsed = parseCourseStructure(text)
  if (!parsed.ok) return parsed
  const urls = urlProblems(parsed.structure, new Set(files.map((file) => file.path)))
  if (urls.length > 0) return { ok: false, problems: urls }
  return finish('zip', parsed.structure, files)
}

function finish(kind: 'zip' | 'xml', structure: CourseStructure, files: PackageFile[]): PackageResult {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const hash = createHash('sha256')
  for (const file of sorted) {
    hash.update(`${file.path}\0${file.bytes.length}\0`)
    hash.update(file.bytes)
  }
  return { ok: true, package: { kind, structure, files: sorted, packageHash: hash.digest('hex') } }
}

/**
 * An AU url without a scheme is a file in the zip: it must be one (its path, not its query or fragment), and it
 * cannot climb out of the package. A cmi5.xml on its own has no files, so it can only use full URLs.
 */
function urlProblems(structure: CourseStructure, paths: Set<string> | null): CourseProblem[] {
  const problems: CourseProblem[] = []
  for (const { au } of courseAusInOrder(structure)) {
    if (!isRelativeUrl(au.url)) continue
    const where = `AU "${inEnglish(au.title)}" (${au.id})`
    if (paths === null) {
      problems.push({
        where,
        message: `url "${au.url}" is a path, but a cmi5.xml on its own can only use full URLs (https://…); upload a zip with the course’s files instead`,
      })
      continue
    }
    const file = packagePath(au.url)
    if (file === null) problems.push({ where, message: `url "${au.url}" leads outside the package` })
    else if (!paths.has(file))
      problems.push({ where, message: `url "${au.url}" points at ${file}, which is not in the zip` })
  }
  return problems
}

/** The file a relative AU url names inside the package, or null when it starts at / or climbs out with "..". */
export function packagePath(url: string): string | null {
  const path = url.split(/[?#]/, 1)[0] ?? ''
  if (path.startsWith('/')) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    return null
  }
  const segments: string[] = []
  for (const segment of decoded.split('/')) {
    if (segment === '..') return null
    if (segment !== '.' && segment !== '') segments.push(segment)
  }
  return segments.join('/')
}

/** Why a name in a zip cannot be unpacked safely, or null when it can. */
export function pathProblem(path: string): string | null {
  if (path === '') return 'has no name'
  if (path.includes('\0')) return 'has a name with a null character'
  if (path.includes('\\'))
    return 'has a backslash in its name; zip the course with a tool that writes / between folders'
  if (/^[a-zA-Z]:/.test(path)) return 'starts with a drive letter, an absolute path that a package cannot hold'
  if (path.startsWith('/')) return 'is an absolute path, which a package cannot hold'
  const segments = path.replace(/\/$/, '').split('/')
  if (segments.includes('..')) return 'has ".." in its path, which would put it outside the package'
  if (segments.some((segment) => segment === '' || segment === '.')) return 'has an empty or "." folder in its path'
  return null
}

// Unix zips keep the file mode in the upper half of the external attributes.
function isSymbolicLink(entry: yauzl.Entry): boolean {
  const madeOnUnix = entry.versionMadeBy >> 8 === 3
  return madeOnUnix && ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000
}

type EntryRead = { ok: true; bytes: Buffer } | { ok: false; tooLarge: boolean; reason: string }

/** Inflates one entry, giving up as soon as it passes `limit` bytes whatever its header claims. */
async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number): Promise<EntryRead> {
  let stream: Readable
  try {
    stream = await zip.openReadStreamPromise(entry)
  } catch (error) {
    return { ok: false, tooLarge: false, reason: reason(error) }
  }
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer
      size += buffer.length
      if (size > limit) {
        stream.destroy()
        return { ok: false, tooLarge: true, reason: 'too large' }
      }
      chunks.push(buffer)
    }
  } catch (error) {
    return { ok: false, tooLarge: false, reason: reason(error) }
  }
  return { ok: true, bytes: Buffer.concat(chunks) }
}

function decodeText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

function fail(where: string, message: string): { ok: false; problems: CourseProblem[] } {
  return { ok: false, problems: [{ where, message }] }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  return mb >= 1 ? `${Math.round(mb)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}
