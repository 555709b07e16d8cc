import { asc, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db, schema } from '#app/lib/db.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { auId, cmi5Xml, COURSE_ID, invalidPackages, validPackages, zipOf, AU_PAGE } from '#tests/cmi5-packages.ts'
import { createUser } from '#tests/factories.ts'
import { importCourse } from './course-import.server.ts'

async function importedBy() {
  const admin = await createUser({ isAdmin: true })
  return { id: admin.id, name: admin.name }
}

async function ausOf(courseRowId: string) {
  const { courseAus } = schema()
  return db().select().from(courseAus).where(eq(courseAus.courseRowId, courseRowId)).orderBy(asc(courseAus.position))
}

describe('importing a course', () => {
  test('writes the course, its AUs in order with their platform ids, its files, and an audit entry', async () => {
    const admin = await importedBy()
    const result = await importCourse({ file: await validPackages.multiAu(), importedBy: admin })
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    expect(result).toMatchObject({
      replaced: false,
      course: {
        courseId: 'https://courses.example.org/cmi5/records',
        title: 'Keeping records safe',
        units: 5,
        files: 5,
      },
    })
    const { courses, courseFiles, auditEvents } = schema()
    const [course] = await db().select().from(courses).where(eq(courses.id, result.course.id))
    expect(course).toMatchObject({
      title: { 'en-GB': 'Keeping records safe' },
      importedBy: admin.id,
      packageHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    const aus = await ausOf(result.course.id)
    expect(aus.map((au) => [au.position, au.title, au.moveOn, au.masteryScore, au.launchMethod])).toEqual([
      [0, { 'en-GB': 'Welcome' }, 'NotApplicable', null, 'AnyWindow'],
      [1, { 'en-GB': 'Paper records' }, 'Completed', null, 'OwnWindow'],
      [2, { 'en-GB': 'Quiz' }, 'CompletedAndPassed', 0.8, 'AnyWindow'],
      [3, { 'en-GB': 'Video' }, 'CompletedOrPassed', null, 'AnyWindow'],
      [4, { 'en-GB': 'Final check' }, 'Passed', 1, 'AnyWindow'],
    ])
    expect(aus[1]).toMatchObject({
      url: 'paper/index.html?start=1',
      launchParameters: 'mode=quick',
      entitlementKey: 'nhs-123',
      activityType: 'http://adlnet.gov/expapi/activities/lesson',
      blockIds: ['https://courses.example.org/cmi5/records/block/outer'],
      removedAt: null,
    })
    expect(aus[2]?.blockIds).toEqual([
      'https://courses.example.org/cmi5/records/block/outer',
      'https://courses.example.org/cmi5/records/block/inner',
    ])
    for (const au of aus) {
      expect(au.activityId.startsWith(`${publicUrl}/courses/au/`)).toBe(true)
      expect(au.activityId).not.toBe(au.auId)
    }
    expect(new Set(aus.map((au) => au.activityId)).size).toBe(5)
    const files = await db()
      .select()
      .from(courseFiles)
      .where(eq(courseFiles.packageHash, course?.packageHash ?? ''))
    expect(files.map((file) => file.path).sort()).toEqual([
      'cmi5.xml',
      'paper/index.html',
      'quiz/index.html',
      'shared/logo.svg',
      'welcome/index.html',
    ])
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.subjectId, result.course.id))
    expect(audit).toMatchObject([
      {
        action: 'course.imported',
        subjectType: 'course',
        subjectName: 'Keeping records safe',
        actorId: admin.id,
        after: { title: 'Keeping records safe', units: 5, files: 5 },
      },
    ])
  })

  test('again with the same course id replaces it: AUs kept keep their activity id, dropped ones are marked removed', async () => {
    const admin = await importedBy()
    const first = await importCourse({
      file: await validPackages.singleAu({
        children: [
          { id: auId(1), title: 'One' },
          { id: auId(2), title: 'Two' },
        ],
      }),
      importedBy: admin,
    })
    if (!first.ok) throw new Error(JSON.stringify(first.problems))
    const before = await ausOf(first.course.id)
    const { courses, courseFiles, auditEvents } = schema()
    const [oldCourse] = await db().select().from(courses).where(eq(courses.id, first.course.id))

    const secondEdition = () =>
      validPackages.singleAu({
        title: 'Safe passwords, second edition',
        children: [
          { id: auId(3), title: 'Three' },
          { id: auId(2), title: 'Two, revised' },
        ],
      })
    const second = await importCourse({
      file: await secondEdition(),
      importedBy: admin,
    })
    if (!second.ok) throw new Error(JSON.stringify(second.problems))
    expect(second).toMatchObject({ replaced: true, course: { id: first.course.id, courseId: COURSE_ID, units: 2 } })
    const after = await ausOf(first.course.id)
    const byAu = new Map(after.map((au) => [au.auId, au]))
    expect(byAu.get(auId(2))).toMatchObject({
      activityId: before.find((au) => au.auId === auId(2))?.activityId,
      title: { 'en-GB': 'Two, revised' },
      position: 1,
      removedAt: null,
    })
    expect(byAu.get(auId(1))?.removedAt).toBeInstanceOf(Date)
    expect(byAu.get(auId(1))?.activityId).toBe(before.find((au) => au.auId === auId(1))?.activityId)
    expect(byAu.get(auId(3))).toMatchObject({ position: 0, removedAt: null })
    // The first version's files are no longer served by any course.
    expect(
      await db()
        .select()
        .from(courseFiles)
        .where(eq(courseFiles.packageHash, oldCourse?.packageHash ?? '')),
    ).toEqual([])
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.subjectId, first.course.id))
    expect(audit.map((entry) => [entry.action, entry.before, entry.after])).toEqual([
      ['course.imported', null, { title: 'Safe passwords', units: 2, files: 4 }],
      // Only what changed: the unit count did not.
      ['course.replaced', { title: 'Safe passwords' }, { title: 'Safe passwords, second edition' }],
    ])

    // The same package once more changes nothing and records nothing.
    const unchanged = await importCourse({
      file: await secondEdition(),
      importedBy: admin,
    })
    expect(unchanged).toMatchObject({ ok: true, replaced: true, unchanged: true, course: { id: first.course.id } })
    expect(await db().select().from(auditEvents).where(eq(auditEvents.subjectId, first.course.id))).toHaveLength(2)

    // An AU that comes back is no longer removed.
    const third = await importCourse({
      file: await validPackages.singleAu({ children: [{ id: auId(1), title: 'One' }] }),
      importedBy: admin,
    })
    if (!third.ok) throw new Error(JSON.stringify(third.problems))
    const revived = (await ausOf(first.course.id)).find((au) => au.auId === auId(1))
    expect(revived).toMatchObject({ removedAt: null, activityId: before.find((au) => au.auId === auId(1))?.activityId })
  })

  test('two courses with the same files share one stored copy', async () => {
    const admin = await importedBy()
    const files = { 'index.html': AU_PAGE }
    const a = await importCourse({
      file: { name: 'a.zip', bytes: await zipOf({ 'cmi5.xml': cmi5Xml({ id: 'https://example.org/a' }), ...files }) },
      importedBy: admin,
    })
    const again = await importCourse({
      file: {
        name: 'a-again.zip',
        bytes: await zipOf({ 'cmi5.xml': cmi5Xml({ id: 'https://example.org/a' }), ...files }),
      },
      importedBy: admin,
    })
    if (!a.ok || !again.ok) throw new Error('expected both imports to succeed')
    expect(again.replaced).toBe(true)
    const { courses, courseFiles } = schema()
    const [course] = await db().select().from(courses).where(eq(courses.id, a.course.id))
    const rows = await db()
      .select({ path: courseFiles.path })
      .from(courseFiles)
      .where(eq(courseFiles.packageHash, course?.packageHash ?? ''))
    expect(rows.map((row) => row.path).sort()).toEqual(['cmi5.xml', 'index.html'])
  })

  test('a bare cmi5.xml and a thousand AUs', async () => {
    const admin = await importedBy()
    const bare = await importCourse({ file: validPackages.bareXml(), importedBy: admin })
    expect(bare).toMatchObject({ ok: true, course: { title: 'Bare course', units: 1, files: 1 } })
    const thousand = await importCourse({ file: validPackages.thousandAus(), importedBy: admin })
    expect(thousand).toMatchObject({ ok: true, course: { units: 1000 } })
    if (thousand.ok) expect((await ausOf(thousand.course.id)).at(-1)?.position).toBe(999)
  })

  test('a package with problems writes nothing and says what is wrong', async () => {
    const admin = await importedBy()
    const { file, expected } = await invalidPackages['zip slip']!()
    const { courses, courseFiles, auditEvents } = schema()
    const counts = async () => ({
      courses: (await db().select().from(courses)).length,
      files: (await db().select({ path: courseFiles.path }).from(courseFiles)).length,
      audit: (await db().select().from(auditEvents).where(eq(auditEvents.subjectType, 'course'))).length,
    })
    const before = await counts()
    const result = await importCourse({ file, importedBy: admin })
    if (result.ok) throw new Error('the package was accepted')
    expect(result.problems.map((p) => `${p.where}: ${p.message}`).join('\n')).toMatch(expected)
    expect(await counts()).toEqual(before)
  })
})
