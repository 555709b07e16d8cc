import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { Radios } from '#app/components/forms/radios.tsx'
import { PageTitle } from '#app/components/page-title.tsx'
import { SummaryList, SummaryRow } from '#app/components/summary-list.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { WAIVE_REASONS } from '#app/lib/courses/cmi5-vocabulary.ts'
import { waiveFormSchema, waiveReasonItems } from '#app/lib/courses/waive-form.ts'
import { waiveAu, waiveChoices } from '#app/lib/courses/waive.server.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'

// Waiving a course unit, step two: which unit and why, a check of both, then the waiver (audited).

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `Waive a unit for ${loaded?.person.name ?? 'a person'} – Administration – Digital skills` },
]

async function load(request: Request, params: LoaderFunctionArgs['params']) {
  const admin = await requireAdmin(request)
  const choices = await waiveChoices({ courseRowId: params.courseId ?? '', userId: params.personId ?? '' })
  if (!choices?.person) throw new Response('Not found', { status: 404 })
  return { admin, ...choices, person: choices.person }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course, person, units } = await load(request, params)
  // "Change the unit or reason" on the check step comes back here with both answers in the address.
  const url = new URL(request.url)
  const prefill = {
    unit: url.searchParams.get('unit') ?? undefined,
    reason: url.searchParams.get('reason') ?? undefined,
  }
  return { course, person, units, prefill }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { admin, course, person, units } = await load(request, params)
  const form = parseForm(await readFormData(request), waiveFormSchema)
  const chosen = form.ok ? units.find((candidate) => candidate.id === form.data.unit) : undefined
  const unit = chosen && !chosen.waived && !chosen.met ? chosen : undefined
  if (!form.ok || !unit) {
    const errors = form.ok
      ? {
          unit: chosen?.met
            ? `${person.name} has already done ${chosen.title}, so it cannot be waived`
            : 'Choose the unit to waive',
        }
      : form.errors
    return data({ errors, values: form.values, check: null, pageTitle: undefined }, { status: 400 })
  }
  const { reason, intent } = form.data
  if (intent === 'check') {
    return data({
      errors: undefined,
      values: form.values,
      check: { unitId: unit.id, unitTitle: unit.title, reason, reasonText: WAIVE_REASONS[reason] },
      pageTitle: `Check the waiver for ${person.name} – Administration – Digital skills`,
    })
  }
  const outcome = await waiveAu({ admin, courseRowId: course.id, auRowId: unit.id, userId: person.id, reason })
  if (!outcome.ok) throw new Response('That unit cannot be waived', { status: 409 })
  const done = new URLSearchParams({ waived: person.id, unit: unit.id })
  return redirect(`/admin/courses/${course.id}/waive?${done}`, 303)
}

const FIELDS = ['unit', 'reason']

export default function WaiveUnitPage() {
  const { course, person, units, prefill } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors
  const values = actionData?.values ?? prefill
  const check = actionData?.check
  const trail = [
    { label: 'Home', to: '/' },
    { label: 'Administration', to: '/admin' },
    { label: 'Courses', to: '/admin/courses' },
    { label: course.title, to: `/admin/courses/${course.id}` },
    { label: `Waive a unit of ${course.title}`, to: `/admin/courses/${course.id}/waive` },
  ]
  if (check) {
    return (
      <>
        <Breadcrumbs trail={trail} />
        {actionData?.pageTitle ? <PageTitle title={actionData.pageTitle} /> : null}
        <h1>Check the waiver for {person.name}</h1>
        <SummaryList>
          <SummaryRow label="Course">{course.title}</SummaryRow>
          <SummaryRow label="Unit">{check.unitTitle}</SummaryRow>
          <SummaryRow label="Reason">{check.reasonText}</SummaryRow>
        </SummaryList>
        <p>The unit will count as done for {person.name}. A waiver cannot be taken back.</p>
        <Form method="post">
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="unit" value={check.unitId} />
          <input type="hidden" name="reason" value={check.reason} />
          <button className="nhsuk-button" type="submit">
            Waive the unit
          </button>
        </Form>
        <p>
          <Link to={`.?${new URLSearchParams({ unit: check.unitId, reason: check.reason })}`}>
            Change the unit or reason
          </Link>
        </p>
      </>
    )
  }
  // Units already waived or done are left out: there is nothing to waive in them.
  const open = units.filter((unit) => !unit.waived && !unit.met)
  const alreadyDone = units.filter((unit) => unit.met)
  return (
    <>
      <Breadcrumbs trail={trail} />
      <ErrorSummary errors={errors} fields={FIELDS} />
      <h1>Waive a unit for {person.name}</h1>
      <p>Course: {course.title}</p>
      {alreadyDone.length > 0 ? (
        <p>
          Already done by {person.name}, so not offered: {alreadyDone.map((unit) => unit.title).join(', ')}.
        </p>
      ) : null}
      {open.length === 0 ? (
        <p>Every unit of this course is already done or waived for {person.name}.</p>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="check" />
          <Radios
            name="unit"
            legend="Which unit?"
            error={errors?.unit}
            defaultValue={typeof values.unit === 'string' ? values.unit : undefined}
            items={open.map((unit) => ({ value: unit.id, label: unit.title }))}
          />
          <Radios
            name="reason"
            legend="Why is it waived?"
            error={errors?.reason}
            defaultValue={typeof values.reason === 'string' ? values.reason : undefined}
            items={waiveReasonItems}
          />
          <button className="nhsuk-button" type="submit">
            Continue
          </button>
        </Form>
      )}
    </>
  )
}
