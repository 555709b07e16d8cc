import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'

export const meta: MetaFunction = () => [{ title: 'Administration – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  return null
}

const areas = [
  {
    to: '/admin/people',
    name: 'People',
    about: 'Find anyone, see where they sit and what rights they have, change their team, suspend or restore them.',
  },
  {
    to: '/admin/units',
    name: 'Organisation units',
    about: 'The organisations, directorates and teams of the integrated care board, and who manages each one.',
  },
  {
    to: '/admin/imports',
    name: 'Staff imports',
    about: 'Load the staff lists from HR: check what would change first, then apply it.',
  },
  {
    to: '/admin/courses',
    name: 'Courses',
    about: 'Import e-learning courses from other publishers (cmi5 packages) and see their units.',
  },
  {
    to: '/admin/audit',
    name: 'Audit log',
    about: 'Every change to people, units and rights, who made it and when.',
  },
  {
    to: '/admin/jobs',
    name: 'Background jobs',
    about: 'Emails and other work done in the background: what is waiting, and anything that failed.',
  },
  {
    to: '/admin/notifications',
    name: 'Email rules',
    about: 'Which reminder emails everyone must get, whatever they have chosen.',
  },
  {
    to: '/admin/lrs-clients',
    name: 'LRS clients',
    about: 'Keys for other systems, such as a supplier’s courses, to send learning records here.',
  },
]

export default function AdminHomePage() {
  return (
    <>
      <Breadcrumbs trail={[{ label: 'Home', to: '/' }]} />
      <h1>Administration</h1>
      <ul className="nhsuk-list">
        {areas.map((area) => (
          <li key={area.to}>
            <h2 className="nhsuk-heading-m nhsuk-u-margin-bottom-2">
              <Link to={area.to}>{area.name}</Link>
            </h2>
            <p>{area.about}</p>
          </li>
        ))}
      </ul>
    </>
  )
}
