import { Form } from '@remix-run/react'
import { Checkboxes } from '#app/components/forms/checkboxes.tsx'
import { DateInput } from '#app/components/forms/date-input.tsx'
import { Radios } from '#app/components/forms/radios.tsx'
import { SelectField } from '#app/components/forms/select-field.tsx'
import { MAX_PEOPLE_TO_CHOOSE_FROM, ROLE_TARGETS, ROLE_TARGETS_TITLE } from '#app/lib/assignments/assignment-options.ts'
import type { AssignFormValues } from '#app/lib/assignments/assign-form.ts'
import type { assignFormOptions } from '#app/lib/assignments/assignments.server.ts'
import { datePartsOf } from '#app/lib/forms/date-field.ts'
import type { FieldErrors } from '#app/lib/forms/parse-form.ts'

/**
 * What to assign, to whom (the whole unit or one person), by when, and whether it comes round again. Nothing
 * is chosen for the person: no audience, no date, no repeat. "Continue" leads to the check step.
 */
export function AssignForm({
  unitName,
  options: { modules, people, choices },
  suggestedDueDate,
  errors,
  values,
}: {
  unitName: string
  options: Awaited<ReturnType<typeof assignFormOptions>>
  /** YYYY-MM-DD, the example in the due date's hint. */
  suggestedDueDate: string
  errors?: FieldErrors
  values?: AssignFormValues
}) {
  const example = datePartsOf(suggestedDueDate)
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="check" />
      <SelectField
        name="what"
        label="What to assign"
        labelSize="s"
        hint={`Modules and courses for the role profiles of the people in ${unitName}, or everything their role targets need: the modules that take each person to their role's target level in every domain.`}
        error={errors?.what}
        defaultValue={values?.what ?? ''}
      >
        <option value="">Choose</option>
        <option value={ROLE_TARGETS}>{ROLE_TARGETS_TITLE}</option>
        {(
          [
            ['Modules', modules.filter((item) => item.kind !== 'course')],
            ['Courses from other publishers', modules.filter((item) => item.kind === 'course')],
          ] as const
        ).map(([label, items]) =>
          items.length === 0 ? null : (
            <optgroup key={label} label={label}>
              {items.map((module) => (
                <option key={module.slug} value={module.slug}>
                  {module.refreshMonths ? `${module.title} (renew every ${module.refreshMonths} months)` : module.title}
                </option>
              ))}
            </optgroup>
          ),
        )}
      </SelectField>

      <Radios
        name="who"
        legend="Who it is for"
        labelSize="s"
        error={errors?.who}
        defaultValue={values?.who}
        items={[
          {
            value: 'unit',
            label: `Everyone in ${unitName} (${people} ${people === 1 ? 'person' : 'people'})`,
            hint: 'Including people who join later.',
          },
          ...(choices
            ? [
                {
                  value: 'person',
                  label: 'One person',
                  conditional: (
                    <SelectField
                      name="personId"
                      label="Person"
                      error={errors?.personId}
                      defaultValue={values?.personId ?? ''}
                    >
                      <option value="">Choose</option>
                      {choices.map((person) => (
                        <option key={person.id} value={person.id}>{`${person.name} (${person.team})`}</option>
                      ))}
                    </SelectField>
                  ),
                },
              ]
            : []),
        ]}
      />
      {choices ? null : (
        <p className="nhsuk-body-s">
          {people > MAX_PEOPLE_TO_CHOOSE_FROM
            ? `There are too many people here to list. To assign work to one person, open their team.`
            : 'There is nobody in this unit yet.'}
        </p>
      )}

      <DateInput
        name="dueDate"
        legend="Due date"
        labelSize="s"
        hint={`For example, ${example.day} ${example.month} ${example.year}. Work is overdue from the day after.`}
        error={errors?.dueDate}
        defaultValue={values?.dueDate}
      />

      {modules.some((module) => module.refreshMonths !== null) ? (
        <Checkboxes
          name="recurs"
          items={[
            {
              value: 'yes',
              label: 'Repeat when the evidence expires',
              hint: 'Only for modules marked “renew every”: each person is asked to do it again when their evidence from it expires. Other choices are assigned once.',
            },
          ]}
          defaultValue={values?.recurs ? ['yes'] : []}
        />
      ) : null}

      <button className="nhsuk-button" type="submit">
        Continue
      </button>
    </Form>
  )
}
