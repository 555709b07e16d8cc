// Where a learner stands on one unit (AU) of a course, in the words the course page uses. The launch side
// records launches (course_sessions) and projects what each AU reported and what the platform decided
// (course_au_progress); waived and satisfied are the platform's decisions, so they win over a launch.

export type UnitState = 'not-started' | 'in-progress' | 'done' | 'waived'

export const unitStateWords: Record<UnitState, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
  waived: 'Waived',
}

export function unitState({
  progress,
  launched,
}: {
  progress: { satisfiedAt: Date | null; waivedAt: Date | null } | undefined
  launched: boolean
}): UnitState {
  if (progress?.waivedAt) return 'waived'
  if (progress?.satisfiedAt) return 'done'
  return launched || progress ? 'in-progress' : 'not-started'
}

/** The launch button's words: "Start …" the first time, "Continue …" while under way, "Open … again" after. */
export function launchLabel(state: UnitState, title: string): string {
  if (state === 'not-started') return `Start ${title}`
  if (state === 'in-progress') return `Continue ${title}`
  return `Open ${title} again`
}
