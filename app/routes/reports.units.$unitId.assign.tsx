import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ErrorSummary } from '#app/components/error-summary.tsx'
import { Cell } from '#app/components/responsive-table.tsx'
import { TextField } from '#app/components/text-field.tsx'
import {
  MAX_ASSIGNMENTS_LISTED,
  MAX_PEOPLE_TO_CHOOSE_FROM,
  ROLE_TARGETS,
  ROLE_TARGETS_TITLE,
} from '#app/lib/assignments/assignment-options.ts'
import {
  assignFormOptions,
  assignmentsSetInUnit,
  cancelAssignment,
  createAssignment,
} from '#app/lib/assignments/assignments.server.ts'
import { defaultDueDate } from '#app/lib/assignments/due-dates.ts'
import { formatDate } from '#app/lib/dates/dates.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { requireReportUnit, requireReportViewer } from '#app/lib/reports/report-access.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Assign learning: ${data?.unit.name ?? 'unit'} – Digital skills` },
]

const FIELDS = ['what', 'who', 'personId', 'dueDate'] as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireReportViewer(request)
  const unit = await requireReportUnit({ viewer, unitId: params.unitId })
  const [options, current] = await Promise.all([assignFormOptions({ unit }), assignmentsSetInUnit({ unit })])
  return {
    unit: { id: unit.id, name: unit.name },
    ...options,
    suggestedDueDate: defaultDueDate(new Date()),
    current,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireReportViewer(request)
  const unit = await requireReportUnit({ viewer, unitId: params.unitId })
  const form = await readFormData(request)
  if (form.get('intent') === 'cancel') {
    const cancelled = await cancelAssignment({ viewer, assignmentId: String(form.get('assignmentId') ?? '') })
    if (!cancelled) throw new Response('Assignment not found', { status: 404 })
    return redirect(`/reports/units/${unit.id}/assign?cancelled=1`)
  }
  const input = Object.fromEntries([...form].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
  const result = await createAssignment({ viewer, unitId: unit.id, input })
  if (!result.ok) {
    const values = {
      what: input.what ?? '',
      who: input.who ?? '',
      personId: input.personId ?? '',
      dueDate: input.dueDate ?? '',
      recurs: input.recurs === 'yes',
    }
    return data({ errors: result.errors, values }, { status: 400 })
  }
  return redirect(`/reports/units/${unit.id}?assigned=1`)
}

export default function AssignPage() {
  const { unit, modules, people, choices, suggestedDueDate, current } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const errors = actionData?.errors
  const values = actionData?.values
  const refreshing = modules.filter((module) => module.refreshMonths !== null)
  const fieldClass = (field: (typeof FIELDS)[number]) =>
    `nhsuk-form-group${errors?.[field] ? ' nhsuk-form-group--error' : ''}`
  const errorMessage = (field: (typeof FIELDS)[number]) =>
    errors?.[field] ? (
      <span className="nhsuk-error-message" id={`${field}-error`}>
        <span className="nhsuk-u-visually-hidden">Error:</span> {errors[field]}
      </span>
    ) : null

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
          <ErrorSummary errors={errors} order={[...FIELDS]} />
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

          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="assign" />

            <div className={fieldClass('what')}>
              <label className="nhsuk-label nhsuk-label--s" htmlFor="what">
                What to assign
              </label>
              <div className="nhsuk-hint" id="what-hint">
                Modules for the role profiles of the people in {unit.name}, or everything their role targets need: the
                modules that take each person to their role&apos;s target level in every domain.
              </div>
              {errorMessage('what')}
              <select
                className={`nhsuk-select${errors?.what ? ' nhsuk-select--error' : ''}`}
                id="what"
                name="what"
                defaultValue={values?.what ?? ''}
                aria-describedby={`what-hint${errors?.what ? ' what-error' : ''}`}
              >
                <option value="">Choose</option>
                <option value={ROLE_TARGETS}>{ROLE_TARGETS_TITLE}</option>
                <optgroup label="Modules">
                  {modules.map((module) => (
                    <option key={module.slug} value={module.slug}>
                      {module.refreshMonths
                        ? `${module.title} (renew every ${module.refreshMonths} months)`
                        : module.title}
                    </option>
                  ))}
                </optgroup>
              </select>
            </div>

            <div className={fieldClass('who')}>
              <fieldset className="nhsuk-fieldset" aria-describedby={errors?.who ? 'who-error' : undefined}>
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Who it is for</legend>
                {errorMessage('who')}
                <div className="nhsuk-radios">
                  <div className="nhsuk-radios__item">
                    <input
                      className="nhsuk-radios__input"
                      id="who"
                      name="who"
                      type="radio"
                      value="unit"
                      defaultChecked={(values?.who ?? 'unit') === 'unit'}
                    />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor="who">
                      Everyone in {unit.name} ({people} {people === 1 ? 'person' : 'people'})
                    </label>
                    <div className="nhsuk-hint nhsuk-radios__hint" id="who-hint">
                      Including people who join later.
                    </div>
                  </div>
                  {choices ? (
                    <div className="nhsuk-radios__item">
                      <input
                        className="nhsuk-radios__input"
                        id="who-person"
                        name="who"
                        type="radio"
                        value="person"
                        defaultChecked={values?.who === 'person'}
                      />
                      <label className="nhsuk-label nhsuk-radios__label" htmlFor="who-person">
                        One person
                      </label>
                    </div>
                  ) : null}
                </div>
                {choices ? (
                  <div className={`nhsuk-radios__conditional ${fieldClass('personId')}`}>
                    <label className="nhsuk-label" htmlFor="personId">
                      Person (if you chose one person)
                    </label>
                    {errorMessage('personId')}
                    <select
                      className={`nhsuk-select${errors?.personId ? ' nhsuk-select--error' : ''}`}
                      id="personId"
                      name="personId"
                      defaultValue={values?.personId ?? ''}
                      aria-describedby={errors?.personId ? 'personId-error' : undefined}
                    >
                      <option value="">Choose</option>
                      {choices.map((person) => (
                        <option key={person.id} value={person.id}>
                          {`${person.name} (${person.team})`}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : (
                  <p className="nhsuk-body-s">
                    {people > MAX_PEOPLE_TO_CHOOSE_FROM
                      ? `There are too many people here to list. To assign work to one person, open their team.`
                      : 'There is nobody in this unit yet.'}
                  </p>
                )}
              </fieldset>
            </div>

            <TextField
              name="dueDate"
              label="Due date"
              hint="For example, 2026-06-30. Work is overdue from the day after."
              type="date"
              className="nhsuk-input--width-10"
              defaultValue={values?.dueDate ?? suggestedDueDate}
              error={errors?.dueDate}
            />

            {refreshing.length > 0 ? (
              <div className="nhsuk-form-group">
                <div className="nhsuk-checkboxes">
                  <div className="nhsuk-checkboxes__item">
                    <input
                      className="nhsuk-checkboxes__input"
                      id="recurs"
                      name="recurs"
                      type="checkbox"
                      value="yes"
                      defaultChecked={values ? values.recurs : true}
                      aria-describedby="recurs-hint"
                    />
                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="recurs">
                      Repeat when the evidence expires
                    </label>
                    <div className="nhsuk-hint nhsuk-checkboxes__hint" id="recurs-hint">
                      Only for modules marked &ldquo;renew every&rdquo;: each person is asked to do it again when their
                      evidence from it expires. Other choices are assigned once.
                    </div>
                  </div>
                </div>
              </div>
            ) : null}

            <button className="nhsuk-button" type="submit">
              Assign
            </button>
          </Form>
        </div>
      </div>

      <h2>Assigned in {unit.name}</h2>
      {current.assignments.length === 0 ? (
        <p>Nothing is assigned here yet.</p>
      ) : (
        <>
          <table className="nhsuk-table-responsive">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
              Current assignments in {unit.name}
            </caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">What</th>
                <th scope="col">Who</th>
                <th scope="col">Due</th>
                <th scope="col">Repeats</th>
                <th scope="col">Set by</th>
                <th scope="col">
                  <span className="nhsuk-u-visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {current.assignments.map((assignment) => (
                <tr className="nhsuk-table__row" key={assignment.id}>
                  <Cell heading="What">{assignment.what}</Cell>
                  <Cell heading="Who">{assignment.who}</Cell>
                  <Cell heading="Due">{formatDate(assignment.dueDate)}</Cell>
                  <Cell heading="Repeats">{assignment.recurs ? 'Yes, when evidence expires' : 'No'}</Cell>
                  <Cell heading="Set by">{assignment.assignedBy}</Cell>
                  <Cell heading="Action">
                    <Form method="post">
                      <input type="hidden" name="assignmentId" value={assignment.id} />
                      <button className="app-link-button" type="submit" name="intent" value="cancel">
                        Cancel
                        <span className="nhsuk-u-visually-hidden">
                          {' '}
                          {assignment.what} for {assignment.who}
                        </span>
                      </button>
                    </Form>
                  </Cell>
                </tr>
              ))}
            </tbody>
          </table>
          {current.more ? <p>Showing the {MAX_ASSIGNMENTS_LISTED} due soonest.</p> : null}
        </>
      )}
      <p>
        <Link to={`/reports/units/${unit.id}/overdue`}>See overdue work in {unit.name}</Link>
      </p>
    </>
  )
}
