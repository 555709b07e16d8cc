import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { AdminUnitLinks, UnitLinks } from '#app/components/admin/unit-links.tsx'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { TextField } from '#app/components/forms/text-field.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { kindLabel } from '#app/lib/org/org-unit.ts'
import { type AdminUnit, searchUnits, unitTreeTop } from '#app/lib/org/unit-directory.server.ts'

export const meta: MetaFunction = () => [{ title: 'Organisation units – Digital skills' }]

const SEARCH_LIMIT = 50

const linkItem = (unit: AdminUnit & { within?: string[] }) => ({
  id: unit.id,
  name: unit.name,
  kindLabel: kindLabel[unit.kind],
  people: unit.people,
  closed: unit.closed,
  within: unit.within,
})

// The top of the tree (the ICB and its organisations) or, with ?q=, units found by name. Each unit's own page
// shows the units directly below it, so however many thousands there are, a page lists one level.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 100)
  if (q) {
    const { units, more } = await searchUnits({ text: q, limit: SEARCH_LIMIT })
    return { q, found: { units: units.map(linkItem), more }, tree: null }
  }
  const tree = await unitTreeTop()
  return {
    q,
    found: null,
    tree: tree.map((top) => ({ ...linkItem(top), children: top.children.map(linkItem) })),
  }
}

const peopleText = (people: number) => `${people} ${people === 1 ? 'person' : 'people'}`

export default function AdminUnitsPage() {
  const { q, found, tree } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs trail={[{ label: 'Home', to: '/' }]} />
      <h1>Organisation units</h1>
      <p>
        The integrated care board, its organisations and everything in them. Open a unit to add units to it, rename it,
        move it or close it.
      </p>

      <Form method="get" role="search" aria-label="Units">
        <TextField name="q" label="Find a unit by name" type="search" defaultValue={q} maxLength={100} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Search
        </button>
      </Form>

      {found ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">
            {found.units.length === 0
              ? `No units match “${q}”`
              : found.more
                ? `The first ${found.units.length} units matching “${q}”`
                : `${found.units.length} ${found.units.length === 1 ? 'unit matches' : 'units match'} “${q}”`}
          </h2>
          {found.more ? <p>Type more of the name to find the one you want.</p> : null}
          <UnitLinks units={found.units} />
          <p>
            <Link to="/admin/units">Back to all organisations</Link>
          </p>
        </section>
      ) : null}

      {tree ? (
        tree.length === 0 ? (
          <p>There are no units yet.</p>
        ) : (
          <ul className="nhsuk-list">
            {tree.map((top) => (
              <li key={top.id}>
                <h2 className="nhsuk-heading-m nhsuk-u-margin-bottom-1">
                  <Link to={`/admin/units/${top.id}`}>{top.name}</Link>
                </h2>
                <p className="nhsuk-hint">
                  {top.kindLabel} · {peopleText(top.people)}
                </p>
                {top.children.length > 0 ? (
                  <AdminUnitLinks units={top.children} />
                ) : (
                  <p>There are no organisations in it yet.</p>
                )}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </>
  )
}
