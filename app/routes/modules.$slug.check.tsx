import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { type ClientActionFunctionArgs, Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { Checkboxes } from '#app/components/forms/checkboxes.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { Radios } from '#app/components/forms/radios.tsx'
import { PageTitle } from '#app/components/page-title.tsx'
import { CheckResult, checkResultTitle } from '#app/components/module/check-result.tsx'
import { requireUser } from '#app/lib/auth/current-user.server.ts'
import { answerField } from '#app/lib/content/knowledge-check-form.ts'
import { answersFromForm, publicQuestions, resultForLearner } from '#app/lib/content/knowledge-check.server.ts'
import { requireVisibleModule } from '#app/lib/content/module-page.server.ts'
import { isOfflineResult, orOffline, revalidateUnlessOffline } from '#app/lib/forms/offline.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { submitKnowledgeCheck } from '#app/lib/learning/module-attempt.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Questions – ${data?.module.title ?? 'Module'} – Digital skills` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { module, summary } = requireVisibleModule({ slug: params.slug, user })
  // Prompts and options only: which answers are right stays on the server.
  return {
    module: { slug: summary.slug, title: summary.title, passMark: summary.passMark },
    questions: publicQuestions(module),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { module, summary } = requireVisibleModule({ slug: params.slug, user })
  const { answers, errors } = answersFromForm(await readFormData(request), module)
  if (errors) return data({ result: null, errors, answers }, { status: 400 })
  const attempt = await submitKnowledgeCheck({ user, module, answers })
  // Only what the learner may see: after a fail, no answer key reaches the page or its data.
  const result = resultForLearner({ attempt, module })
  return { result, errors: null, answers, pageTitle: checkResultTitle(result, summary.title) }
}

/**
 * With JavaScript, a submit that cannot reach the server (a dropped connection on the ward) stays on the
 * questions with every answer still ticked, and says so, rather than replacing the page with an error.
 */
export async function clientAction({ serverAction }: ClientActionFunctionArgs) {
  return orOffline(() => serverAction<typeof action>())
}

export const shouldRevalidate = revalidateUnlessOffline

export default function KnowledgeCheckPage() {
  const { module, questions } = useLoaderData<typeof loader>()
  const posted = useActionData<typeof clientAction>()
  const offline = isOfflineResult(posted)
  const actionData = offline ? null : posted
  const navigation = useNavigation()
  const result = actionData?.result
  if (result)
    return (
      <>
        <PageTitle title={checkResultTitle(result, module.title)} />
        <CheckResult result={result} moduleTitle={module.title} />
      </>
    )
  const errors = actionData?.errors
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Modules', to: '/modules' },
          { label: module.title, to: `/modules/${module.slug}` },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {offline ? (
            <div className="nhsuk-warning-callout" role="alert">
              <h2 className="nhsuk-warning-callout__label">
                <span className="nhsuk-u-visually-hidden">Important: </span>
                Your answers were not sent
              </h2>
              <p>You seem to be offline. Your answers are still ticked below: check your connection and try again.</p>
            </div>
          ) : null}
          <ErrorSummary errors={errors} fields={questions.map((q) => answerField(q.id))} />
          <span className="nhsuk-caption-l">{module.title}</span>
          <h1>Check what you have learned</h1>
          <p>
            Answer all {questions.length} questions. You need {module.passMark}% to pass, and you can try again as many
            times as you like.
          </p>
          <Form method="post" noValidate>
            {questions.map((question, index) => {
              const chosen = actionData?.answers?.[question.id] ?? []
              const field = {
                name: answerField(question.id),
                legend: (
                  <>
                    <span className="nhsuk-caption-m">Question {index + 1}</span>
                    {question.prompt}
                  </>
                ),
                labelSize: 's' as const,
                error: errors?.[answerField(question.id)],
                items: question.options.map((option) => ({ value: option.id, label: option.text })),
              }
              return question.type === 'single' ? (
                <Radios key={question.id} {...field} defaultValue={chosen[0]} />
              ) : (
                <Checkboxes key={question.id} {...field} hint="Select all that apply" defaultValue={chosen} />
              )
            })}
            <button className="nhsuk-button" type="submit" disabled={navigation.state === 'submitting'}>
              Submit answers
            </button>
          </Form>
        </div>
      </div>
    </>
  )
}
