import { inEnglish } from './language-map.ts'
import { unitNeeds } from './unit-state.ts'
import { WAIVE_REASONS, type WaiveReason } from './cmi5-vocabulary.ts'
import { and, asc, count, countDistinct, desc, eq, isNotNull, isNull } from 'drizzle-orm'
import { defaultContentRoot } from '#app/lib/content/content-root.server.ts'
import { loadCourseMappings } from '#app/lib/content/course-mapping.server.ts'
import { db, schema } from '#app/lib/db.server.ts'

// What the course pages for administrators show: imported courses, whether the catalogue lists them, and one
// course's AUs in words.

export interface CourseListEntry {
  id: string
  title: string
  units: number
  importedAt: Date
  /** The catalogue slug content/courses.yaml gives the course, or null when it does not map it. */
  slug: string | null
}

export async function courseList({ contentRoot = defaultContentRoot() }: { contentRoot?: string } = {}): Promise<
  CourseListEntry[]
> {
  const { courses, courseAus } = schema()
  const rows = await db()
    .select({
      id: courses.id,
      courseId: courses.courseId,
      title: courses.title,
      updatedAt: courses.updatedAt,
      units: count(courseAus.id),
    })
    .from(courses)
    .leftJoin(courseAus, and(eq(courseAus.courseRowId, courses.id), isNull(courseAus.removedAt)))
    .groupBy(courses.id, courses.courseId, courses.title, courses.updatedAt)
    .orderBy(desc(courses.updatedAt))
  const slugs = catalogueSlugs(contentRoot)
  return rows.map((row) => ({
    id: row.id,
    title: inEnglish(row.title),
    units: Number(row.units),
    importedAt: row.updatedAt,
    slug: slugs.get(row.courseId) ?? null,
  }))
}

/** Course id → catalogue slug, from the checked mappings (drafts too: administrators see those). */
function catalogueSlugs(contentRoot: string): Map<string, string> {
  return new Map(
    loadCourseMappings({ includeDrafts: true, root: contentRoot }).map((mapping) => [mapping.course, mapping.slug]),
  )
}

export interface CourseDetails {
  id: string
  /** The publisher's id for the course, from cmi5.xml: what a catalogue mapping names. */
  courseId: string
  title: string
  description: string
  importedAt: Date
  firstImportedAt: Date
  importedByName: string | null
  files: number
  slug: string | null
  units: {
    id: string
    title: string
    description: string
    completedBy: string
    passMark: string | null
    opens: string
  }[]
  removedUnits: number
}

export async function courseDetails({
  courseRowId,
  contentRoot = defaultContentRoot(),
}: {
  courseRowId: string
  contentRoot?: string
}): Promise<CourseDetails | null> {
  const { courses, courseAus, courseFiles, users } = schema()
  const [course] = await db()
    .select({ course: courses, importedByName: users.name })
    .from(courses)
    .leftJoin(users, eq(users.id, courses.importedBy))
    .where(eq(courses.id, courseRowId))
  if (!course) return null
  const aus = await db()
    .select()
    .from(courseAus)
    .where(eq(courseAus.courseRowId, courseRowId))
    .orderBy(asc(courseAus.position))
  const [files] = await db()
    .select({ n: count() })
    .from(courseFiles)
    .where(eq(courseFiles.packageHash, course.course.packageHash))
  const current = aus.filter((au) => au.removedAt === null)
  return {
    id: course.course.id,
    courseId: course.course.courseId,
    title: inEnglish(course.course.title),
    description: inEnglish(course.course.description),
    importedAt: course.course.updatedAt,
    firstImportedAt: course.course.createdAt,
    importedByName: course.importedByName,
    files: Number(files?.n ?? 0),
    slug: catalogueSlugs(contentRoot).get(course.course.courseId) ?? null,
    units: current.map((au) => ({
      id: au.id,
      title: inEnglish(au.title),
      description: inEnglish(au.description),
      // In the learner's words; the pass mark has a column of its own here.
      completedBy: unitNeeds({ moveOn: au.moveOn, masteryScore: null }),
      passMark: au.masteryScore === null ? null : `${Math.round(au.masteryScore * 1000) / 10}%`,
      opens: `${au.launchMethod === 'OwnWindow' ? 'In its own window' : 'In the same window'}${
        /^https?:\/\//i.test(au.url) ? ', from the publisher’s website' : ''
      }`,
    })),
    removedUnits: aus.length - current.length,
  }
}

/**
 * Who has taken a course: how many learners opened a part of it and how many finished it (a waiver alone opens
 * nothing, but may finish it), and every waiver, newest first. For administrators, who may see everyone.
 */
export async function courseTakeUp({ courseRowId }: { courseRowId: string }) {
  const { courseAuProgress, courseAus, courseRegistrations, courseSessions, users } = schema()
  const [[opened], [finished], waivers] = await Promise.all([
    db()
      .select({ people: countDistinct(courseSessions.registration) })
      .from(courseSessions)
      .innerJoin(courseRegistrations, eq(courseRegistrations.registration, courseSessions.registration))
      .where(eq(courseRegistrations.courseRowId, courseRowId)),
    db()
      .select({ people: count() })
      .from(courseRegistrations)
      .where(and(eq(courseRegistrations.courseRowId, courseRowId), isNotNull(courseRegistrations.satisfiedAt))),
    db()
      .select({
        personId: users.id,
        name: users.name,
        unit: courseAus.title,
        waivedAt: courseAuProgress.waivedAt,
        reason: courseAuProgress.waivedReason,
      })
      .from(courseAuProgress)
      .innerJoin(courseAus, eq(courseAus.id, courseAuProgress.auRowId))
      .innerJoin(courseRegistrations, eq(courseRegistrations.registration, courseAuProgress.registration))
      .innerJoin(users, eq(users.id, courseRegistrations.userId))
      .where(and(eq(courseAus.courseRowId, courseRowId), isNotNull(courseAuProgress.waivedAt)))
      .orderBy(desc(courseAuProgress.waivedAt)),
  ])
  return {
    opened: opened?.people ?? 0,
    finished: finished?.people ?? 0,
    waivers: waivers.map((waiver) => ({
      ...waiver,
      unit: inEnglish(waiver.unit),
      waivedAt: waiver.waivedAt as Date,
      // The short form, before the explanation in brackets that the waive form gives.
      reason: (WAIVE_REASONS[waiver.reason as WaiveReason] ?? waiver.reason ?? 'No reason given').split(' (')[0],
    })),
  }
}
