import type { InputHTMLAttributes } from 'react'
import { controlAttributes, fieldAria } from './field-ids.ts'
import { classes, FormGroup, type LabelSize } from './form-group.tsx'

type NativeInput = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'aria-describedby' | 'aria-invalid'>

export interface TextFieldProps extends NativeInput {
  name: string
  label: string
  hint?: string
  error?: string
  labelSize?: LabelSize
}

/** An NHS.UK text input (also email, password, number) with its label, hint and error message. */
export function TextField({ name, label, hint, error, labelSize, className, ...input }: TextFieldProps) {
  const field = fieldAria({ name, hint, error })
  return (
    <FormGroup field={field} label={label} hint={hint} error={error} size={labelSize}>
      <input
        className={classes('nhsuk-input', error && 'nhsuk-input--error', className)}
        {...controlAttributes(field, name)}
        {...input}
      />
    </FormGroup>
  )
}
