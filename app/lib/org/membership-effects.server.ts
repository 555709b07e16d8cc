import { effectRegistry } from '#app/lib/effect-registry.ts'

// What reacts to a change of someone's team or role (the team rollups) registers here rather than being
// imported by org (docs/decisions/009-statement-effects.md).

export interface MembershipsChanged {
  userIds: string[]
  /** The teams people left and the ones they are in now: both count differently. */
  teamIds: string[]
}

/** Run by changeMemberships in its transaction, under the statement write lock, after the membership is written. */
export const membershipChanged = effectRegistry<MembershipsChanged>('membership changes')
