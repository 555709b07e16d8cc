import { PermanentFailure, TemporaryFailure } from '#app/lib/jobs/delivery-errors.ts'
import { redactAddresses } from './redact-addresses.ts'

// How the Notify client fails: it rejects with axios's error, whose `response` holds Notify's status and its
// `{ status_code, errors: [{ error, message }] }` body; a request that never got an answer has no response.
type NotifyClientError = {
  isAxiosError?: boolean
  code?: string
  response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } }
}

/**
 * Too many requests (429) or Notify's own trouble (5xx), or no answer at all: try again later. Anything else
 * Notify refused (400 a bad request, 403 a wrong key) would be refused again. Undefined when the error did not
 * come from talking to Notify (a bug of ours), which the caller lets through as it is.
 */
export function classifyNotifyError(error: unknown): TemporaryFailure | PermanentFailure | undefined {
  const { isAxiosError, code, response } = (error ?? {}) as NotifyClientError
  if (!isAxiosError) return undefined
  const status = response?.status
  if (!status) return new TemporaryFailure(`Could not reach GOV.UK Notify (${code ?? 'no answer'})`)
  const reasons = (response.data?.errors ?? []).map((e) => [e.error, e.message].filter(Boolean).join(': '))
  const message = redactAddresses(`GOV.UK Notify answered ${status}${reasons.length ? `: ${reasons.join('; ')}` : ''}`)
  return status === 429 || status >= 500 ? new TemporaryFailure(message) : new PermanentFailure(message)
}
