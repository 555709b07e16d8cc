import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { formatDate } from '#app/lib/dates/dates.ts'

export interface MembershipPeriod {
  teamId: string
  teamName: string
  roleProfile: string
  startedAt: Date | string
  endedAt: Date | string | null
}

/** Every team the person has been in and with which role profile, latest first; the open period ends "Now". */
export function MembershipHistoryTable({ name, periods }: { name: string; periods: MembershipPeriod[] }) {
  if (periods.length === 0) return <p>{name} has not been in a team yet.</p>
  return (
    <ResponsiveTable
      caption={`Teams ${name} has been in`}
      captionClassName="nhsuk-u-visually-hidden"
      columns={['Team', 'Role', 'From', 'Until']}
    >
      {periods.map((period) => (
        <tr className="nhsuk-table__row" key={`${period.teamId}-${String(period.startedAt)}`}>
          <Cell heading="Team">{period.teamName}</Cell>
          <Cell heading="Role">{period.roleProfile}</Cell>
          <Cell heading="From">{formatDate(period.startedAt)}</Cell>
          <Cell heading="Until">{period.endedAt ? formatDate(period.endedAt) : 'Now'}</Cell>
        </tr>
      ))}
    </ResponsiveTable>
  )
}
