import { effectRegistry } from '#app/lib/effect-registry.ts'

// What reacts to new assignments (telling the people given the work) registers here rather than being
// imported by assignments (docs/decisions/009-statement-effects.md).

export interface AssignmentMade {
  assignmentId: string
  at: Date
}

/** Run by createAssignment in its transaction, after the assignment is written. */
export const assignmentMade = effectRegistry<AssignmentMade>('new assignments')
