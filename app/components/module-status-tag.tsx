import type { SerializeFrom } from '@remix-run/node'
import { formatDate } from '#app/lib/dates/dates.ts'
import type { ModuleStatus } from '#app/lib/learning/module-status.ts'

/**
 * The tags above a module's title: the learner's status on it, and "Draft" for a module authors can see
 * before it is published.
 */
export function ModuleTags({
  status,
  draft,
  course = false,
}: {
  status: SerializeFrom<ModuleStatus>
  draft: boolean
  /** An imported course is done rather than passed: the platform decides when it is satisfied. */
  course?: boolean
}) {
  return (
    <p className="nhsuk-u-margin-bottom-2">
      <ModuleStatusTag status={status} course={course} />
      {draft ? (
        <>
          {' '}
          <strong className="nhsuk-tag nhsuk-tag--grey">Draft</strong>
        </>
      ) : null}
    </p>
  )
}

/** A learner's status on a module as an NHS.UK tag, in words (never colour alone). */
function ModuleStatusTag({ status, course }: { status: SerializeFrom<ModuleStatus>; course: boolean }) {
  switch (status.kind) {
    case 'passed':
      return <strong className="nhsuk-tag nhsuk-tag--green">{course ? 'Done' : 'Passed'}</strong>
    case 'overdue':
      return <strong className="nhsuk-tag nhsuk-tag--red">Overdue, was due {formatDate(status.dueAt)}</strong>
    case 'assigned':
      return <strong className="nhsuk-tag nhsuk-tag--yellow">Assigned, due {formatDate(status.dueAt)}</strong>
    case 'in-progress':
      return <strong className="nhsuk-tag nhsuk-tag--blue">In progress</strong>
    default:
      return <strong className="nhsuk-tag nhsuk-tag--grey">Not started</strong>
  }
}
