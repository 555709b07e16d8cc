import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'

/** The submitted form, or a 400 page when the body cannot be read as one (never a 500 for bad input). */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData()
  } catch {
    throw new Response('The form could not be read. Go back and try again.', { status: 400 })
  }
}

/**
 * A form with a file upload, held in memory up to `maxBytes` per part. A larger file is refused with the form's
 * own message for its `file` field before it is read to its end; a body that is not a multipart form is a 400.
 */
export async function readUploadForm(
  request: Request,
  { maxBytes, tooLarge }: { maxBytes: number; tooLarge: string },
): Promise<{ ok: true; formData: FormData } | { ok: false; errors: { file: string } }> {
  const refused = { ok: false as const, errors: { file: tooLarge } }
  // The form's other parts and the multipart boundaries add a little to the file itself.
  if (Number(request.headers.get('Content-Length') ?? 0) > maxBytes + 64 * 1024) return refused
  try {
    const formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
    )
    return { ok: true, formData }
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return refused
    throw new Response('The form could not be read. Go back and try again.', { status: 400 })
  }
}
