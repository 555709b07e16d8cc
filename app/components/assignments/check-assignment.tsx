import { Form, Link } from '@remix-run/react'
import { assignFormFields, type AssignmentReview } from '#app/lib/assignments/assign-form.ts'
import { formatDate } from '#app/lib/dates/dates.ts'

/**
 * NHS.UK check your answers: what, who (with how many people it reaches) and when, each with a "Change"
 * link back to the form with the answers kept. Nothing is stored until "Confirm and assign".
 */
export function CheckAssignment({ formPath, review }: { formPath: string; review: AssignmentReview }) {
  const fields = assignFormFields(review.values)
  const change = (anchor: string) => `${formPath}?${new URLSearchParams(fields).toString()}#${anchor}`
  const people = `${review.people} ${review.people === 1 ? 'person' : 'people'}`
  const rows = [
    { key: 'What', value: review.what, anchor: 'what', hidden: 'what to assign' },
    {
      key: 'Who',
      value: (
        <>
          {review.who}
          <br />
          {review.joinersIncluded ? `${people} now, and anyone who joins later` : people}
        </>
      ),
      anchor: 'who',
      hidden: 'who it is for',
    },
    { key: 'Due by', value: formatDate(review.dueDate), anchor: 'dueDate', hidden: 'the due date' },
    ...(review.recurs === null
      ? []
      : [
          {
            key: 'Repeat',
            value: review.recurs ? 'Yes, when their evidence expires' : 'No, once only',
            anchor: 'recurs',
            hidden: 'whether it repeats',
          },
        ]),
  ]
  return (
    <>
      <dl className="nhsuk-summary-list">
        {rows.map((row) => (
          <div className="nhsuk-summary-list__row" key={row.key}>
            <dt className="nhsuk-summary-list__key">{row.key}</dt>
            <dd className="nhsuk-summary-list__value">{row.value}</dd>
            <dd className="nhsuk-summary-list__actions">
              <Link to={change(row.anchor)}>
                Change<span className="nhsuk-u-visually-hidden"> {row.hidden}</span>
              </Link>
            </dd>
          </div>
        ))}
      </dl>
      <p>
        {review.people === 1 ? 'They' : 'Each person'} will see it at the top of their home page and may get an email
        about it.
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="confirm" />
        {fields.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button className="nhsuk-button" type="submit">
          Confirm and assign
        </button>
      </Form>
    </>
  )
}
