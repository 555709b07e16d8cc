import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Fragment } from 'react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { Radios } from '#app/components/forms/radios.tsx'
import { SelectField } from '#app/components/forms/select-field.tsx'
import { requireUser } from '#app/lib/auth/current-user.server.ts'
import { frameworkForContent } from '#app/lib/content/catalogue.server.ts'
import { domainIdSchema } from '#app/lib/content/framework.schema.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import {
  currentLevelField,
  selfAssessmentFormSchema,
  targetLevelField,
} from '#app/lib/learning/self-assessment-form.ts'
import { saveDomainRatings, savedRatings } from '#app/lib/learning/self-assessment.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.domain.name ?? 'Self-assessment'} – Digital skills` },
]

function domainFrom(params: LoaderFunctionArgs['params']) {
  const parsed = domainIdSchema.safeParse(params.domain)
  if (!parsed.success) throw new Response('Not found', { status: 404 })
  const framework = frameworkForContent()
  const index = framework.domains.findIndex((d) => d.id === parsed.data)
  const domain = framework.domains[index]
  if (!domain) throw new Response('Not found', { status: 404 })
  return { framework, domain, index }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { framework, domain, index } = domainFrom(params)
  const saved = await savedRatings({ userId: user.id })
  return {
    domain: {
      id: domain.id,
      name: domain.name,
      description: domain.description,
      statements: domain.selfRatings.map((s) => s.text),
    },
    competencies: domain.competencies.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      saved: saved.get(c.id) ?? null,
    })),
    levels: framework.levels.map((l) => ({ level: l.level, name: l.name, description: l.description })),
    number: index + 1,
    total: framework.domains.length,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { framework, domain, index } = domainFrom(params)
  const form = parseForm(await readFormData(request), selfAssessmentFormSchema(domain))
  if (!form.ok) return data({ errors: form.errors }, { status: 400 })
  await saveDomainRatings({ user, ratings: form.data.ratings })
  if (form.data.intent === 'leave') return redirect('/')
  const next = framework.domains[index + 1]
  return redirect(next ? `/self-assessment/${next.id}` : '/self-assessment/results')
}

export default function SelfAssessmentDomainPage() {
  const { domain, competencies, levels, number, total } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: 'Self-assessment', to: '/self-assessment' },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} fields={competencies.map((c) => currentLevelField(c.id))} />
          <div className="app-progress">
            <p className="nhsuk-caption-m" id="progress-label">
              Self-assessment: domain {number} of {total}
            </p>
            <progress className="app-progress__bar" max={total} value={number} aria-labelledby="progress-label" />
          </div>
          <h1>{domain.name}</h1>
          <p>{domain.description}</p>
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">What people who are confident here can say</span>
            </summary>
            <div className="nhsuk-details__text">
              <ul>
                {domain.statements.map((statement) => (
                  <li key={statement}>{statement}</li>
                ))}
              </ul>
            </div>
          </details>
          <Form method="post" noValidate>
            {competencies.map((competency) => (
              <Fragment key={competency.id}>
                <Radios
                  name={currentLevelField(competency.id)}
                  legend={`${competency.name}: where are you now?`}
                  labelSize="s"
                  hint={competency.description}
                  error={errors?.[currentLevelField(competency.id)]}
                  small
                  items={[{ level: 0, name: 'Not yet' }, ...levels].map((option) => ({
                    value: String(option.level),
                    label: option.name,
                  }))}
                  defaultValue={competency.saved ? String(competency.saved.current) : undefined}
                />
                <SelectField
                  name={targetLevelField(competency.id)}
                  label="Where do you need to be? (optional)"
                  defaultValue={competency.saved?.target ?? ''}
                >
                  <option value="">Not sure</option>
                  {levels.map((option) => (
                    <option key={option.level} value={option.level}>
                      {option.name}
                    </option>
                  ))}
                </SelectField>
              </Fragment>
            ))}
            <div className="app-section-nav">
              <button className="nhsuk-button" type="submit" name="intent" value="next">
                {number < total ? 'Save and continue' : 'Save and see my results'}
              </button>
              <button className="app-link-button" type="submit" name="intent" value="leave">
                Save and leave
              </button>
            </div>
          </Form>
        </div>
      </div>
    </>
  )
}
