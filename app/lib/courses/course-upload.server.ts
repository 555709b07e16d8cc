import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import { MAX_PACKAGE_BYTES, PACKAGE_TOO_LARGE } from './course-limits.ts'

/** The upload form's data, or the field error for a file over the limit (refused before it is all read). */
export async function readCourseUpload(
  request: Request,
  { maxBytes = MAX_PACKAGE_BYTES }: { maxBytes?: number } = {},
): Promise<{ ok: true; formData: FormData } | { ok: false; errors: { file: string } }> {
  const tooLarge = { ok: false as const, errors: { file: PACKAGE_TOO_LARGE } }
  // The form's other parts and the multipart boundaries add a little to the file itself.
  if (Number(request.headers.get('Content-Length') ?? 0) > maxBytes + 64 * 1024) return tooLarge
  try {
    const formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
    )
    return { ok: true, formData }
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return tooLarge
    throw new Response('The form could not be read. Go back and try again.', { status: 400 })
  }
}
