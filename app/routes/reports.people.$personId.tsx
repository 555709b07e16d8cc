import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { PersonAssignments } from '#app/components/assignments/person-assignments.tsx'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { LearningRecordView, PrintButton } from '#app/components/learning-record.tsx'
import { assignmentsForLearner } from '#app/lib/assignments/assignments.server.ts'
import { learningRecord } from '#app/lib/learning/learning-record.server.ts'
import { visibleUnit } from '#app/lib/auth/scope.server.ts'
import { membershipOf } from '#app/lib/org/memberships.server.ts'
import { visibleAncestors } from '#app/lib/org/units.server.ts'
import { requireReportPerson, requireReportViewer } from '#app/lib/reports/report-access.server.ts'
import printStyles from '#app/styles/print.css?url'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.record.person.name ?? 'Person'}: record of learning – Digital skills` },
]

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: printStyles, media: 'print' }]

// A person's record of learning as their manager sees it: the same view as the person's own, read-only.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireReportViewer(request)
  const person = await requireReportPerson({ viewer, personId: params.personId })
  const [record, membership, assignments] = await Promise.all([
    learningRecord({ userId: person.id }),
    membershipOf({ userId: person.id }),
    assignmentsForLearner({ userId: person.id }),
  ])
  if (!record) throw new Response('Person not found', { status: 404 })
  // Back to their team's report, through the units above it that the viewer may see.
  const team = membership ? await visibleUnit({ viewer, unitId: membership.teamId }) : null
  const trail = team ? [...(await visibleAncestors({ unit: team })), { id: team.id, name: team.name }] : []
  // Assigning to them goes through their team's assign page, with them already chosen.
  const assignHref = team
    ? `/reports/units/${team.id}/assign?${new URLSearchParams({ who: 'person', personId: person.id }).toString()}`
    : null
  return {
    record,
    trail: trail.map((unit) => ({ label: unit.name, to: `/reports/units/${unit.id}` })),
    assignments: assignments.map(({ id, title, dueAt, status, renewBy }) => ({ id, title, dueAt, status, renewBy })),
    assignHref,
  }
}

export default function PersonRecordPage() {
  const { record, trail, assignments, assignHref } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs trail={[{ label: 'Home', to: '/' }, { label: 'Reports', to: '/reports' }, ...trail]} />
      <span className="nhsuk-caption-l">Record of learning</span>
      <h1>{record.person.name}</h1>
      <div className="nhsuk-u-display-none-print">
        <p>
          {record.person.name}&apos;s learning so far, as they see it in their own record. To keep a copy as a file,
          print it and choose &ldquo;Save as PDF&rdquo; as the printer.
        </p>
        <PrintButton>Print this record</PrintButton>
      </div>
      <PersonAssignments name={record.person.name} items={assignments} assignHref={assignHref} />
      <LearningRecordView record={record} voice="other" />
    </>
  )
}
