import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ModuleTags } from '#app/components/module-status-tag.tsx'
import { SummaryList, SummaryRow } from '#app/components/summary-list.tsx'
import { requireUser } from '#app/lib/auth/current-user.server.ts'
import { requireVisibleModule } from '#app/lib/content/module-page.server.ts'
import { courseAddressFor } from '#app/lib/courses/course-catalogue.server.ts'
import { formatDate } from '#app/lib/dates/dates.ts'
import { getBookmark, startAttempt } from '#app/lib/learning/module-attempt.server.ts'
import { statusOf } from '#app/lib/learning/module-status.ts'
import { learnerModuleStatuses } from '#app/lib/learning/my-learning.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.module.title ?? 'Module'} – Digital skills` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const course = await courseAddressFor({ slug: params.slug, user })
  if (course) throw redirect(course)
  const { module, summary } = requireVisibleModule({ slug: params.slug, user })
  const [bookmark, { statuses }] = await Promise.all([
    getBookmark({ user, module }),
    learnerModuleStatuses({ userId: user.id }),
  ])
  const personal = statusOf(statuses, module.slug)
  // Once passed, the module is there to review or take again: no "continue" into an attempt left open.
  const resumeAt =
    personal.kind !== 'passed' && bookmark && bookmark.section <= summary.sectionCount ? bookmark.section : null
  return { module: summary, resumeAt, personal }
}

/** Starting (or starting again) opens a new attempt and records that the module was launched. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { module } = requireVisibleModule({ slug: params.slug, user })
  await startAttempt({ user, module })
  return redirect(`/modules/${module.slug}/sections/1`)
}

export default function ModuleOverviewPage() {
  const { module, resumeAt, personal } = useLoaderData<typeof loader>()
  const base = `/modules/${module.slug}`
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
          <ModuleTags status={personal} draft={module.status === 'draft'} />
          <h1>{module.title}</h1>
          <p className="nhsuk-lede-text">{module.summary}</p>
          <SummaryList>
            <SummaryRow label="Time">
              About {module.minutes} minutes: {module.sectionCount} short {module.sectionCount === 1 ? 'page' : 'pages'}{' '}
              and {module.questionCount} questions
            </SummaryRow>
            <SummaryRow label="Counts towards">
              <ul className="nhsuk-list">
                {module.competencies.map((competency) => (
                  <li key={competency.id}>
                    {competency.name}, at {competency.levelName} level
                    {competency.domainName ? <span className="app-module-meta"> ({competency.domainName})</span> : null}
                  </li>
                ))}
              </ul>
            </SummaryRow>
            <SummaryRow label="Pass mark">{module.passMark}%</SummaryRow>
          </SummaryList>
          <h2>What you will learn</h2>
          <ul>
            {module.objectives.map((objective) => (
              <li key={objective}>{objective}</li>
            ))}
          </ul>
          {personal.kind === 'passed' ? (
            <>
              <p>
                You passed this module
                {personal.passedAt ? ` on ${formatDate(personal.passedAt)}` : ''}. You can read it again, or take it
                again from the start.
              </p>
              <Link className="nhsuk-button" to={`${base}/sections/1`}>
                Review the module
              </Link>
              <Form method="post">
                <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                  Take it again
                </button>
              </Form>
            </>
          ) : resumeAt ? (
            <>
              <Link className="nhsuk-button" to={`${base}/sections/${resumeAt}`}>
                Continue from page {resumeAt} of {module.sectionCount}
              </Link>
              <Form method="post">
                <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                  Start from the beginning
                </button>
              </Form>
            </>
          ) : (
            <Form method="post">
              <button className="nhsuk-button" type="submit">
                Start module
              </button>
            </Form>
          )}
          <p>
            <Link to={`${base}/check`}>Go straight to the questions</Link>
          </p>
          <p className="nhsuk-body-s">
            Last updated {formatDate(module.updated)}. This content is illustrative and is not official policy.
          </p>
        </div>
      </div>
    </>
  )
}
