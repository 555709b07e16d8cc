import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { stringify } from 'yaml'
import type { CourseMapping } from '#app/lib/content/course-mapping.schema.ts'

// The shipped content/courses.yaml maps only the demo course (which test databases do not have unless they are
// seeded), so tests that need a course use a content folder of their own: the shipped framework and modules
// (linked, not copied) with a courses.yaml written by the test.

/** A content folder with the shipped framework and modules and these course mappings; returns its path. */
export function contentWithCourses(mappings: CourseMapping[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'content-courses-'))
  for (const folder of ['frameworks', 'modules'])
    fs.symlinkSync(path.resolve('content', folder), path.join(root, folder), 'dir')
  writeCourseMappings(root, mappings)
  return root
}

export function writeCourseMappings(root: string, mappings: CourseMapping[]): void {
  fs.writeFileSync(path.join(root, 'courses.yaml'), stringify({ courses: mappings }))
}

/**
 * Points the app's content at a folder with these mappings (CONTENT_DIR, read on each use) until the returned
 * function puts it back.
 */
export function useContentWithCourses(mappings: CourseMapping[]): { root: string; restore: () => void } {
  const before = process.env.CONTENT_DIR
  const root = contentWithCourses(mappings)
  process.env.CONTENT_DIR = root
  return {
    root,
    restore: () => {
      if (before === undefined) delete process.env.CONTENT_DIR
      else process.env.CONTENT_DIR = before
      fs.rmSync(root, { recursive: true, force: true })
    },
  }
}
