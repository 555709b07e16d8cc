import { effectRegistry } from '#app/lib/effect-registry.ts'

// What reacts to a change of someone's team or role (the team rollups) registers here rather than being
// imported by org (docs/decisions/009-statement-effects.md).

export interface MembershipChange {
  userId: string
  /** The team the person left (if any) and the one they are in now: both count differently. */
  teamIds: string[]
}

/** Run by setMembership in its transaction, under the statement write lock, after the membership is written. */
export const membershipChanged = effectRegistry<MembershipChange>('membership changes')
