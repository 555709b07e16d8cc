import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { importCourse } from '#app/lib/courses/course-import.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { validPackages } from '#tests/cmi5-packages.ts'
import { courseFiles } from './course-files.ts'

// Course files through the real Express middleware, as a browser asks for them.

let base = ''
let hash = ''
let close: () => void = () => {}
beforeAll(async () => {
  const result = await importCourse({ file: await validPackages.multiAu(), importedBy: { id: null, name: 'Test' } })
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  const [course] = await db().select().from(schema().courses)
  hash = course?.packageHash ?? ''
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
