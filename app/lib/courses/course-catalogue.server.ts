import { and, asc, count, eq, inArray, isNotNull, isNull, max } from 'drizzle-orm'
import { canSeeDrafts, frameworkForContent, namedCompetencies } from '#app/lib/content/catalogue.server.ts'
import type { CourseMapping } from '#app/lib/content/course-mapping.schema.ts'
import { loadCourseMappings } from '#app/lib/content/course-mapping.server.ts'
import type { Framework } from '#app/lib/content/framework.schema.ts'
import { db, schema, type Schema } from '#app/lib/db.server.ts'
import { inEnglish } from './language-map.ts'
import { unitState, type UnitState } from './unit-state.ts'

// Imported cmi5 courses as the catalogue shows them: a course is listed when it has been imported (a row in
// `courses`) and content/courses.yaml maps its IRI to a slug. The mapping gives its words where it has them;
// the course's own title and description otherwise.

type CourseRow = Schema['courses']['$inferSelect']

/** Summaries longer than the catalogue's cards allow are cut at a word. */
const SUMMARY_LENGTH = 240

function shortened(text: string): string {
  if (text.length <= SUMMARY_LENGTH) return text
  const cut = text.slice(0, SUMMARY_LENGTH - 1)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1))}…`
}

/** A mapped course in the shape the catalogue gives modules, with its row ids for launching. */
export function describeCourse(mapping: CourseMapping, row: CourseRow, framework: Framework) {
  return {
    kind: 'course' as const,
    slug: mapping.slug,
    courseRowId: row.id,
    courseId: row.courseId,
    title: mapping.title ?? (inEnglish(row.title) || mapping.slug),
    summary: mapping.summary ?? shortened(inEnglish(row.description)),
    minutes: mapping.minutes ?? null,
    status: mapping.status,
    audience: [...mapping.audience],
    objectives: [] as string[],
    competencies: namedCompetencies(mapping.competencies, framework),
  }
}

export type CourseSummary = ReturnType<typeof describeCourse>

/** The imported courses courses.yaml maps (published ones, and drafts when asked), in the file's order. */
export async function loadMappedCourses({ includeDrafts }: { includeDrafts: boolean }): Promise<CourseSummary[]> {
  const mappings = loadCourseMappings({ includeDrafts })
  if (mappings.length === 0) return []
  const { courses } = schema()
  const rows = await db()
    .select()
    .from(courses)
    .where(
      inArray(
        courses.courseId,
        mappings.map((m) => m.course),
      ),
    )
  const byIri = new Map(rows.map((row) => [row.courseId, row]))
  const framework = frameworkForContent()
  return mappings.flatMap((mapping) => {
    const row = byIri.get(mapping.course)
    return row ? [describeCourse(mapping, row, framework)] : []
  })
}

/** Every mapped course's title by slug, drafts included and imported or not: work assigned keeps its name. */
export async function courseTitles(): Promise<Map<string, string>> {
  const mappings = loadCourseMappings({ includeDrafts: true })
  const imported = new Map((await loadMappedCourses({ includeDrafts: true })).map((c) => [c.slug, c.title]))
  return new Map(mappings.map((m) => [m.slug, imported.get(m.slug) ?? m.title ?? m.slug]))
}

/** The course a user asked for by slug with its units in order, or null (unknown, not imported, or a draft they may not see). */
export async function findVisibleCourse({ slug, user }: { slug: string | undefined; user: { isAdmin: boolean } }) {
  if (!slug) return null
  const course = (await loadMappedCourses({ includeDrafts: canSeeDrafts(user) })).find((c) => c.slug === slug)
  if (!course) return null
  const { courseAus } = schema()
  const aus = await db()
    .select()
    .from(courseAus)
    .where(and(eq(courseAus.courseRowId, course.courseRowId), isNull(courseAus.removedAt)))
    .orderBy(asc(courseAus.position))
  return {
    course,
    units: aus.map((au) => ({
      id: au.id,
      title: inEnglish(au.title) || `Part ${au.position + 1}`,
      description: inEnglish(au.description),
      ownWindow: au.launchMethod === 'OwnWindow',
      moveOn: au.moveOn,
      masteryScore: au.masteryScore,
    })),
  }
}

/** A course's page and title by its row id, for sending a learner back to it; null if it is not listed. */
export async function courseLink({ courseRowId, includeDrafts }: { courseRowId: string; includeDrafts: boolean }) {
  const course = (await loadMappedCourses({ includeDrafts })).find((c) => c.courseRowId === courseRowId)
  return course ? { href: `/courses/${course.slug}`, title: course.title } : null
}

/** The same, for a user who may not see drafts. */
export function visibleCourseLink({ courseRowId, user }: { courseRowId: string; user: { isAdmin: boolean } }) {
  return courseLink({ courseRowId, includeDrafts: canSeeDrafts(user) })
}

/** A learner's registrations for courses: course row id → when it was satisfied (null: not yet). */
export async function learnerCourseRegistrations({ userId }: { userId: string }) {
  const { courseRegistrations } = schema()
  const rows = await db()
    .select({
      registration: courseRegistrations.registration,
      courseRowId: courseRegistrations.courseRowId,
      createdAt: courseRegistrations.createdAt,
      satisfiedAt: courseRegistrations.satisfiedAt,
    })
    .from(courseRegistrations)
    .where(eq(courseRegistrations.userId, userId))
  return new Map(rows.map((row) => [row.courseRowId, row]))
}

/**
 * How far a learner is through each of these course registrations: parts done (met or waived, and how many of
 * those were waived) of the parts the course has now, and when they last opened any part. By registration.
 */
export async function courseProgress({
  registrations,
}: {
  registrations: { registration: string; courseRowId: string }[]
}): Promise<Map<string, { partsDone: number; partsWaived: number; parts: number; lastOpenedAt: Date | null }>> {
  if (registrations.length === 0) return new Map()
  const { courseAus, courseAuProgress, courseSessions } = schema()
  const ids = registrations.map((row) => row.registration)
  const [parts, done, opened] = await Promise.all([
    db()
      .select({ courseRowId: courseAus.courseRowId, parts: count() })
      .from(courseAus)
      .where(
        and(
          inArray(
            courseAus.courseRowId,
            registrations.map((row) => row.courseRowId),
          ),
          isNull(courseAus.removedAt),
        ),
      )
      .groupBy(courseAus.courseRowId),
    // A waiver sets satisfiedAt too; parts since removed from the course do not count.
    db()
      .select({ registration: courseAuProgress.registration, done: count(), waived: count(courseAuProgress.waivedAt) })
      .from(courseAuProgress)
      .innerJoin(courseAus, eq(courseAus.id, courseAuProgress.auRowId))
      .where(
        and(
          inArray(courseAuProgress.registration, ids),
          isNotNull(courseAuProgress.satisfiedAt),
          isNull(courseAus.removedAt),
        ),
      )
      .groupBy(courseAuProgress.registration),
    db()
      .select({ registration: courseSessions.registration, lastOpenedAt: max(courseSessions.launchedAt) })
      .from(courseSessions)
      .where(inArray(courseSessions.registration, ids))
      .groupBy(courseSessions.registration),
  ])
  const partsOf = new Map(parts.map((row) => [row.courseRowId, row.parts]))
  const doneIn = new Map(done.map((row) => [row.registration, row]))
  const openedIn = new Map(opened.map((row) => [row.registration, row.lastOpenedAt]))
  return new Map(
    registrations.map((row) => [
      row.registration,
      {
        partsDone: doneIn.get(row.registration)?.done ?? 0,
        partsWaived: doneIn.get(row.registration)?.waived ?? 0,
        parts: partsOf.get(row.courseRowId) ?? 0,
        lastOpenedAt: openedIn.get(row.registration) ?? null,
      },
    ]),
  )
}

/** Each unit's state for a registration, and whether the learner ever opened it (all not started without one). */
export async function unitStates({
  registration,
  units,
}: {
  registration: string | null
  units: { id: string; moveOn: Schema['courseAus']['$inferSelect']['moveOn'] }[]
}): Promise<Map<string, { state: UnitState; opened: boolean }>> {
  if (!registration || units.length === 0)
    return new Map(units.map(({ id }) => [id, { state: 'not-started', opened: false }]))
  const { courseAuProgress, courseSessions } = schema()
  const [progress, launches] = await Promise.all([
    db()
      .select({
        auRowId: courseAuProgress.auRowId,
        satisfiedAt: courseAuProgress.satisfiedAt,
        waivedAt: courseAuProgress.waivedAt,
        completedAt: courseAuProgress.completedAt,
        passedAt: courseAuProgress.passedAt,
      })
      .from(courseAuProgress)
      .where(eq(courseAuProgress.registration, registration)),
    db()
      .selectDistinct({ auRowId: courseSessions.auRowId })
      .from(courseSessions)
      .where(eq(courseSessions.registration, registration)),
  ])
  const progressOf = new Map(progress.map((row) => [row.auRowId, row]))
  const launched = new Set(launches.map((row) => row.auRowId))
  return new Map(
    units.map(({ id, moveOn }) => [
      id,
      {
        state: unitState({ progress: progressOf.get(id), moveOn, launched: launched.has(id) }),
        opened: launched.has(id),
      },
    ]),
  )
}

/**
 * A learner's course registrations as the module status rules read attempts: under the course's slug, in
 * progress until the platform satisfies the course, then passed.
 */
export async function courseAttempts({ userId, courses }: { userId: string; courses?: CourseSummary[] }) {
  const [mapped, registrations] = await Promise.all([
    courses ?? loadMappedCourses({ includeDrafts: true }),
    learnerCourseRegistrations({ userId }),
  ])
  return mapped.flatMap((course) => {
    const registration = registrations.get(course.courseRowId)
    if (!registration) return []
    return [
      {
        moduleSlug: course.slug,
        status: registration.satisfiedAt ? ('passed' as const) : ('in-progress' as const),
        completedAt: registration.satisfiedAt,
        updatedAt: registration.satisfiedAt ?? registration.createdAt,
        bestScaled: null,
        contentVersion: null,
        registration: registration.registration,
        courseRowId: course.courseRowId,
      },
    ]
  })
}

/**
 * Courses and modules share one set of slugs, and places that name work only by slug (assigned work, reminder
 * emails, the home page) link to /modules/<slug>: the course's own page, when the slug is a course's.
 */
export async function courseAddressFor({ slug, user }: { slug: string | undefined; user: { isAdmin: boolean } }) {
  if (!slug) return null
  const courses = await loadMappedCourses({ includeDrafts: canSeeDrafts(user) })
  return courses.some((course) => course.slug === slug) ? `/courses/${slug}` : null
}
