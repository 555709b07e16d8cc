import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { SuccessBanner } from '#app/components/success-banner.tsx'
import { SummaryList, SummaryRow } from '#app/components/summary-list.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { courseDetails, courseTakeUp } from '#app/lib/courses/course-admin.server.ts'
import { formatDate } from '#app/lib/dates/dates.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.course.title ?? 'Course'} – Courses – Digital skills` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const course = await courseDetails({ courseRowId: params.courseId ?? '' })
  if (!course) throw new Response('Not found', { status: 404 })
  const takeUp = await courseTakeUp({ courseRowId: course.id })
  return {
    course: {
      ...course,
      importedAt: formatDate(course.importedAt),
      firstImportedAt: formatDate(course.firstImportedAt),
    },
    takeUp: {
      ...takeUp,
      waivers: takeUp.waivers.map((waiver) => ({ ...waiver, waivedAt: formatDate(waiver.waivedAt) })),
    },
  }
}

const importOutcomes = {
  imported: 'Course imported',
  reimported: 'New version of the course imported',
  unchanged: 'Nothing has changed: this is the version already imported',
} as const

export default function CoursePage() {
  const { course, takeUp } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const outcome = (Object.keys(importOutcomes) as (keyof typeof importOutcomes)[]).find((key) => searchParams.has(key))
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: 'Administration', to: '/admin' },
          { label: 'Courses', to: '/admin/courses' },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {outcome ? (
            <SuccessBanner
              message={`${importOutcomes[outcome]}: ${course.title} (${course.units.length} ${course.units.length === 1 ? 'unit' : 'units'})`}
            />
          ) : null}
          <h1 className="app-break-anywhere">{course.title}</h1>
          {course.description ? <p>{course.description}</p> : null}
          <SummaryList>
            <SummaryRow label="Imported">
              {course.importedAt}
              {course.importedByName ? ` by ${course.importedByName}` : ''}
            </SummaryRow>
            {course.firstImportedAt !== course.importedAt ? (
              <SummaryRow label="First imported">{course.firstImportedAt}</SummaryRow>
            ) : null}
            <SummaryRow label="Units">{course.units.length}</SummaryRow>
            <SummaryRow label="Files in the package">{course.files}</SummaryRow>
            <SummaryRow label="Catalogue" valueClassName="app-break-anywhere">
              {course.slug ? (
                <>
                  In the catalogue at <Link to={`/courses/${course.slug}`}>{`/courses/${course.slug}`}</Link>
                </>
              ) : (
                <>
                  Not in the catalogue yet. To put it there, the content team adds it to{' '}
                  <code>content/courses.yaml</code> with the course id <code>{course.courseId}</code>.
                </>
              )}
            </SummaryRow>
          </SummaryList>
          {course.units.length > 0 ? (
            <p>
              <Link to={`/admin/courses/${course.id}/waive`}>Waive a unit for someone</Link> who has shown what it
              teaches another way.
            </p>
          ) : null}
          {course.slug ? (
            <p>
              <Link to={`/courses/${course.slug}`}>Open the course’s page in the catalogue</Link>: what learners see.
              Anything you start there counts as your own learning.
            </p>
          ) : null}
        </div>
      </div>

      <h2>Units, in course order</h2>
      {course.removedUnits > 0 ? (
        <p>
          {course.removedUnits === 1
            ? 'One unit was left out of the latest version of the course and is no longer shown to learners.'
            : `${course.removedUnits} units were left out of the latest version of the course and are no longer shown to learners.`}
        </p>
      ) : null}
      <ResponsiveTable
        caption={`Units of ${course.title}`}
        captionClassName="nhsuk-u-visually-hidden"
        columns={['Unit', 'What the learner must do', 'Pass mark', 'Opens']}
      >
        {course.units.map((unit) => (
          <tr className="nhsuk-table__row" key={unit.id}>
            <Cell heading="Unit" className="app-break-anywhere">
              {unit.title}
            </Cell>
            <Cell heading="What the learner must do">{unit.completedBy}</Cell>
            <Cell heading="Pass mark">{unit.passMark ?? 'None'}</Cell>
            <Cell heading="Opens">{unit.opens}</Cell>
          </tr>
        ))}
      </ResponsiveTable>

      <h2>Who has taken it</h2>
      <p>
        {takeUp.opened === 0
          ? 'Nobody has opened this course yet.'
          : `${peopleHave(takeUp.opened)} opened this course.`}{' '}
        {takeUp.finished === 0 ? 'Nobody has finished it yet.' : `${peopleHave(takeUp.finished)} finished it.`}
      </p>
      <h3>Units waived</h3>
      {takeUp.waivers.length === 0 ? (
        <p>No unit of this course has been waived for anyone.</p>
      ) : (
        <ResponsiveTable
          caption={`Units waived in ${course.title}`}
          captionClassName="nhsuk-u-visually-hidden"
          columns={['Person', 'Unit', 'Waived on', 'Reason']}
        >
          {takeUp.waivers.map((waiver) => (
            <tr className="nhsuk-table__row" key={`${waiver.personId} ${waiver.unit} ${waiver.waivedAt}`}>
              <Cell heading="Person" className="app-break-anywhere">
                <Link to={`/admin/people/${waiver.personId}`}>{waiver.name}</Link>
              </Cell>
              <Cell heading="Unit" className="app-break-anywhere">
                {waiver.unit}
              </Cell>
              <Cell heading="Waived on">{waiver.waivedAt}</Cell>
              <Cell heading="Reason">{waiver.reason}</Cell>
            </tr>
          ))}
        </ResponsiveTable>
      )}
    </>
  )
}

const peopleHave = (count: number) => (count === 1 ? '1 person has' : `${count} people have`)
