// How a job says why it failed, so the queue knows whether trying again can help.

/** Worth trying again later: a mail server's 4xx, Notify's 429 or 5xx, a dropped connection. */
export class TemporaryFailure extends Error {
  override name = 'TemporaryFailure'
}

/** Trying again cannot help (a mail server's 5xx, Notify's 400): the job goes straight to dead-letter. */
export class PermanentFailure extends Error {
  override name = 'PermanentFailure'
}
