import { randomUUID } from 'node:crypto'
import { db, schema, type Schema } from '#app/lib/db.server.ts'
import { createCourse, type TestAu } from './courses.ts'

// Rows of an imported cmi5 course and of its learners' launches, written directly: the tests of the catalogue
// and the course page need them as the importer and the launch side leave them, not the import itself.

let made = 0

/** A course with these AUs (in this order), as imported, met by completing or passing each unless told. */
export async function createCourseRows({
  courseId = `https://courses.example.test/course-${randomUUID()}`,
  title = `Imported course ${++made}`,
  description = 'A course bought in from another organisation.',
  aus = [{ title: 'Introduction' }, { title: 'Assessment' }],
}: {
  courseId?: string
  title?: string
  description?: string
  aus?: (TestAu & { title: string })[]
} = {}) {
  return createCourse({
    courseId,
    title,
    description,
    aus: aus.map((au) => ({ moveOn: 'CompletedOrPassed', description: `${au.title} of the course.`, ...au })),
  })
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
