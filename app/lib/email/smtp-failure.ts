import { PermanentFailure, TemporaryFailure } from '#app/lib/jobs/delivery-errors.ts'
import { redactAddresses } from './redact-addresses.ts'

// Errors that mean the connection or the network failed, not that the server refused the message: nodemailer's
// own codes and the socket errors underneath them.
const connectionCodes = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROTOCOL',
  'EPROXY',
  'EMAXLIMIT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])

type SmtpError = { code?: string; originalCode?: string; responseCode?: number; command?: string; response?: string }

/**
 * Says whether sending again can help: a 4xx reply or a lost connection is temporary, a 5xx reply permanent.
 * The message names the reply code and the command; the server's words are kept with any address blanked.
 */
export function classifySmtpError(error: unknown): TemporaryFailure | PermanentFailure {
  const { code, originalCode, responseCode, command, response } = (error ?? {}) as SmtpError
  const during = command && command !== 'CONN' ? ` to ${command}` : ''
  if (responseCode && responseCode >= 400 && responseCode < 600) {
    const reply = response ? `: ${redactAddresses(response)}` : ''
    const message = `The mail server answered ${responseCode}${during}${reply}`
    return responseCode < 500 ? new TemporaryFailure(message) : new PermanentFailure(message)
  }
  const detail = [originalCode, code].filter(Boolean).join(', ')
  if ((code && connectionCodes.has(code)) || (originalCode && connectionCodes.has(originalCode))) {
    return new TemporaryFailure(`Could not reach the mail server (${detail})`)
  }
  // A missing login, a bad configuration or a malformed message: the same message would fail again.
  if (code === 'EAUTH' || code === 'ENOAUTH' || code === 'ECONFIG' || code === 'EENVELOPE' || code === 'EMESSAGE') {
    return new PermanentFailure(`The mail server refused the message (${detail})`)
  }
  return new TemporaryFailure(`Sending by SMTP failed (${detail || 'no error code'})`)
}
