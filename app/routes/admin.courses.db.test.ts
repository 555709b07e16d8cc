import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { courseDetails, courseList } from '#app/lib/courses/course-admin.server.ts'
import { invalidPackages, validPackages, type PackageFile } from '#tests/cmi5-packages.ts'
import { createUser } from '#tests/factories.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import { loader as courseLoader } from './admin.courses.$courseId.tsx'
import { action, loader } from './admin.courses._index.tsx'

async function upload(userId: string, file: PackageFile) {
  const body = new FormData()
  body.append('file', new File([Buffer.from(file.bytes)], file.name))
  return action({
    request: await signedInRequest(userId, '/admin/courses', { method: 'POST', body }),
    params: {},
    context: loadContext,
  })
}

function resultOf(response: Awaited<ReturnType<typeof action>>) {
  const body = 'data' in response ? response.data : response
  if (!('errors' in body)) throw new Error('expected the form again, got a redirect')
  return body
}

/** A successful upload goes to the course's page, saying how it went: the course's id and that outcome. */
function redirectedTo(response: Awaited<ReturnType<typeof action>>) {
  if (!(response instanceof Response)) throw new Error(`expected a redirect, got ${JSON.stringify(response)}`)
  expect(response.status).toBe(303)
  const [, id, outcome] = /^\/admin\/courses\/([^/?]+)\?(\w+)=1$/.exec(response.headers.get('Location') ?? '') ?? []
  return { id: id ?? '', outcome }
}

describe('the courses admin pages', () => {
  test('are for administrators only', async () => {
    const learner = await createUser()
    const request = await signedInRequest(learner.id, '/admin/courses')
    expect(await statusOf(loader({ request, params: {}, context: loadContext }))).toBe(403)
    expect(await statusOf(upload(learner.id, await validPackages.singleAu()))).toBe(403)
    expect(await statusOf(courseLoader({ request, params: { courseId: 'x' }, context: loadContext }))).toBe(403)
  })

  test('an upload imports the course, which the list and its page then show', async () => {
    const admin = await createUser({ isAdmin: true })
    const { id, outcome } = redirectedTo(await upload(admin.id, await validPackages.multiAu()))
    expect(outcome).toBe('imported')

    const list = await loader({
      request: await signedInRequest(admin.id, '/admin/courses'),
      params: {},
      context: loadContext,
    })
    expect(list.courses.find((course) => course.id === id)).toMatchObject({
      title: 'Keeping records safe',
      units: 5,
      importedAt: expect.stringMatching(/^\d{1,2} [A-Z][a-z]+ \d{4}$/),
      slug: null,
    })

    const page = await courseLoader({
      request: await signedInRequest(admin.id, `/admin/courses/${id}`),
      params: { courseId: id },
      context: loadContext,
    })
    expect(page.course).toMatchObject({
      title: 'Keeping records safe',
      files: 5,
      importedByName: admin.name,
      removedUnits: 0,
    })
    expect(page.course.units.map((unit) => [unit.title, unit.completedBy, unit.passMark, unit.opens])).toEqual([
      ['Welcome', 'Nothing to do: counts as done', null, 'In the same window'],
      ['Paper records', 'Complete it', null, 'In its own window'],
      ['Quiz', 'Complete and pass it', '80%', 'In the same window'],
      ['Video', 'Complete it or pass it', null, 'In the same window, from the publisher’s website'],
      ['Final check', 'Pass it', '100%', 'In the same window'],
    ])
    expect(
      await statusOf(
        courseLoader({
          request: await signedInRequest(admin.id, '/admin/courses/missing'),
          params: { courseId: 'missing' },
          context: loadContext,
        }),
      ),
    ).toBe(404)
  })

  test('a bad package is refused with its problem named; several problems are all listed', async () => {
    const admin = await createUser({ isAdmin: true })
    const { file } = await invalidPackages['zip without cmi5.xml']!()
    const one = resultOf(await upload(admin.id, file))
    expect(one).toEqual({
      errors: { file: 'course.zip: has no cmi5.xml at its top level, so it is not a cmi5 course package' },
      problems: [
        { where: 'course.zip', message: 'has no cmi5.xml at its top level, so it is not a cmi5 course package' },
      ],
    })
    const { file: duplicates } = await invalidPackages['duplicate AU ids']!()
    const several = resultOf(
      await upload(admin.id, {
        ...duplicates,
        bytes: new TextEncoder().encode(
          new TextDecoder().decode(duplicates.bytes).replace('<course id=', '<course x="1" id='),
        ),
      }),
    )
    expect(several.errors?.file).toBe('cmi5.xml has 2 problems, listed below. The course was not imported.')
    expect(several.problems).toHaveLength(2)
  })

  test('no file chosen', async () => {
    const admin = await createUser({ isAdmin: true })
    const response = await action({
      request: await signedInRequest(admin.id, '/admin/courses', { method: 'POST', body: new FormData() }),
      params: {},
      context: loadContext,
    })
    expect(resultOf(response).errors).toEqual({ file: 'Select a course package: a zip file or a cmi5.xml file' })
  })
})

test('the course list says which courses content/courses.yaml maps into the catalogue, once the file is valid', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'courses-yaml-'))
  const admin = await createUser({ isAdmin: true })
  const imported = redirectedTo(await upload(admin.id, await validPackages.multiAu()))
  fs.writeFileSync(
    path.join(root, 'courses.yaml'),
    [
      'courses:',
      '  - course: https://courses.example.org/cmi5/records',
      '    slug: keeping-records-safe',
      '    competencies: [{ id: DATA.1, level: 1 }]',
      '    audience: [clinical]',
      '    status: draft',
      '',
    ].join('\n'),
  )
  const listed = await courseList({ contentRoot: root })
  expect(listed.find((course) => course.id === imported.id)?.slug).toBe('keeping-records-safe')
  expect((await courseDetails({ courseRowId: imported.id, contentRoot: root }))?.slug).toBe('keeping-records-safe')
  // A file content:check refuses maps nothing.
  fs.writeFileSync(path.join(root, 'courses.yaml'), ': not yaml [')
  expect((await courseList({ contentRoot: root })).every((course) => course.slug === null)).toBe(true)
  fs.rmSync(root, { recursive: true, force: true })
})
