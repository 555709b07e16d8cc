import { eq } from 'drizzle-orm'
import { randomUUID } from 'node:crypto'
import { db, type Schema, schema } from '#app/lib/db.server.ts'

// Courses and their AUs written straight into the tables, for tests of launching and progress (the importer
// that makes them from packages is tested on its own).

type AuRow = Schema['courseAus']['$inferInsert']

export interface TestAu {
  title?: string
  description?: string
  url?: string
  moveOn?: AuRow['moveOn']
  masteryScore?: number | null
  launchMethod?: AuRow['launchMethod']
  blockIds?: string[]
  launchParameters?: string | null
}

/** A course with these AUs (in this order), as the importer leaves it; its IRI is new unless given. */
export async function createCourse({
  aus = [{}],
  courseId,
  title,
  description = 'A course for tests',
}: {
  aus?: TestAu[]
  courseId?: string
  title?: string
  description?: string
} = {}) {
  const { courses, courseAus } = schema()
  const tag = randomUUID()
  const iri = courseId ?? `https://courses.example.test/${tag}`
  const [course] = await db()
    .insert(courses)
    .values({
      courseId: iri,
      title: { 'en-GB': title ?? `Course ${tag.slice(0, 8)}` },
      description: { 'en-GB': description },
      structure: {},
      packageHash: tag.replaceAll('-', ''),
      updatedAt: new Date(),
    })
    .returning()
  if (!course) throw new Error('no course row')
  const rows = await db()
    .insert(courseAus)
    .values(
      aus.map((au, position) => ({
        courseRowId: course.id,
        auId: `${iri}/au/${position}`,
        activityId: `https://skills.example.test/course-activities/${randomUUID()}`,
        position,
        title: { 'en-GB': au.title ?? `Unit ${position + 1}` },
        description: { 'en-GB': au.description ?? '' },
        url: au.url ?? `au${position}/index.html`,
        launchMethod: au.launchMethod ?? 'AnyWindow',
        moveOn: au.moveOn ?? 'CompletedAndPassed',
        masteryScore: au.masteryScore ?? null,
        launchParameters: au.launchParameters ?? null,
        entitlementKey: null,
        activityType: null,
        blockIds: au.blockIds ?? [],
      })),
    )
    .returning()
  return { course, aus: rows.sort((a, b) => a.position - b.position) }
}

/** As a re-import that drops the AU leaves it. */
export async function markAuRemoved(auRowId: string) {
  const { courseAus } = schema()
  await db().update(courseAus).set({ removedAt: new Date() }).where(eq(courseAus.id, auRowId))
}
