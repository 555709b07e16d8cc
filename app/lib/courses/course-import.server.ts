import { inEnglish } from './language-map.ts'
import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { recordAudit } from '#app/lib/audit/audit-log.server.ts'
import { db, schema, transaction, type Schema } from '#app/lib/db.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { readCoursePackage, type PackageFile, type PackageLimits } from './course-package.server.ts'
import { courseAusInOrder, type CourseProblem } from './course-structure.ts'

// Importing a course: the package is read and checked first (nothing is written for a package with problems),
// then the course, its AUs and its files are written in one transaction with the audit entry. Importing a course
// whose id is already here replaces it: AUs that keep their publisher id keep the platform's activity id (so
// learners' statements still name them), and AUs the new version drops are marked removed, never deleted.

export type CourseRow = Schema['courses']['$inferSelect']
export type CourseAuRow = Schema['courseAus']['$inferSelect']

export interface CourseImporter {
  /** The administrator's user id; null from the command line. */
  id: string | null
  name: string
}

export interface ImportedCourse {
  id: string
  courseId: string
  title: string
  units: number
  files: number
}

/** `replaced`: the course was here before; `unchanged`: byte for byte the package already imported. */
export type ImportCourseResult =
  { ok: true; course: ImportedCourse; replaced: boolean; unchanged: boolean } | { ok: false; problems: CourseProblem[] }

/** The platform's own id for an AU, distinct from the publisher's as cmi5 requires; never reused. */
export function newAuActivityId(): string {
  return `${publicUrl}/courses/au/${randomUUID()}`
}

export async function importCourse({
  file,
  importedBy,
  now = new Date(),
  limits,
}: {
  file: { name: string; bytes: Uint8Array }
  importedBy: CourseImporter
  now?: Date
  limits?: PackageLimits
}): Promise<ImportCourseResult> {
  const read = await readCoursePackage({ name: file.name, bytes: file.bytes, limits })
  if (!read.ok) return read
  const { structure, files, packageHash } = read.package
  const aus = courseAusInOrder(structure)
  const title = inEnglish(structure.course.title)
  const { courses, courseAus } = schema()

  return transaction(async () => {
    const [existing] = await db().select().from(courses).where(eq(courses.courseId, structure.course.id))
    // The same package again changes nothing, so it records nothing: the audit log keeps real changes only.
    if (existing?.packageHash === packageHash)
      return {
        ok: true as const,
        replaced: true,
        unchanged: true,
        course: { id: existing.id, courseId: existing.courseId, title, units: aus.length, files: files.length },
      }
    await storeFiles(packageHash, files)
    const values = {
      courseId: structure.course.id,
      title: structure.course.title,
      description: structure.course.description,
      structure: structure as unknown as Record<string, unknown>,
      packageHash,
      importedBy: importedBy.id,
      updatedAt: now,
    }
    const course = existing
      ? (await db().update(courses).set(values).where(eq(courses.id, existing.id)).returning())[0]
      : (await db().insert(courses).values(values).returning())[0]
    if (!course) throw new Error('the course row was not written')

    const previous = existing ? await db().select().from(courseAus).where(eq(courseAus.courseRowId, course.id)) : []
    const previousByAuId = new Map(previous.map((au) => [au.auId, au]))
    for (const { au, blockIds, position } of aus) {
      const fields = {
        position,
        title: au.title,
        description: au.description,
        url: au.url,
        launchMethod: au.launchMethod,
        moveOn: au.moveOn,
        masteryScore: au.masteryScore,
        launchParameters: au.launchParameters,
        entitlementKey: au.entitlementKey,
        activityType: au.activityType,
        blockIds,
        removedAt: null,
      }
      const kept = previousByAuId.get(au.id)
      if (kept) await db().update(courseAus).set(fields).where(eq(courseAus.id, kept.id))
      else
        await db()
          .insert(courseAus)
          .values({ ...fields, courseRowId: course.id, auId: au.id, activityId: newAuActivityId() })
    }
    const current = new Set(aus.map(({ au }) => au.id))
    for (const dropped of previous.filter((au) => !current.has(au.auId) && au.removedAt === null))
      await db().update(courseAus).set({ removedAt: now }).where(eq(courseAus.id, dropped.id))

    if (existing && existing.packageHash !== packageHash) await dropUnusedFiles(existing.packageHash)

    const summary = { units: aus.length, files: files.length }
    await recordAudit({
      actor: importedBy,
      at: now,
      entries: [
        {
          action: existing ? 'course.replaced' : 'course.imported',
          subjectType: 'course',
          subjectId: course.id,
          subjectName: title,
          ...(existing
            ? changedOnly(
                { title: inEnglish(existing.title), units: previous.filter((au) => au.removedAt === null).length },
                { title, units: summary.units },
              )
            : { before: null, after: { title, ...summary } }),
        },
      ],
    })
    return {
      ok: true as const,
      replaced: existing !== undefined,
      unchanged: false,
      course: { id: course.id, courseId: course.courseId, title, ...summary },
    }
  })
}

/** A replaced course's audit entry names what changed; a new package with the same title and units says so. */
function changedOnly(
  before: { title: string; units: number },
  after: { title: string; units: number },
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const keys = (['title', 'units'] as const).filter((key) => before[key] !== after[key])
  if (keys.length === 0) return { before: {}, after: { package: 'new version, same title and units' } }
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key]])),
    after: Object.fromEntries(keys.map((key) => [key, after[key]])),
  }
}

// Rows of a few megabytes at most go in one statement, so a package of large videos never builds one huge query.
const ROWS_PER_INSERT = 100
const BYTES_PER_INSERT = 8 * 1024 * 1024

/** Writes the package's files unless an earlier import already stored the same ones. */
async function storeFiles(packageHash: string, files: PackageFile[]): Promise<void> {
  const { courseFiles } = schema()
  const [stored] = await db()
    .select({ path: courseFiles.path })
    .from(courseFiles)
    .where(eq(courseFiles.packageHash, packageHash))
    .limit(1)
  if (stored) return
  let batch: Schema['courseFiles']['$inferInsert'][] = []
  let batchBytes = 0
  const flush = async () => {
    if (batch.length === 0) return
    await db().insert(courseFiles).values(batch).onConflictDoNothing()
    batch = []
    batchBytes = 0
  }
  for (const file of files) {
    if (batch.length >= ROWS_PER_INSERT || batchBytes + file.bytes.length > BYTES_PER_INSERT) await flush()
    batch.push({
      packageHash,
      path: file.path,
      contentType: file.contentType,
      length: file.bytes.length,
      contentBase64: file.bytes.toString('base64'),
    })
    batchBytes += file.bytes.length
  }
  await flush()
}

/** A replaced package's files go once no course serves them. */
async function dropUnusedFiles(packageHash: string): Promise<void> {
  const { courses, courseFiles } = schema()
  const [stillUsed] = await db()
    .select({ id: courses.id })
    .from(courses)
    .where(eq(courses.packageHash, packageHash))
    .limit(1)
  if (!stillUsed) await db().delete(courseFiles).where(eq(courseFiles.packageHash, packageHash))
}
