import { eq } from 'drizzle-orm'
import { randomUUID } from 'node:crypto'
import { db, type Schema, schema } from '#app/lib/db.server.ts'

// Courses and their AUs written straight into the tables, for tests of launching and progress (the importer
// that makes them from packages is tested on its own).

type AuRow = Schema['courseAus']['$inferInsert']

export interface TestAu {
  title?: string
  url?: string
  moveOn?: AuRow['moveOn']
  masteryScore?: number | null
  launchMethod?: AuRow['launchMethod']
  blockIds?: string[]
  launchParameters?: string | null
}

export async function createCourse({ aus = [{}] }: { aus?: TestAu[] } = {}) {
  const { courses, courseAus } = schema()
  const tag = randomUUID()
  const [course] = await db()
    .insert(courses)
    .values({
      courseId: `https://courses.example.test/${tag}`,
      title: { 'en-GB': `Course ${tag.slice(0, 8)}` },
      description: { 'en-GB': 'A course for tests' },
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
        auId: `https://courses.example.test/${tag}/au/${position}`,
        activityId: `https://skills.example.test/course-activities/${randomUUID()}`,
        position,
        title: { 'en-GB': au.title ?? `Unit ${position + 1}` },
        description: { 'en-GB': '' },
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
