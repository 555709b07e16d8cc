import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { formatDate } from '#app/lib/dates/dates.ts'
import { UNPLACED_LIST_LIMIT, unplacedPeople } from '#app/lib/people/unplaced-people.server.ts'

// People who can sign in but are in no team: added at their first single sign-on (where their organisation
// allows it), or by hand. An administrator places each one from their page (Team and role profile).

export const meta: MetaFunction = () => [{ title: 'People not in a team – Administration – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  const found = await unplacedPeople({ viewer: admin })
  if (!found) throw new Response('Only administrators can open this page', { status: 403 })
  return { ...found, limit: UNPLACED_LIST_LIMIT }
}

export default function UnplacedPeoplePage() {
  const { people, more, limit } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: 'Administration', to: '/admin' },
          { label: 'People', to: '/admin/people' },
        ]}
      />
      <h1>People not in a team</h1>
      <p>
        These people can sign in but are in no team, so no manager sees them and no report counts them. Most were added
        when they first signed in through single sign-on, because their organisation lets people who are not in its
        staff list in. Open someone to place them in a team; the next staff import that includes them places them too.
      </p>
      {people.length === 0 ? (
        <p>Everyone who can sign in is in a team.</p>
      ) : (
        <ResponsiveTable
          caption="People not in a team"
          captionClassName="nhsuk-u-visually-hidden"
          columns={['Name', 'Email', 'Added', 'Added by']}
        >
          {people.map((person) => (
            <tr className="nhsuk-table__row" key={person.id}>
              <Cell heading="Name">
                <Link to={`/admin/people/${person.id}#team-and-role`}>{person.name}</Link>
              </Cell>
              <Cell heading="Email" className="app-break-anywhere">
                {person.email ?? 'None'}
              </Cell>
              <Cell heading="Added">{formatDate(person.addedAt)}</Cell>
              <Cell heading="Added by">{person.addedBy}</Cell>
            </tr>
          ))}
        </ResponsiveTable>
      )}
      {more ? <p>{`Only the latest ${limit} are listed.`}</p> : null}
    </>
  )
}
