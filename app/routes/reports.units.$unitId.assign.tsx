import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { AssignForm } from '#app/components/assignments/assign-form.tsx'
import { CheckAssignment } from '#app/components/assignments/check-assignment.tsx'
import { CurrentAssignments } from '#app/components/assignments/current-assignments.tsx'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { PageTitle } from '#app/components/page-title.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { assignFormValuesFromUrl } from '#app/lib/assignments/assign-form.ts'
import { assignFromForm, cancelAssignmentFormSchema } from '#app/lib/assignments/assign-form.server.ts'
import { assignFormOptions, assignmentsSetInUnit, cancelAssignment } from '#app/lib/assignments/assignments.server.ts'
import { defaultDueDate } from '#app/lib/assignments/due-dates.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { requireReportUnit, requireReportViewer } from '#app/lib/reports/report-access.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Assign learning: ${data?.unit.name ?? 'unit'} – Digital skills` },
]

/** The check step and a form with errors are answers to a post, which meta cannot see: the page sets these. */
const checkTitle = (unitName: string) => `Check before you assign: ${unitName} – Digital skills`

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireReportViewer(request)
  const unit = await requireReportUnit({ viewer, unitId: params.unitId })
  const [options, current] = await Promise.all([assignFormOptions({ unit }), assignmentsSetInUnit({ unit })])
  return {
    unit: { id: unit.id, name: unit.name },
    ...options,
    suggestedDueDate: defaultDueDate(new Date()),
    // "Change" on the check step, or a person's record, opens the form with answers filled in.
    prefill: assignFormValuesFromUrl(new URL(request.url)),
    current,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireReportViewer(request)
  const unit = await requireReportUnit({ viewer, unitId: params.unitId })
  const formData = await readFormData(request)
  const cancel = parseForm(formData, cancelAssignmentFormSchema)
  if (cancel.ok) {
    const cancelled = await cancelAssignment({ viewer, assignmentId: cancel.data.assignmentId })
    if (!cancelled) throw new Response('Assignment not found', { status: 404 })
    return redirect(`/reports/units/${unit.id}/assign?cancelled=1`)
  }
  const result = await assignFromForm({ viewer, unit, formData })
  if (!result.ok)
    return data({ errors: result.errors, values: result.values, review: null, pageTitle: undefined }, { status: 400 })
  if (result.step === 'check')
    return data({ errors: undefined, values: undefined, review: result.review, pageTitle: checkTitle(unit.name) })
  return redirect(`/reports/units/${unit.id}?assigned=1`)
}

export default function AssignPage() {
  const { unit, modules, people, choices, suggestedDueDate, prefill, current } = useLoaderData<typeof loader>()
  const { errors, values, review, pageTitle } = useActionData<typeof action>() ?? {}
  const [searchParams] = useSearchParams()
  const formPath = `/reports/units/${unit.id}/assign`
  if (review) {
    return (
      <>
        {pageTitle ? <PageTitle title={pageTitle} /> : null}
        <Breadcrumbs
          trail={[
            { label: 'Home', to: '/' },
            { label: unit.name, to: `/reports/units/${unit.id}` },
            { label: 'Assign learning', to: formPath },
          ]}
        />
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <span className="nhsuk-caption-l">{unit.name}</span>
            <h1>Check before you assign</h1>
            <CheckAssignment formPath={formPath} review={review} />
          </div>
        </div>
      </>
    )
  }
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: unit.name, to: `/reports/units/${unit.id}` },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} fields={['what', 'who', 'personId', { date: 'dueDate' }]} />
          {searchParams.get('cancelled') === '1' && !errors ? (
            <div className="nhsuk-inset-text" role="status">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>The assignment was cancelled.</p>
            </div>
          ) : null}
          <span className="nhsuk-caption-l">{unit.name}</span>
          <h1>Assign learning</h1>
          <p>
            People see what you assign at the top of their home page, with its due date. It shows as overdue from the
            day after the due date.
          </p>

          <AssignForm
            unitName={unit.name}
            options={{ modules, people, choices }}
            suggestedDueDate={suggestedDueDate}
            errors={errors}
            values={values ?? prefill ?? undefined}
          />
        </div>
      </div>

      <h2>Assigned in {unit.name}</h2>
      <CurrentAssignments unitName={unit.name} current={current} />
      <p>
        <Link to={`/reports/units/${unit.id}/overdue`}>See overdue work in {unit.name}</Link>
      </p>
    </>
  )
}
