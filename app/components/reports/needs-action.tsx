import { Link } from '@remix-run/react'
import type { PersonNeedingAction, UnitNeedingAction } from '#app/lib/reports/needs-action.ts'

/** The report's first section: who to talk to (in a team) or where to look (above a team), and why. */
export function NeedsAction({
  unit,
  people,
  total,
  units,
  overdue,
}: {
  unit: { id: string; name: string; kind: string }
  people: PersonNeedingAction[]
  total: number
  units: UnitNeedingAction[]
  overdue: { overdue: number; people: number }
}) {
  const isTeam = unit.kind === 'team'
  const overdueLink =
    overdue.overdue > 0 ? (
      <p>
        <Link to={`/reports/units/${unit.id}/overdue`}>
          See all overdue work ({overdue.overdue} {overdue.overdue === 1 ? 'assignment' : 'assignments'})
        </Link>
      </p>
    ) : null
  return (
    <section aria-labelledby="needs-action">
      <h2 id="needs-action">{isTeam ? 'Who needs action' : 'Where action is needed'}</h2>
      {isTeam ? (
        total === 0 ? (
          <p>
            Nobody in {unit.name} has overdue work, evidence about to run out or a gap to the target for their role.
          </p>
        ) : (
          <>
            <p>Overdue work first, then evidence about to run out, then whoever is furthest from their targets.</p>
            <ul className="nhsuk-list nhsuk-list--border">
              {people.map((person) => (
                <li key={person.id}>
                  <Link to={person.href}>{person.name}</Link>
                  <br />
                  <span className="nhsuk-body-s">
                    {person.reasons.map((reason, index) => (
                      <span key={reason}>
                        {index > 0 ? <br /> : null}
                        {reason}
                      </span>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
            {total > people.length ? (
              <p>
                {total - people.length} more {total - people.length === 1 ? 'person needs' : 'people need'} action:
                everyone is in the <a href="#heatmap">readiness by person</a> table.
              </p>
            ) : null}
          </>
        )
      ) : units.length === 0 ? (
        <p>No unit below {unit.name} with enough people to show a figure is short of its targets.</p>
      ) : (
        <>
          <p>The units below with the fewest people ready in every domain for their role.</p>
          <ul className="nhsuk-list nhsuk-list--border">
            {units.map((row) => (
              <li key={row.id}>
                <Link to={row.href}>{row.name}</Link>
                <br />
                <span className="nhsuk-body-s">{row.reason}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {overdueLink}
    </section>
  )
}
