import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ModuleTags } from '#app/components/module-status-tag.tsx'
import { SummaryList, SummaryRow } from '#app/components/summary-list.tsx'
import { requireUser } from '#app/lib/auth/current-user.server.ts'
import { coursePage } from '#app/lib/learning/course-page.server.ts'
import { formatDate } from '#app/lib/dates/dates.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.course.title ?? 'Course'} – Digital skills` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return coursePage({ slug: params.slug, user })
}

// Each unit is launched by the launch route (a POST: it registers the learner and records the launch), which
// sends the browser on to the unit; a unit that asks for a window of its own gets a new one.
export default function CoursePage() {
  const { course, personal, satisfiedAt, units } = useLoaderData<typeof loader>()
  const returnTo = `/courses/${course.slug}`
  useRevalidateOnReturn()
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: 'Modules', to: '/modules' },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ModuleTags status={personal} draft={course.status === 'draft'} course />
          <h1>{course.title}</h1>
          {course.summary ? <p className="nhsuk-lede-text">{course.summary}</p> : null}
          <SummaryList>
            <SummaryRow label="What it is">
              A course from another provider, in {units.length === 1 ? 'one part' : `${units.length} parts`}
            </SummaryRow>
            {course.minutes === null ? null : <SummaryRow label="Time">About {course.minutes} minutes</SummaryRow>}
            <SummaryRow label="Counts towards">
              <ul className="nhsuk-list">
                {course.competencies.map((competency) => (
                  <li key={competency.id}>
                    {competency.name}, at {competency.levelName} level
                    {competency.domainName ? <span className="app-module-meta"> ({competency.domainName})</span> : null}
                  </li>
                ))}
              </ul>
            </SummaryRow>
          </SummaryList>
          {satisfiedAt ? (
            <p>You finished this course on {formatDate(satisfiedAt)}. You can open any part of it again.</p>
          ) : (
            <p>Do each part below. The course counts towards your skills once every part it needs is done.</p>
          )}

          <h2 id="parts-heading">Parts of this course</h2>
          <ol className="nhsuk-list app-course-units" aria-labelledby="parts-heading">
            {units.map((unit, index) => (
              <li key={unit.id} className="nhsuk-card">
                <div className="nhsuk-card__content">
                  <h3 className="nhsuk-card__heading nhsuk-heading-s">
                    <span className="nhsuk-u-visually-hidden">Part {index + 1}: </span>
                    {unit.title}
                  </h3>
                  {unit.description && unit.description !== unit.title ? <p>{unit.description}</p> : null}
                  <p>
                    <strong className={`nhsuk-tag ${stateTagClass[unit.state]}`}>{unit.stateWords}</strong>
                  </p>
                  <p className="nhsuk-body-s">What it needs: {unit.needs}</p>
                  <form method="post" action="/course-launch" target={unit.ownWindow ? '_blank' : undefined}>
                    <input type="hidden" name="course" value={course.courseRowId} />
                    <input type="hidden" name="au" value={unit.id} />
                    <input type="hidden" name="returnTo" value={returnTo} />
                    <button
                      className={`nhsuk-button nhsuk-u-margin-bottom-0${unit.next ? '' : ' nhsuk-button--secondary'}`}
                      type="submit"
                      aria-describedby={unit.ownWindow ? `opens-${unit.id}` : undefined}
                    >
                      {unit.launchLabel}
                    </button>
                  </form>
                  {unit.ownWindow ? (
                    <p className="nhsuk-body-s nhsuk-u-margin-top-2" id={`opens-${unit.id}`}>
                      Opens in a new window. Close it when you finish to come back here.
                    </p>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </>
  )
}

/**
 * A unit in a window of its own reports to the LRS while this page waits in another tab: when the learner comes
 * back to it, the loader runs again so the parts' states are current. Without JavaScript a reload does the same.
 */
function useRevalidateOnReturn() {
  const { revalidate, state } = useRevalidator()
  useEffect(() => {
    const onReturn = () => {
      if (document.visibilityState === 'visible' && state === 'idle') revalidate()
    }
    window.addEventListener('focus', onReturn)
    document.addEventListener('visibilitychange', onReturn)
    return () => {
      window.removeEventListener('focus', onReturn)
      document.removeEventListener('visibilitychange', onReturn)
    }
  }, [revalidate, state])
}

const stateTagClass = {
  'not-started': 'nhsuk-tag--grey',
  'in-progress': 'nhsuk-tag--blue',
  done: 'nhsuk-tag--green',
  waived: 'nhsuk-tag--purple',
} as const
