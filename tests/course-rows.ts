import { randomUUID } from 'node:crypto'
import { db, schema, type Schema } from '#app/lib/db.server.ts'

// Rows of an imported cmi5 course, written directly: the tests of the catalogue and the course page need a
// course as the importer leaves it, and launches as the launch side records them, not the import itself.

type CourseRow = Schema['courses']['$inferSelect']
type AuRow = Schema['courseAus']['$inferSelect']

let made = 0

export interface TestAu {
  title: string
  launchMethod?: AuRow['launchMethod']
  moveOn?: AuRow['moveOn']
}

/** A course with these AUs (in this order), as imported; its IRI is new unless given. */
export async function createCourseRows({
  courseId = `https://courses.example.test/course-${randomUUID()}`,
  title = `Imported course ${++made}`,
  description = 'A course bought in from another organisation.',
  aus = [{ title: 'Introduction' }, { title: 'Assessment' }],
}: {
  courseId?: string
  title?: string
  description?: string
  aus?: TestAu[]
} = {}): Promise<{ course: CourseRow; aus: AuRow[] }> {
  const { courses, courseAus } = schema()
  const packageHash = randomUUID().replace(/-/g, '')
  const [course] = await db()
    .insert(courses)
    .values({
      courseId,
      title: { 'en-GB': title },
      description: { 'en-GB': description },
      structure: {},
      packageHash,
      updatedAt: new Date(),
    })
    .returning()
  if (!course) throw new Error('no course row')
  const rows = await db()
    .insert(courseAus)
    .values(
      aus.map((au, position) => ({
        courseRowId: course.id,
        auId: `${courseId}/au/${position}`,
        activityId: `https://skills.example.test/activities/course-aus/${randomUUID()}`,
        position,
        title: { 'en-GB': au.title },
        description: { 'en-GB': `${au.title} of the course.` },
        url: `au${position}/index.html`,
        launchMethod: au.launchMethod ?? 'AnyWindow',
        moveOn: au.moveOn ?? 'CompletedOrPassed',
        masteryScore: null,
        blockIds: [],
      })),
    )
    .returning()
  return { course, aus: rows.sort((a, b) => a.position - b.position) }
}

/** A learner's registration for a course, satisfied when `satisfiedAt` is given. */
export async function createCourseRegistration({
  courseRowId,
  userId,
  satisfiedAt = null,
}: {
  courseRowId: string
  userId: string
  satisfiedAt?: Date | null
}): Promise<string> {
  const registration = randomUUID()
  await db().insert(schema().courseRegistrations).values({ registration, courseRowId, userId, satisfiedAt })
  return registration
}

/** One launch of an AU in a registration. */
export async function createCourseSession({
  registration,
  auRowId,
  launchedAt = new Date(),
}: {
  registration: string
  auRowId: string
  launchedAt?: Date
}): Promise<string> {
  const id = randomUUID()
  await db().insert(schema().courseSessions).values({
    id,
    registration,
    auRowId,
    launchMode: 'Normal',
    fetchTokenHash: randomUUID(),
    authKey: randomUUID(),
    authSecretHash: randomUUID(),
    launchedAt,
  })
  return id
}

/** Where an AU stands in a registration, as the launch side projects it. */
export async function createAuProgress(
  row: Pick<Schema['courseAuProgress']['$inferInsert'], 'registration' | 'auRowId'> &
    Partial<Schema['courseAuProgress']['$inferInsert']>,
): Promise<void> {
  await db().insert(schema().courseAuProgress).values(row)
}
