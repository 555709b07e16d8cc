import { type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { reportRootUnits, requireReportViewer } from '#app/lib/reports/report-access.server.ts'
import { kindLabel } from '#app/lib/reports/report-tables.server.ts'

export const meta: MetaFunction = () => [{ title: 'Team readiness – Digital skills' }]

// Where a manager's reports start: the unit they manage (straight there when there is one), or a choice.
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireReportViewer(request)
  const roots = await reportRootUnits({ viewer })
  if (roots.length === 1 && roots[0]) throw redirect(`/reports/units/${roots[0].id}`)
  return { units: roots.map((unit) => ({ id: unit.id, name: unit.name, kind: kindLabel[unit.kind] })) }
}

export default function ReportsPage() {
  const { units } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs trail={[{ label: 'Home', to: '/' }]} />
      <h1>Team readiness</h1>
      {units.length === 0 ? (
        <p>There are no units to report on yet.</p>
      ) : (
        <>
          <p>Choose where to start. Each report covers the unit and every team below it.</p>
          <ul className="nhsuk-list nhsuk-list--border">
            {units.map((unit) => (
              <li key={unit.id}>
                <Link to={`/reports/units/${unit.id}`}>{unit.name}</Link> <span className="app-unit-list__count">({unit.kind})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  )
}
