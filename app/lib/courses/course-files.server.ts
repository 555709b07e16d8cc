import { and, eq } from 'drizzle-orm'
import { db, schema } from '#app/lib/db.server.ts'
import { escapeHtml } from '#app/lib/escape-html.ts'
import { spentFetchTokenCourse, tokenOfFetchUrl } from './au-sessions.server.ts'
import { courseLink } from './course-catalogue.server.ts'
import { withSandboxStorage } from './sandbox-storage.ts'

// Course files are served from the platform's own origin under /course-files/<package hash>/<path>, a prefix no
// page of the app uses. The content is a third party's: it runs in a sandbox with an opaque origin (no
// allow-same-origin), so it cannot read the app's cookies or storage, and its requests to the LRS are
// cross-origin ones that authenticate with the credentials its launch gave it (docs/decisions/017-cmi5-courses.md).

export const COURSE_FILES_PREFIX = '/course-files/'

/** Where a package's file is served: a relative AU url resolves against this with the package's hash. */
export function courseFileUrl({
  base,
  packageHash,
  path,
}: {
  base: string
  packageHash: string
  path: string
}): string {
  return `${base}${COURSE_FILES_PREFIX}${packageHash}/${path}`
}

/** The policy every course file is sent with. */
export const COURSE_CONTENT_SECURITY_POLICY = [
  'sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads',
  "frame-ancestors 'self'",
].join('; ')

export const courseFileHeaders = {
  'Content-Security-Policy': COURSE_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // A package's files never change under one hash.
  'Cache-Control': 'public, max-age=31536000, immutable',
  // The sandboxed page's origin is opaque, so its own module scripts and fetches of its files are cross-origin.
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Referrer-Policy': 'same-origin',
} as const

const PACKAGE_HASH = /^[0-9a-f]{64}$/

/** The package hash and file path a request path names, or null when it cannot name a file of a package. */
export function parseCourseFilePath(requestPath: string): { packageHash: string; path: string } | null {
  if (!requestPath.startsWith(COURSE_FILES_PREFIX)) return null
  const [packageHash, ...rest] = requestPath.slice(COURSE_FILES_PREFIX.length).split('/')
  if (!packageHash || !PACKAGE_HASH.test(packageHash)) return null
  let segments: string[]
  try {
    segments = rest.map((segment) => decodeURIComponent(segment))
  } catch {
    return null
  }
  if (
    segments.length === 0 ||
    segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('/') || s.includes('\\'))
  )
    return null
  return { packageHash, path: segments.join('/') }
}

export interface CourseFile {
  contentType: string
  bytes: Buffer
}

export async function readCourseFile({
  packageHash,
  path,
}: {
  packageHash: string
  path: string
}): Promise<CourseFile | null> {
  const { courseFiles } = schema()
  const [file] = await db()
    .select({ contentType: courseFiles.contentType, contentBase64: courseFiles.contentBase64 })
    .from(courseFiles)
    .where(and(eq(courseFiles.packageHash, packageHash), eq(courseFiles.path, path)))
  return file ? { contentType: file.contentType, bytes: Buffer.from(file.contentBase64, 'base64') } : null
}

/** The response for a GET or HEAD of a course file path: the file, or 404 for anything outside a package. */
export async function courseFileResponse({
  requestPath,
  search = '',
  method,
}: {
  requestPath: string
  /** The query, which for a unit's launch document carries cmi5's launch parameters. */
  search?: string
  method: string
}): Promise<Response> {
  const notFound = () =>
    new Response('There is no such course file.', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
    })
  const named = parseCourseFilePath(requestPath)
  if (!named) return notFound()
  const file = await readCourseFile(named)
  if (!file) return notFound()
  // A launch address of ours works once: its fetch token is spent by the first load, so a reload or Back then
  // Forward would leave the unit stuck on a failed fetch. Such a load gets a page pointing back to the course,
  // and no launch document is kept in a cache, so history navigation asks again rather than replaying it.
  const token = tokenOfFetchUrl(new URLSearchParams(search).get('fetch'))
  const launchHeaders = token ? { 'Cache-Control': 'no-store' } : {}
  if (token) {
    const courseRowId = await spentFetchTokenCourse({ token })
    if (courseRowId) {
      const page = alreadyOpenedPage(await courseLink({ courseRowId, includeDrafts: true }))
      return new Response(method === 'HEAD' ? null : page, {
        headers: { ...courseFileHeaders, ...launchHeaders, 'Content-Type': 'text/html; charset=utf-8' },
      })
    }
  }
  const bytes = file.contentType.startsWith('text/html')
    ? // latin1 both ways keeps every byte as it was, whatever ASCII-compatible encoding the page is in.
      Buffer.from(withSandboxStorage(file.bytes.toString('latin1')), 'latin1')
    : file.bytes
  return new Response(method === 'HEAD' ? null : new Uint8Array(bytes), {
    headers: {
      ...courseFileHeaders,
      ...launchHeaders,
      'Content-Type': file.contentType,
      'Content-Length': String(bytes.length),
    },
  })
}

/** What a spent launch address shows instead of the unit: plain HTML, no script, served under the same sandbox. */
export function alreadyOpenedPage(course: { href: string; title: string } | null): string {
  const back = course
    ? `<a href="${escapeHtml(course.href)}">Back to ${escapeHtml(course.title)}</a>`
    : '<a href="/modules">Back to the modules</a>'
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>This part was already opened – Digital skills</title>
<style>body{font-family:Arial,sans-serif;font-size:19px;line-height:1.5;color:#212b32;margin:0 auto;max-width:40em;padding:16px}a{color:#005eb8}a:focus{background:#ffeb3b;color:#212b32;outline:4px solid transparent;box-shadow:0 -2px #ffeb3b,0 4px #212b32}</style>
</head>
<body>
<main>
<h1>This part was already opened</h1>
<p>Each time you open a part of a course it gets a new start, so this page cannot be opened again by reloading it or going back to it.</p>
<p>Start it again from the course page: your progress is kept.</p>
<p>${back}</p>
</main>
</body>
</html>
`
}
