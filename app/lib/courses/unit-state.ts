import type { courseAuProgress, courseAus } from '#db/schema/postgres.ts'

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

type Progress = Pick<typeof courseAuProgress.$inferSelect, 'satisfiedAt' | 'waivedAt' | 'completedAt' | 'passedAt'>

/** A unit met by the learner reads as done, even when it was waived for them first and they did it anyway. */
export function unitState({
  progress,
  moveOn,
  launched,
}: {
  progress: Progress | undefined
  moveOn: MoveOn
  launched: boolean
}): UnitState {
  if (progress?.satisfiedAt && (metBeforeWaived(progress) || resultsMeet(moveOn, progress))) return 'done'
  if (progress?.waivedAt) return 'waived'
  return launched || progress ? 'in-progress' : 'not-started'
}

/** Whether what the unit itself reported meets its moveOn (cmi5 moveOn), whatever a waiver says. */
function resultsMeet(moveOn: MoveOn, { completedAt, passedAt }: Pick<Progress, 'completedAt' | 'passedAt'>) {
  switch (moveOn) {
    case 'Completed':
      return completedAt !== null
    case 'Passed':
      return passedAt !== null
    case 'CompletedAndPassed':
      return completedAt !== null && passedAt !== null
    case 'CompletedOrPassed':
      return completedAt !== null || passedAt !== null
    case 'NotApplicable':
      return true
  }
}

/**
 * Whether the learner met the unit themselves. A waiver also sets satisfiedAt, but only where it was still
 * empty (the first time counts), so a unit met before it was waived keeps the earlier time.
 */
export function metBeforeWaived({ satisfiedAt, waivedAt }: { satisfiedAt: Date | null; waivedAt: Date | null }) {
  return satisfiedAt !== null && (waivedAt === null || satisfiedAt.getTime() < waivedAt.getTime())
}

/**
 * The launch button's words: "Start …" the first time, "Continue …" while under way, "Open … again" after; a
 * unit waived or counted as done without ever being opened is just "Open …".
 */
export function launchLabel(state: UnitState, title: string, opened: boolean): string {
  if (state === 'not-started') return `Start ${title}`
  if (state === 'in-progress') return `Continue ${title}`
  return opened ? `Open ${title} again` : `Open ${title}`
}

type MoveOn = (typeof courseAus.$inferSelect)['moveOn']

/** What a unit asks of the learner before it counts as done (its moveOn and pass mark), in plain words. */
export function unitNeeds({ moveOn, masteryScore }: { moveOn: MoveOn; masteryScore: number | null }): string {
  const mark = masteryScore === null ? null : `pass mark ${Math.round(masteryScore * 100)}%`
  switch (moveOn) {
    case 'Completed':
      return 'Complete it'
    case 'Passed':
      return mark ? `Pass it (${mark})` : 'Pass it'
    case 'CompletedAndPassed':
      return mark ? `Complete and pass it (${mark})` : 'Complete and pass it'
    case 'CompletedOrPassed':
      return mark ? `Complete it or pass it (${mark})` : 'Complete it or pass it'
    case 'NotApplicable':
      return 'Nothing to do: counts as done'
  }
}
