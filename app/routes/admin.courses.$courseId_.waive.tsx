import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { PersonSearchForm, PersonSearchResults } from '#app/components/people/person-search.tsx'
import { SuccessBanner } from '#app/components/success-banner.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { waiveChoices } from '#app/lib/courses/waive.server.ts'
import { readPersonSearch } from '#app/lib/people/person-search-form.ts'
import { searchPeople } from '#app/lib/people/person-search.server.ts'

// Waiving a course unit, step one: find the person. Their page (./admin.courses.$courseId_.waive_.$personId.tsx)
// asks which unit and why, checks, then waives; it comes back here with a banner.

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `Waive a unit – ${loaded?.course.title ?? 'Course'} – Administration – Digital skills` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  const url = new URL(request.url)
  const waivedFor = url.searchParams.get('waived') ?? undefined
  const choices = await waiveChoices({ courseRowId: params.courseId ?? '', userId: waivedFor })
  if (!choices) throw new Response('Course not found', { status: 404 })
  const unit = choices.units.find((candidate) => candidate.id === url.searchParams.get('unit'))
  const banner =
    choices.person && unit ? `'${unit.title}' in '${choices.course.title}' waived for ${choices.person.name}` : null
  const search = readPersonSearch(url)
  if (!search.ok)
    return data(
      { course: choices.course, banner, query: String(search.values.q ?? ''), error: search.errors.q, found: null },
      { status: 400 },
    )
  const { q: query, after, before } = search.data
  const found = query ? await searchPeople({ viewer: admin, query, after, before }) : null
  return { course: choices.course, banner, query, error: undefined, found }
}

export default function WaivePersonSearchPage() {
  const { course, banner, query, error, found } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: 'Administration', to: '/admin' },
          { label: 'Courses', to: '/admin/courses' },
          { label: course.title, to: `/admin/courses/${course.id}` },
        ]}
      />
      {banner ? (
        <SuccessBanner message={banner}>
          <Link to={`/admin/courses/${course.id}`}>Back to {course.title}</Link>
        </SuccessBanner>
      ) : null}
      <h1>Waive a unit of {course.title}</h1>
      <p>
        Waiving a unit counts it as done for one person, for example when they have passed an equivalent course
        elsewhere. If it was the last unit they needed, the course counts as done too. A waiver cannot be taken back.
      </p>
      <PersonSearchForm
        query={query}
        error={error}
        hint="Part of their name, the start of their email address, or their employee number"
      />
      {found ? (
        <PersonSearchResults query={query} {...found} linkBase={`/admin/courses/${course.id}/waive`} showStatus />
      ) : null}
    </>
  )
}
