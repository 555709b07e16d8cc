/** An error the LRS answers with a spec status code and a JSON body naming what was wrong. */
export class XapiError extends Error {
  override name = 'XapiError'
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 429,
    message: string,
  ) {
    super(message)
  }
}
