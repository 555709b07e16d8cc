import { reminderKindWords, type ReminderKind } from './notification-kinds.ts'
import { mandatoryKinds, optOut, wantsEmail } from './preferences.server.ts'
import { readUnsubscribeToken } from './unsubscribe-token.server.ts'

// What an unsubscribe link leads to. The page asks before it changes anything (mail scanners open links), and
// the same words serve the page's own button and a mail client's one-click request.

export type UnsubscribeState =
  | { state: 'invalid' }
  /** They still get these emails: ask whether to stop them. */
  | { state: 'receiving'; kind: ReminderKind; about: string }
  /** They no longer get these emails (just now, or already). */
  | { state: 'stopped'; kind: ReminderKind; about: string }
  /** An administrator has made this kind mandatory. */
  | { state: 'mandatory'; kind: ReminderKind; about: string }

/** Where the link's person stands with its kind of email; changes nothing. */
export async function unsubscribeState(token: string): Promise<UnsubscribeState> {
  const target = readUnsubscribeToken(token)
  if (!target) return { state: 'invalid' }
  const about = reminderKindWords[target.kind].about
  if ((await mandatoryKinds()).has(target.kind)) return { state: 'mandatory', kind: target.kind, about }
  const receiving = await wantsEmail(target)
  return { state: receiving ? 'receiving' : 'stopped', kind: target.kind, about }
}

/** Stops the link's kind of email for its person, unless it is mandatory; then says where they stand. */
export async function unsubscribe(token: string): Promise<UnsubscribeState> {
  const target = readUnsubscribeToken(token)
  if (!target) return { state: 'invalid' }
  const result = await optOut(target)
  if (result === 'no-such-person') return { state: 'invalid' }
  const about = reminderKindWords[target.kind].about
  return { state: result === 'mandatory' ? 'mandatory' : 'stopped', kind: target.kind, about }
}
