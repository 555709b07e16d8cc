import { Link } from '@remix-run/react'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { formatDate } from '#app/lib/dates/dates.ts'

export interface PersonAssignment {
  id: string
  title: string
  dueAt: string | Date
  status: 'due' | 'overdue' | 'done'
  renewBy: string | Date | null
}

const tag = {
  overdue: { label: 'Overdue', className: 'nhsuk-tag--red' },
  due: { label: 'To do', className: 'nhsuk-tag--blue' },
  done: { label: 'Done', className: 'nhsuk-tag--green' },
} as const

/**
 * A person's assigned work as their manager sees it, most pressing first, with its status in words; and
 * the way to assign them more (when the viewer may).
 */
export function PersonAssignments({
  name,
  items,
  assignHref,
}: {
  name: string
  items: PersonAssignment[]
  assignHref: string | null
}) {
  return (
    <section aria-labelledby="assigned-learning">
      <h2 id="assigned-learning">Assigned learning</h2>
      {items.length === 0 ? (
        <p>Nothing is assigned to {name} at the moment.</p>
      ) : (
        <ResponsiveTable
          caption={`Learning assigned to ${name}`}
          captionClassName="nhsuk-u-visually-hidden"
          columns={['Learning', 'Due by', 'Status']}
        >
          {items.map((item) => (
            <tr className="nhsuk-table__row" key={item.id}>
              <Cell heading="Learning">{item.title}</Cell>
              <Cell heading="Due by">{formatDate(item.dueAt)}</Cell>
              <Cell heading="Status">
                <strong className={`nhsuk-tag ${tag[item.status].className}`}>{tag[item.status].label}</strong>
                {item.status === 'done' && item.renewBy ? (
                  <span className="app-module-meta"> Renew by {formatDate(item.renewBy)}</span>
                ) : null}
              </Cell>
            </tr>
          ))}
        </ResponsiveTable>
      )}
      {assignHref ? (
        <p>
          <Link to={assignHref}>Assign learning to {name}</Link>
        </p>
      ) : null}
    </section>
  )
}
