import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { TextField } from '#app/components/forms/text-field.tsx'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'

export interface FoundPerson {
  id: string
  name: string
  email: string | null
  teamName: string | null
  roleProfile: string | null
  suspended: boolean
}

/** The one search box: a GET form, so a search and its pages can be bookmarked and work without JavaScript. */
export function PersonSearchForm({
  query,
  error,
  hint,
  action,
}: {
  query: string
  error?: string
  hint?: string
  /** Where the search is answered, when it is not the page the form is on (e.g. /people from a report). */
  action?: string
}) {
  return (
    <Form method="get" role="search" aria-label="People" noValidate action={action}>
      <TextField
        name="q"
        label="Name, email or employee number"
        labelSize="s"
        hint={hint}
        error={error}
        defaultValue={query}
        autoComplete="off"
        spellCheck={false}
      />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        Search
      </button>
    </Form>
  )
}

/** The people found, a page at a time, each leading to `${linkBase}/<their page>`. */
export function PersonSearchResults({
  query,
  people,
  next,
  previous,
  linkBase,
  showStatus,
}: {
  query: string
  people: FoundPerson[]
  next: string | null
  previous: string | null
  linkBase: string
  /** Administrators also find suspended people, marked as such. */
  showStatus: boolean
}) {
  const pageLink = (cursor: { after: string } | { before: string }) =>
    `?${new URLSearchParams({ q: query, ...cursor })}`
  if (people.length === 0) {
    return previous || next ? (
      <p>There is no one more matching ‘{query}’.</p>
    ) : (
      <p role="status">No one matches ‘{query}’. Check the spelling, or search by employee number.</p>
    )
  }
  const columns = ['Name', 'Team', 'Role profile', ...(showStatus ? ['Status'] : [])]
  return (
    <>
      <ResponsiveTable
        caption={`People matching ‘${query}’`}
        captionClassName="nhsuk-u-visually-hidden"
        columns={columns}
      >
        {people.map((person) => (
          <tr className="nhsuk-table__row" key={person.id}>
            <Cell heading="Name">
              <Link to={`${linkBase}/${person.id}`}>{person.name}</Link>
              {person.email ? (
                <>
                  <br />
                  <span className="nhsuk-u-font-size-16 nhsuk-u-secondary-text-colour app-break-anywhere">
                    {person.email}
                  </span>
                </>
              ) : null}
            </Cell>
            <Cell heading="Team">{person.teamName ?? notInATeam(person)}</Cell>
            <Cell heading="Role profile">{person.roleProfile ?? '–'}</Cell>
            {showStatus ? (
              <Cell heading="Status">
                {person.suspended ? <strong className="nhsuk-tag nhsuk-tag--grey">Suspended</strong> : 'Active'}
              </Cell>
            ) : null}
          </tr>
        ))}
      </ResponsiveTable>
      <Pagination
        label="Pages of people found"
        previous={previous ? pageLink({ before: previous }) : null}
        next={next ? pageLink({ after: next }) : null}
      />
    </>
  )
}

function notInATeam(person: FoundPerson): ReactNode {
  return person.suspended ? 'None while suspended' : 'Not in a team'
}

function Pagination({ label, previous, next }: { label: string; previous: string | null; next: string | null }) {
  if (!previous && !next) return null
  return (
    <nav className="nhsuk-pagination" role="navigation" aria-label={label}>
      <ul className="nhsuk-list nhsuk-pagination__list">
        {previous ? (
          <li className="nhsuk-pagination-item--previous">
            <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" to={previous} rel="prev">
              <span className="nhsuk-pagination__title">Previous page</span>
            </Link>
          </li>
        ) : null}
        {next ? (
          <li className="nhsuk-pagination-item--next">
            <Link className="nhsuk-pagination__link nhsuk-pagination__link--next" to={next} rel="next">
              <span className="nhsuk-pagination__title">Next page</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}
