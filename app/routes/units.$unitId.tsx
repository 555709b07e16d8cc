import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { UnitList } from '#app/components/unit-list.tsx'
import { requireUser } from '#app/lib/auth/current-user.server.ts'
import { visibleUnit } from '#app/lib/auth/scope.server.ts'
import { kindLabel } from '#app/lib/org/org-unit.ts'
import { roleProfileLabel } from '#app/lib/org/role-profiles.ts'
import { childUnitsWithHeadcount, peopleInUnit, visibleAncestors } from '#app/lib/org/units.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.unit.name ?? 'Unit'} – Digital skills` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request)
  // Out of scope looks exactly like not there: a manager learns nothing about other teams.
  const unit = await visibleUnit({ viewer, unitId: params.unitId ?? '' })
  if (!unit) throw new Response('Not found', { status: 404 })
  const [ancestors, children, people] = await Promise.all([
    visibleAncestors({ unit }),
    childUnitsWithHeadcount({ unit }),
    unit.kind === 'team' ? peopleInUnit({ unit }) : Promise.resolve([]),
  ])
  return {
    unit: { id: unit.id, name: unit.name, kind: kindLabel[unit.kind] },
    ancestors,
    children,
    people: people.map((person) => ({ ...person, roleProfile: roleProfileLabel(person.roleProfile) })),
  }
}

export default function UnitPage() {
  const { unit, ancestors, children, people } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs
        trail={[{ label: 'Home', to: '/' }, ...ancestors.map((a) => ({ label: a.name, to: `/units/${a.id}` }))]}
      />
      <span className="nhsuk-caption-l">{unit.kind}</span>
      <h1>{unit.name}</h1>
      {children.length > 0 ? <UnitList units={children} /> : null}
      {people.length > 0 ? (
        <ResponsiveTable caption={`People in ${unit.name}`} columns={['Name', 'Job title', 'Role profile']}>
          {people.map((person) => (
            <tr className="nhsuk-table__row" key={person.id}>
              <Cell heading="Name">{person.name}</Cell>
              <Cell heading="Job title">{person.jobTitle ?? '—'}</Cell>
              <Cell heading="Role profile">{person.roleProfile}</Cell>
            </tr>
          ))}
        </ResponsiveTable>
      ) : null}
      {children.length === 0 && people.length === 0 ? <p>There is no one in this unit yet.</p> : null}
    </>
  )
}
