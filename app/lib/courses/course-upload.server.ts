import { readUploadForm } from '#app/lib/forms/read-form.server.ts'
import { MAX_PACKAGE_BYTES, PACKAGE_TOO_LARGE } from './course-limits.ts'

/** The upload form's data, or the field error for a file over the limit (refused before it is all read). */
export function readCourseUpload(request: Request, { maxBytes = MAX_PACKAGE_BYTES }: { maxBytes?: number } = {}) {
  return readUploadForm(request, { maxBytes, tooLarge: PACKAGE_TOO_LARGE })
}
