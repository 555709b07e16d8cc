import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { COURSE_FILES_PREFIX, courseFileResponse } from '#app/lib/courses/course-files.server.ts'

// Course files answered before the app's own security headers: a course's pages are a third party's content,
// with their own Content Security Policy (a sandbox with an opaque origin, framable by the app's pages), where the
// app's policy (its script nonces, frame-ancestors 'none') would break them (docs/decisions/017-cmi5-courses.md).

export function courseFiles() {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (!req.path.startsWith(COURSE_FILES_PREFIX)) return next()
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(405).set('Allow', 'GET, HEAD').type('text/plain').send('Course files can only be read.')
      return
    }
    const query = req.originalUrl.indexOf('?')
    const search = query === -1 ? '' : req.originalUrl.slice(query)
    courseFileResponse({ requestPath: req.path, search, method: req.method })
      .then(async (response) => {
        res.status(response.status)
        response.headers.forEach((value, name) => res.setHeader(name, value))
        res.end(req.method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()))
      })
      .catch(next)
  }
}
