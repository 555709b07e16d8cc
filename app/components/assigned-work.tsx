import { Link } from '@remix-run/react'
import { formatDate } from '#app/lib/dates/dates.ts'

export interface AssignedItem {
  id: string
  moduleSlug: string | null
  title: string
  dueAt: string | Date
  status: 'due' | 'overdue' | 'done'
  renewBy: string | Date | null
  domainsShort: number | null
}

const tag = {
  overdue: { label: 'Overdue', className: 'nhsuk-tag--red' },
  due: { label: 'To do', className: 'nhsuk-tag--blue' },
  done: { label: 'Done', className: 'nhsuk-tag--green' },
} as const

function whenText(item: AssignedItem): string {
  if (item.status === 'overdue') return `Overdue: it was due on ${formatDate(item.dueAt)}.`
  if (item.status === 'due') return `Due by ${formatDate(item.dueAt)}.`
  return item.renewBy ? `Done. Renew it by ${formatDate(item.renewBy)}.` : 'Done.'
}

/**
 * Work a manager assigned to the learner that is still to do, most pressing first; the status is in words,
 * not colour alone. Nothing when there is none (work done is on the record and in the catalogue).
 */
export function AssignedWork({ items: all }: { items: AssignedItem[] }) {
  const items = all.filter((item) => item.status !== 'done')
  if (items.length === 0) return null
  return (
    <section aria-labelledby="assigned-work">
      <h2 id="assigned-work">Assigned to you</h2>
      <ul className="nhsuk-list nhsuk-list--border">
        {items.map((item) => (
          <li key={item.id}>
            <strong className={`nhsuk-tag ${tag[item.status].className}`}>{tag[item.status].label}</strong>{' '}
            {item.moduleSlug ? (
              <Link to={`/modules/${item.moduleSlug}`}>{item.title}</Link>
            ) : (
              <>
                <Link to="#what-next">Everything your role needs</Link>
                {item.domainsShort
                  ? ` (${item.domainsShort} ${
                      item.domainsShort === 1 ? 'area' : 'areas'
                    } still short of what your role needs)`
                  : null}
              </>
            )}
            <br />
            <span className="app-module-meta">{whenText(item)}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
