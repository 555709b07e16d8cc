import fs from 'node:fs'
import path from 'node:path'
import { and, asc, count, desc, eq, isNull } from 'drizzle-orm'
import { parse } from 'yaml'
import { defaultContentRoot } from '#app/lib/content/content-root.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { displayText } from './course-structure.ts'

// What the course pages for administrators show: imported courses, whether the catalogue lists them, and one
// course's AUs in words.

/** The file where authors map imported courses into the catalogue (its schema belongs to the catalogue). */
export const COURSE_MAPPING_FILE = 'courses.yaml'

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
    title: displayText(row.title),
    units: Number(row.units),
    importedAt: row.updatedAt,
    slug: slugs.get(row.courseId) ?? null,
  }))
}

/**
 * Course id → catalogue slug from content/courses.yaml, read leniently: any list of entries (at the top, or under
 * any key) whose items have `course:` and `slug:`. A missing or unreadable file maps nothing; content:check is
 * where its problems are reported.
 */
export function catalogueSlugs(contentRoot: string): Map<string, string> {
  const slugs = new Map<string, string>()
  let document: unknown
  try {
    document = parse(fs.readFileSync(path.join(contentRoot, COURSE_MAPPING_FILE), 'utf8'))
  } catch {
    return slugs
  }
  const lists = Array.isArray(document)
    ? [document]
    : typeof document === 'object' && document !== null
      ? Object.values(document).filter(Array.isArray)
      : []
  for (const entry of lists.flat()) {
    if (typeof entry !== 'object' || entry === null) continue
    const { course, slug } = entry as Record<string, unknown>
    if (typeof course === 'string' && typeof slug === 'string') slugs.set(course, slug)
  }
  return slugs
}

const completedBy = {
  Passed: 'Pass',
  Completed: 'Complete',
  CompletedAndPassed: 'Complete and pass',
  CompletedOrPassed: 'Complete or pass',
  NotApplicable: 'Just open it',
} as const

export interface CourseDetails {
  id: string
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
    title: displayText(course.course.title),
    description: displayText(course.course.description),
    importedAt: course.course.updatedAt,
    firstImportedAt: course.course.createdAt,
    importedByName: course.importedByName,
    files: Number(files?.n ?? 0),
    slug: catalogueSlugs(contentRoot).get(course.course.courseId) ?? null,
    units: current.map((au) => ({
      id: au.id,
      title: displayText(au.title),
      description: displayText(au.description),
      completedBy: completedBy[au.moveOn],
      passMark: au.masteryScore === null ? null : `${Math.round(au.masteryScore * 1000) / 10}%`,
      opens: au.launchMethod === 'OwnWindow' ? 'In its own window' : 'In the same window',
    })),
    removedUnits: aus.length - current.length,
  }
}
