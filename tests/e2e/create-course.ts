import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { parse, stringify } from 'yaml'
import { closeDatabase, db, schema } from '#app/lib/db.server.ts'
import { installEffects } from '#app/lib/install-effects.server.ts'
import { e2eCourse, journeyCourse } from './course-fixture.ts'

// Run by the Playwright web server command after the demo seed: an imported cmi5 course (its rows as the
// importer leaves them; the journeys here do not launch it) and the content folder the server is started
// with, which is the shipped framework and modules (linked) plus a courses.yaml with the shipped mappings (the
// demo course the seed imported) and this course's.
installEffects()

const root = path.resolve(e2eCourse.contentDir)
fs.rmSync(root, { recursive: true, force: true })
fs.mkdirSync(root, { recursive: true })
for (const folder of ['frameworks', 'modules'])
  fs.symlinkSync(path.resolve('content', folder), path.join(root, folder), 'dir')
fs.writeFileSync(
  path.join(root, 'courses.yaml'),
  stringify({
    courses: [
      ...(parse(fs.readFileSync(path.resolve('content', 'courses.yaml'), 'utf8')) as { courses: unknown[] }).courses,
      {
        course: e2eCourse.courseId,
        slug: e2eCourse.slug,
        summary: e2eCourse.summary,
        minutes: 15,
        competencies: [{ id: 'SAFE.1', level: 1 }],
        audience: ['clinical', 'administrative'],
        status: 'published',
      },
      {
        course: journeyCourse.courseId,
        slug: journeyCourse.slug,
        competencies: journeyCourse.competencies,
        audience: ['clinical', 'administrative'],
        status: 'published',
      },
    ],
  }),
)

const { courses, courseAus } = schema()
const [existing] = await db().select().from(courses).where(eq(courses.courseId, e2eCourse.courseId))
if (!existing) {
  const [course] = await db()
    .insert(courses)
    .values({
      courseId: e2eCourse.courseId,
      title: { 'en-GB': e2eCourse.title },
      description: { 'en-GB': e2eCourse.summary },
      structure: {},
      packageHash: 'e2e-course-package',
      updatedAt: new Date(),
    })
    .returning()
  if (!course) throw new Error('the course row was not written')
  await db()
    .insert(courseAus)
    .values(
      e2eCourse.units.map((title, position) => ({
        courseRowId: course.id,
        auId: `${e2eCourse.courseId}/au/${position}`,
        activityId: `${e2eCourse.courseId}/platform-au/${position}`,
        position,
        title: { 'en-GB': title },
        description: { 'en-GB': `${title}.` },
        url: `au${position}/index.html`,
        launchMethod: position === 1 ? ('OwnWindow' as const) : ('AnyWindow' as const),
        moveOn: 'CompletedOrPassed' as const,
        masteryScore: null,
        blockIds: [],
      })),
    )
}
await closeDatabase()
