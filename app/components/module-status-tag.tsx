import type { SerializeFrom } from '@remix-run/node'
import { formatDate } from '#app/lib/dates/dates.ts'
import type { ModuleStatus } from '#app/lib/learning/module-status.ts'

/**
 * The tags above a module's title: the learner's status on it, and "Draft" for a module authors can see
 * before it is published.
 */
export function ModuleTags({ status, draft }: { status: SerializeFrom<ModuleStatus>; draft: boolean }) {
  return (
    <p className="nhsuk-u-margin-bottom-2">
      <ModuleStatusTag status={status} />
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
function ModuleStatusTag({ status }: { status: SerializeFrom<ModuleStatus> }) {
  switch (status.kind) {
    case 'passed':
      return <strong className="nhsuk-tag nhsuk-tag--green">Passed</strong>
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
