import { DATE_PARTS, datePartsAtFault, type DatePart, type DateParts } from '#app/lib/forms/date-field.ts'
import { dateBoxId, fieldAria } from './field-ids.ts'
import { classes, FormGroup, type LabelSize } from './form-group.tsx'

export interface DateInputProps {
  name: string
  legend: string
  hint?: string
  error?: string
  labelSize?: LabelSize
  defaultValue?: DateParts
}

const BOX_LABELS = { day: 'Day', month: 'Month', year: 'Year' } as const

/**
 * An NHS.UK date input: day, month and year boxes named `<name>-day` and so on, which parseForm reads
 * into one value for a dateField schema. Never the browser's date picker, whose format follows the device.
 */
export function DateInput({ name, legend, hint, error, labelSize, defaultValue }: DateInputProps) {
  const field = fieldAria({ name, hint, error })
  // Only the boxes to correct are marked; with no submitted boxes to go by, all three are.
  const atFault = error ? (defaultValue ? datePartsAtFault(defaultValue) : [...DATE_PARTS]) : []
  const marked = (part: DatePart) => (atFault.length === 0 ? Boolean(error) : atFault.includes(part))
  return (
    <FormGroup field={field} legend={legend} hint={hint} error={error} size={labelSize} role="group">
      <div className="nhsuk-date-input" id={field.id}>
        {DATE_PARTS.map((part) => (
          <div className="nhsuk-date-input__item" key={part}>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label nhsuk-date-input__label" htmlFor={dateBoxId(name, part)}>
                {BOX_LABELS[part]}
              </label>
              <input
                className={classes(
                  'nhsuk-input nhsuk-date-input__input',
                  part === 'year' ? 'nhsuk-input--width-4' : 'nhsuk-input--width-2',
                  marked(part) && 'nhsuk-input--error',
                )}
                id={dateBoxId(name, part)}
                name={`${name}-${part}`}
                type="text"
                inputMode="numeric"
                defaultValue={defaultValue?.[part]}
                aria-invalid={marked(part) || undefined}
              />
            </div>
          </div>
        ))}
      </div>
    </FormGroup>
  )
}
