import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { PersonSearchForm, PersonSearchResults } from '#app/components/people/person-search.tsx'
import { requirePeopleSearcher } from '#app/lib/people/people-access.server.ts'
import { readPersonSearch } from '#app/lib/people/person-search-form.ts'
import { searchPeople } from '#app/lib/people/person-search.server.ts'

export const meta: MetaFunction = () => [{ title: 'Find a person – Digital skills' }]

// Managers (and administrators) look up someone in the teams they may see and open their record of learning.
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePeopleSearcher(request)
  const search = readPersonSearch(new URL(request.url))
  if (!search.ok) {
    return data({ query: String(search.values.q ?? ''), error: search.errors.q, found: null }, { status: 400 })
  }
  const { q: query, after, before } = search.data
  const found = query ? await searchPeople({ viewer, query, after, before }) : null
  return { query, error: undefined, found }
}

export default function FindPersonPage() {
  const { query, error, found } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs trail={[{ label: 'Home', to: '/' }]} />
      <h1>Find a person</h1>
      <PersonSearchForm
        query={query}
        error={error}
        hint="Part of their name, the start of their email address, or their employee number"
      />
      {found ? (
        <PersonSearchResults query={query} {...found} linkBase="/reports/people" showStatus={false} />
      ) : (
        <p>Search the people in the teams you look after, then open their record of learning.</p>
      )}
    </>
  )
}
