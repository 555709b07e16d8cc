import { Form } from '@remix-run/react'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { MAX_ASSIGNMENTS_LISTED } from '#app/lib/assignments/assignment-options.ts'
import type { assignmentsSetInUnit } from '#app/lib/assignments/assignments.server.ts'
import { formatDate } from '#app/lib/dates/dates.ts'

/** The assignments in force in a unit, each with a button to cancel it. */
export function CurrentAssignments({
  unitName,
  current: { assignments, more },
}: {
  unitName: string
  current: Awaited<ReturnType<typeof assignmentsSetInUnit>>
}) {
  if (assignments.length === 0) return <p>Nothing is assigned here yet.</p>
  return (
    <>
      <ResponsiveTable
        caption={`Current assignments in ${unitName}`}
        captionClassName="nhsuk-u-visually-hidden"
        columns={['What', 'Who', 'Due', 'Repeats', 'Set by', <span className="nhsuk-u-visually-hidden">Action</span>]}
      >
        {assignments.map((assignment) => (
          <tr className="nhsuk-table__row" key={assignment.id}>
            <Cell heading="What">{assignment.what}</Cell>
            <Cell heading="Who">{assignment.who}</Cell>
            <Cell heading="Due">{formatDate(assignment.dueDate)}</Cell>
            <Cell heading="Repeats">{assignment.recurs ? 'Yes, when evidence expires' : 'No'}</Cell>
            <Cell heading="Set by">{assignment.assignedBy}</Cell>
            <Cell heading="Action">
              <Form method="post">
                <input type="hidden" name="assignmentId" value={assignment.id} />
                <button className="app-link-button" type="submit" name="intent" value="cancel">
                  Cancel
                  <span className="nhsuk-u-visually-hidden">
                    {' '}
                    {assignment.what} for {assignment.who}
                  </span>
                </button>
              </Form>
            </Cell>
          </tr>
        ))}
      </ResponsiveTable>
      {more ? <p>Showing the {MAX_ASSIGNMENTS_LISTED} due soonest.</p> : null}
    </>
  )
}
