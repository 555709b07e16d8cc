import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { eq } from 'drizzle-orm'
import { redeemFetchToken } from '#app/lib/courses/au-sessions.server.ts'
import { importCourse } from '#app/lib/courses/course-import.server.ts'
import { launchAu } from '#app/lib/courses/launch.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { validPackages } from '#tests/cmi5-packages.ts'
import { useContentWithCourses } from '#tests/course-content.ts'
import { createUser } from '#tests/factories.ts'
import { courseFiles } from './course-files.ts'

// Course files through the real Express middleware, as a browser asks for them.

let base = ''
let hash = ''
let courseRow = ''
let courseIri = ''
let close: () => void = () => {}
beforeAll(async () => {
  const result = await importCourse({ file: await validPackages.multiAu(), importedBy: { id: null, name: 'Test' } })
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  const [course] = await db().select().from(schema().courses)
  hash = course?.packageHash ?? ''
  courseRow = course?.id ?? ''
  courseIri = course?.courseId ?? ''
  const app = express().use(courseFiles())
  app.use((_req, res) => res.status(418).send('passed on'))
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () => server.close()
})
afterAll(() => close())

describe('course files', () => {
  test('are served with their type, a sandbox policy, nosniff and a long cache life', async () => {
    const response = await fetch(`${base}/course-files/${hash}/quiz/index.html`)
    expect(response.status).toBe(200)
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads; frame-ancestors 'self'",
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, max-age=31536000, immutable',
      'access-control-allow-origin': '*',
    })
    expect(response.headers.get('content-security-policy')).not.toContain('allow-same-origin')
    const page = await response.text()
    expect(page).toContain('<h1>Unit</h1>')
    // Its first script gives it cookies and storage of its own, which the sandbox otherwise refuses.
    expect(page).toMatch(/<head><script>\(function \(\) \{[\s\S]*localStorage[\s\S]*<\/script><meta charset/)
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(page)))
    const svg = await fetch(`${base}/course-files/${hash}/shared/logo.svg`)
    expect(svg.headers.get('content-type')).toBe('image/svg+xml')
    expect(await svg.text()).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>')
    const head = await fetch(`${base}/course-files/${hash}/shared/logo.svg`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String('<svg xmlns="http://www.w3.org/2000/svg"/>'.length))
  })

  test('answer 404 for anything outside a package, and refuse writes', async () => {
    expect(await rawStatus(`/course-files/${hash}/quiz/index.html`)).toBe(200)
    for (const path of [
      `/course-files/${hash}/missing.html`,
      `/course-files/${hash}/%2e%2e/%2e%2e/package.json`,
      `/course-files/${hash}/quiz%2f..%2f..%2findex.html`,
      `/course-files/${hash}/`,
      `/course-files/${hash}`,
      `/course-files/${'0'.repeat(64)}/quiz/index.html`,
      '/course-files/not-a-hash/quiz/index.html',
    ]) {
      expect(await rawStatus(path), path).toBe(404)
    }
    expect((await fetch(`${base}/course-files/${hash}/quiz/index.html`, { method: 'POST' })).status).toBe(405)
  })

  test('a launch address whose fetch token is spent shows a page leading back to the course', async () => {
    const content = useContentWithCourses([
      {
        course: courseIri,
        slug: 'multi-unit-course',
        title: 'Several units',
        competencies: [{ id: 'SAFE.1', level: 1 }],
        audience: ['clinical'],
        status: 'published',
      },
    ])
    try {
      const user = await createUser()
      const [au] = await db().select().from(schema().courseAus).where(eq(schema().courseAus.courseRowId, courseRow))
      const launch = await launchAu({
        userId: user.id,
        courseRowId: courseRow,
        auRowId: au?.id ?? '',
        returnUrl: `${publicUrl}/courses/multi-unit-course`,
      })
      const address = new URL(launch.url)
      const local = `${base}${address.pathname}${address.search}`

      const first = await fetch(local)
      expect(first.status).toBe(200)
      // A launch document is never cached, so Back then Forward asks again.
      expect(first.headers.get('cache-control')).toBe('no-store')
      expect(await first.text()).not.toContain('already opened')

      const token = address.searchParams.get('fetch')?.split('/course-fetch/')[1] ?? ''
      expect(await redeemFetchToken({ token })).toHaveProperty('auth-token')
      const again = await fetch(local)
      expect(again.status).toBe(200)
      expect(Object.fromEntries(again.headers)).toMatchObject({
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy':
          "sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads; frame-ancestors 'self'",
        'cache-control': 'no-store',
      })
      const page = await again.text()
      expect(page).toContain('<h1>This part was already opened</h1>')
      expect(page).toContain('<a href="/courses/multi-unit-course">Back to Several units</a>')
      expect(page).not.toContain('<script')

      // Other addresses of the same file, a fetch URL not of ours, or an unknown token: the file as it is.
      for (const query of [
        '',
        `?fetch=${encodeURIComponent('https://elsewhere.example/course-fetch/' + token)}`,
        `?fetch=${encodeURIComponent(publicUrl + '/course-fetch/unknown-token')}`,
      ]) {
        const plain = await fetch(`${base}${address.pathname}${query}`)
        expect(await plain.text(), query).not.toContain('already opened')
      }
    } finally {
      content.restore()
    }
  })

  test('other paths pass on to the app', async () => {
    expect((await fetch(`${base}/courses`)).status).toBe(418)
  })
})

/** A GET with the path exactly as given (fetch would normalise dot segments before sending them). */
function rawStatus(path: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`.replace(path, ''), { path }, (response) => {
        response.resume()
        resolve(response.statusCode)
      })
      .on('error', reject)
  })
}
