import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { SummaryList, SummaryRow } from '#app/components/summary-list.tsx'
import { requireUser } from '#app/lib/auth/current-user.server.ts'
import { requireVisibleModule } from '#app/lib/content/module-page.server.ts'
import { getBookmark, startAttempt } from '#app/lib/learning/module-attempt.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.module.title ?? 'Module'} – Digital skills` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { module, summary } = requireVisibleModule({ slug: params.slug, user })
  const bookmark = await getBookmark({ user, module })
  const resumeAt = bookmark && bookmark.section <= summary.sectionCount ? bookmark.section : null
  return { module: summary, resumeAt }
}

/** Starting (or starting again) opens a new attempt and records that the module was launched. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { module } = requireVisibleModule({ slug: params.slug, user })
  await startAttempt({ user, module })
  return redirect(`/modules/${module.slug}/sections/1`)
}

export default function ModuleOverviewPage() {
  const { module, resumeAt } = useLoaderData<typeof loader>()
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
          {module.status === 'draft' ? <strong className="nhsuk-tag nhsuk-tag--grey">Draft</strong> : null}
          <h1>{module.title}</h1>
          <p className="nhsuk-lede-text">{module.summary}</p>
          <SummaryList>
            <SummaryRow label="Time">
              About {module.minutes} minutes: {module.sectionCount} short {module.sectionCount === 1 ? 'page' : 'pages'}{' '}
              and {module.questionCount} questions
            </SummaryRow>
            <SummaryRow label="Evidences">
              <ul className="nhsuk-list">
                {module.competencies.map((competency) => (
                  <li key={competency.id}>
                    {competency.id} {competency.name}, at level {competency.level} ({competency.levelName})
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
          {resumeAt ? (
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
            Last updated {module.updated}. This content is illustrative and is not official policy.
          </p>
        </div>
      </div>
    </>
  )
}
