import { Fragment, type ReactNode } from 'react'
import { fieldAria, idList, optionId } from './field-ids.ts'
import { classes, FormGroup, type LabelSize } from './form-group.tsx'

export interface ChoiceItem {
  value: string
  label: ReactNode
  hint?: ReactNode
  /** Shown under this option only while it is chosen: NHS.UK's conditional reveal, done in CSS (app.css) so it needs no script. */
  conditional?: ReactNode
}

export interface ChoicesProps {
  name: string
  /** The question; leave it out only for a lone checkbox whose label says everything. */
  legend?: ReactNode
  hint?: ReactNode
  error?: string
  items: ChoiceItem[]
  labelSize?: LabelSize
  small?: boolean
}

/** NHS.UK radios or checkboxes: the fieldset is described by the hint and error; the first option's id is the field's. */
export function Choices({
  kind,
  name,
  legend,
  hint,
  error,
  items,
  labelSize,
  small,
  checked,
}: ChoicesProps & { kind: 'radios' | 'checkboxes'; checked: (value: string) => boolean }) {
  const field = fieldAria({ name, hint, error })
  // Without a fieldset there is nothing else to carry the description, so each checkbox does.
  const groupDescription = legend === undefined ? field.describedBy : undefined
  return (
    <FormGroup field={field} legend={legend} hint={hint} error={error} size={labelSize}>
      <div className={classes(`nhsuk-${kind}`, small && `nhsuk-${kind}--small`)}>
        {items.map((item, index) => {
          const id = optionId(field, item.value, index)
          const itemHintId = item.hint ? `${id}-item-hint` : undefined
          const conditionalId = item.conditional ? `conditional-${id}` : undefined
          return (
            <Fragment key={item.value}>
              <div className={`nhsuk-${kind}__item`}>
                <input
                  className={`nhsuk-${kind}__input`}
                  id={id}
                  name={name}
                  type={kind === 'radios' ? 'radio' : 'checkbox'}
                  value={item.value}
                  defaultChecked={checked(item.value)}
                  aria-describedby={idList(groupDescription, itemHintId)}
                  aria-controls={conditionalId}
                  aria-invalid={kind === 'checkboxes' ? field.invalid : undefined}
                />
                <label className={`nhsuk-label nhsuk-${kind}__label`} htmlFor={id}>
                  {item.label}
                </label>
                {item.hint ? (
                  <div className={`nhsuk-hint nhsuk-${kind}__hint`} id={itemHintId}>
                    {item.hint}
                  </div>
                ) : null}
              </div>
              {item.conditional ? (
                <div className={`nhsuk-${kind}__conditional`} id={conditionalId}>
                  {item.conditional}
                </div>
              ) : null}
            </Fragment>
          )
        })}
      </div>
    </FormGroup>
  )
}
