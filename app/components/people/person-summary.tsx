import { SummaryList, SummaryRow } from '#app/components/summary-list.tsx'
import { formatDate } from '#app/lib/dates/dates.ts'

export interface PersonSummaryProps {
  name: string
  email: string | null
  employeeNumber: string | null
  employer: string | null
  status: { suspended: false } | { suspended: true; since: Date | string; reason: string; by: string | null }
  lastSignInAt: Date | string | null
  team: { name: string; above: string[]; roleProfile: string; jobTitle: string | null } | null
  overrides: { team: string | null; roleProfile: string | null }
}

/** Who the person is, whether they can sign in, and where they sit now, as facts in a summary list. */
export function PersonSummary({
  name,
  email,
  employeeNumber,
  employer,
  status,
  lastSignInAt,
  team,
  overrides,
}: PersonSummaryProps) {
  return (
    <SummaryList>
      <SummaryRow label="Name">{name}</SummaryRow>
      <SummaryRow label="Email" valueClassName="app-break-anywhere">
        {email ?? 'None'}
      </SummaryRow>
      <SummaryRow label="Employee number">
        {employeeNumber ? `${employeeNumber}${employer ? ` at ${employer}` : ''}` : 'Not in a staff list'}
      </SummaryRow>
      <SummaryRow label="Status">
        {status.suspended ? (
          <>
            <strong className="nhsuk-tag nhsuk-tag--grey">Suspended</strong>
            <p className="nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
              Since {formatDate(status.since)}. {status.reason}
              {status.by ? ` (${status.by})` : ''}.
            </p>
          </>
        ) : (
          'Active: can sign in'
        )}
      </SummaryRow>
      <SummaryRow label="Last signed in">{lastSignInAt ? formatDate(lastSignInAt) : 'Never'}</SummaryRow>
      <SummaryRow label="Team">
        {team ? (
          <>
            {team.name}
            {team.above.length > 0 ? (
              <span className="nhsuk-u-font-size-16 nhsuk-u-secondary-text-colour">
                <br />
                in {[...team.above].reverse().join(', ')}
              </span>
            ) : null}
          </>
        ) : status.suspended ? (
          'None while suspended'
        ) : (
          'Not in a team'
        )}
      </SummaryRow>
      {team ? (
        <>
          <SummaryRow label="Role profile">{team.roleProfile}</SummaryRow>
          <SummaryRow label="Job title">{team.jobTitle ?? 'Not known'}</SummaryRow>
        </>
      ) : null}
      <SummaryRow label="Set by an administrator">
        {overrides.team || overrides.roleProfile ? (
          <>
            {overrides.team ? <>Team: {overrides.team}. </> : null}
            {overrides.roleProfile ? <>Role profile: {overrides.roleProfile}.</> : null}
          </>
        ) : (
          'Nothing: the staff list decides their team and role profile'
        )}
      </SummaryRow>
    </SummaryList>
  )
}
