import type { ReactNode } from 'react'
import type { FieldAria } from './field-ids.ts'

export type LabelSize = 's' | 'm' | 'l'

interface FormGroupProps {
  field: FieldAria
  hint?: ReactNode
  error?: string
  /** One control: a label for it. */
  label?: ReactNode
  /** A group of inputs (radios, checkboxes, a date): a fieldset with this legend, described by the hint and error. */
  legend?: ReactNode
  size?: LabelSize
  /** "group" for a date input, so screen readers announce the fieldset's description (NHS.UK advice). */
  role?: 'group'
  className?: string
  children: ReactNode
}

/** The NHS.UK form group around every field of the kit: label or legend, hint, error message, then the control(s). */
export function FormGroup({ field, hint, error, label, legend, size, role, className, children }: FormGroupProps) {
  const messages = (
    <>
      {hint ? (
        <div className="nhsuk-hint" id={field.hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span className="nhsuk-error-message" id={field.errorId}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
    </>
  )
  const groupClass = ['nhsuk-form-group', error ? 'nhsuk-form-group--error' : null, className].filter(Boolean).join(' ')
  if (legend !== undefined)
    return (
      <div className={groupClass}>
        <fieldset className="nhsuk-fieldset" role={role} aria-describedby={field.describedBy}>
          <legend className={`nhsuk-fieldset__legend${size ? ` nhsuk-fieldset__legend--${size}` : ''}`}>
            {legend}
          </legend>
          {messages}
          {children}
        </fieldset>
      </div>
    )
  return (
    <div className={groupClass}>
      {label !== undefined ? (
        <label className={`nhsuk-label${size ? ` nhsuk-label--${size}` : ''}`} htmlFor={field.id}>
          {label}
        </label>
      ) : null}
      {messages}
      {children}
    </div>
  )
}

/** Class names, leaving out the ones that do not apply. */
export function classes(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ')
}
