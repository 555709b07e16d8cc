import { z } from 'zod'
import { MAX_PACKAGE_BYTES, PACKAGE_TOO_LARGE } from './course-limits.ts'

// The course import page's form: one course package.

export const courseUploadSchema = z.object({
  file: z
    .file({ error: 'Select a course package: a zip file or a cmi5.xml file' })
    .min(1, 'The selected file is empty')
    .max(MAX_PACKAGE_BYTES, PACKAGE_TOO_LARGE),
})
