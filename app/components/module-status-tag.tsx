import type { SerializeFrom } from '@remix-run/node'
import { formatDate } from '#app/lib/dates/dates.ts'
import type { ModuleStatus } from '#app/lib/learning/module-status.ts'

/** A learner's status on a module as an NHS.UK tag, in words (never colour alone). */
export function ModuleStatusTag({ status }: { status: SerializeFrom<ModuleStatus> }) {
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
