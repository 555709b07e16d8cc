import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { PersonSearchForm, PersonSearchResults } from '#app/components/people/person-search.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { readPersonSearch } from '#app/lib/people/person-search-form.ts'
import { searchPeople } from '#app/lib/people/person-search.server.ts'

export const meta: MetaFunction = () => [{ title: 'People – Administration – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  const search = readPersonSearch(new URL(request.url))
  if (!search.ok) {
    return data({ query: String(search.values.q ?? ''), error: search.errors.q, found: null }, { status: 400 })
  }
  const { q: query, after, before } = search.data
  const found = query ? await searchPeople({ viewer: admin, query, after, before }) : null
  return { query, error: undefined, found }
}

export default function AdminPeoplePage() {
  const { query, error, found } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: 'Administration', to: '/admin' },
        ]}
      />
      <h1>People</h1>
      <PersonSearchForm
        query={query}
        error={error}
        hint="Part of their name, the start of their email address, or their employee number"
      />
      {found ? (
        <PersonSearchResults query={query} {...found} linkBase="/admin/people" showStatus />
      ) : (
        <p>
          Search for anyone in the integrated care board, including people who are suspended. Open a person to see their
          team, their posts in the staff list and their rights, and to change them.
        </p>
      )}
      <p>
        <Link to="/admin/people/unplaced">People not in a team</Link>, such as people added when they first signed in
        through single sign-on.
      </p>
    </>
  )
}
