import { closeDatabase } from '#app/lib/db.server.ts'
import { createCourse } from '#tests/courses.ts'

// Adds a one-unit course whose AU lives at the absolute URL given, for the cmi5 journeys; prints its ids as JSON.
const [auUrl] = process.argv.slice(2)
if (!auUrl) throw new Error('usage: tsx tests/e2e/create-launch-course.ts <AU URL>')
try {
  const { course, aus } = await createCourse({
    aus: [{ url: auUrl, masteryScore: 0.8, moveOn: 'CompletedAndPassed', blockIds: [] }],
  })
  process.stdout.write(JSON.stringify({ courseRowId: course.id, courseId: course.courseId, au: aus[0] }))
} finally {
  await closeDatabase()
}
