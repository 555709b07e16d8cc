/** The submitted form, or a 400 page when the body cannot be read as one (never a 500 for bad input). */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData()
  } catch {
    throw new Response('The form could not be read. Go back and try again.', { status: 400 })
  }
}
