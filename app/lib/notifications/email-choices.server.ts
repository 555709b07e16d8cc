import { transaction } from '#app/lib/db.server.ts'
import { reminderKindsFor, reminderKindWords, type ReminderKind } from './notification-kinds.ts'
import { mandatoryKinds, optedOutKinds, setOptOuts } from './preferences.server.ts'

// The account page's emails section: what a person may choose, and what their organisation sends regardless.

export interface EmailChoice {
  kind: ReminderKind
  label: string
  description: string
}

export interface EmailChoices {
  /** Kinds the person may turn on or off, with whether they get them now. */
  offered: (EmailChoice & { wanted: boolean })[]
  /** Kinds an administrator has made mandatory: sent to everyone, shown but not offered. */
  alwaysSent: EmailChoice[]
}

export async function emailChoices({ userId, manager }: { userId: string; manager: boolean }): Promise<EmailChoices> {
  const [mandatory, off] = await Promise.all([mandatoryKinds(), optedOutKinds({ userId })])
  const kinds = reminderKindsFor({ manager })
  const words = (kind: ReminderKind): EmailChoice => ({ kind, ...reminderKindWords[kind] })
  return {
    offered: kinds.filter((kind) => !mandatory.has(kind)).map((kind) => ({ ...words(kind), wanted: !off.has(kind) })),
    alwaysSent: kinds.filter((kind) => mandatory.has(kind)).map(words),
  }
}

/**
 * Saves the ticked kinds of those offered: the rest of the offered kinds are turned off. A kind not offered today
 * (mandatory just now, or the managers' summary for someone who no longer manages) keeps the person's earlier choice.
 */
export async function saveEmailChoices({
  userId,
  manager,
  wanted,
}: {
  userId: string
  manager: boolean
  wanted: readonly ReminderKind[]
}): Promise<void> {
  await transaction(async () => {
    const { offered } = await emailChoices({ userId, manager })
    const offeredKinds = new Set(offered.map((choice) => choice.kind))
    const keptOff = [...(await optedOutKinds({ userId }))].filter((kind) => !offeredKinds.has(kind))
    const turnedOff = [...offeredKinds].filter((kind) => !wanted.includes(kind))
    await setOptOuts({ userId, kinds: [...keptOff, ...turnedOff] })
  })
}
