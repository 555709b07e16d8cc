import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { formatDate } from '#app/lib/dates/dates.ts'

export interface HrPost {
  assignmentNumber: string
  positionTitle: string | null
  staffGroup: string | null
  jobRole: string | null
  unitName: string
  isPrimary: boolean
  status: string
  startDate: string | null
  endDate: string | null
}

/** The posts HR's staff list gives the person, as the last import read them. */
export function HrPostsTable({ name, posts }: { name: string; posts: HrPost[] }) {
  if (posts.length === 0) return <p>The staff list has no posts for {name}.</p>
  return (
    <ResponsiveTable
      caption={`${name}’s posts in the staff list`}
      captionClassName="nhsuk-u-visually-hidden"
      columns={['Post', 'Staff group', 'Job role', 'Unit', 'Primary', 'Status', 'Dates']}
    >
      {posts.map((post) => (
        <tr className="nhsuk-table__row" key={post.assignmentNumber}>
          <Cell heading="Post">{post.positionTitle ?? 'Not named'}</Cell>
          <Cell heading="Staff group">{post.staffGroup ?? '–'}</Cell>
          <Cell heading="Job role">{post.jobRole ?? '–'}</Cell>
          <Cell heading="Unit">{post.unitName}</Cell>
          <Cell heading="Primary">{post.isPrimary ? 'Yes' : 'No'}</Cell>
          <Cell heading="Status">{post.status}</Cell>
          <Cell heading="Dates">{postDates(post)}</Cell>
        </tr>
      ))}
    </ResponsiveTable>
  )
}

function postDates({ startDate, endDate }: Pick<HrPost, 'startDate' | 'endDate'>): string {
  if (startDate && endDate) return `${day(startDate)} to ${day(endDate)}`
  if (startDate) return `From ${day(startDate)}`
  if (endDate) return `Until ${day(endDate)}`
  return 'Not known'
}

// HR gives calendar days (YYYY-MM-DD), which read as midnight UTC: the day formatDate shows. Anything else
// is shown as HR wrote it rather than failing the page.
function day(value: string): string {
  return Number.isNaN(Date.parse(value)) ? value : formatDate(value)
}
