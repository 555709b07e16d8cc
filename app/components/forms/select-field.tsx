import type { ReactNode, SelectHTMLAttributes } from 'react'
import { controlAttributes, fieldAria } from './field-ids.ts'
import { classes, FormGroup, type LabelSize } from './form-group.tsx'

type NativeSelect = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name' | 'aria-describedby' | 'aria-invalid'>

export interface SelectFieldProps extends NativeSelect {
  name: string
  label: string
  hint?: ReactNode
  error?: string
  labelSize?: LabelSize
  /** The <option> (and <optgroup>) elements. */
  children: ReactNode
}

/** An NHS.UK select with its label, hint and error message. */
export function SelectField({ name, label, hint, error, labelSize, className, children, ...select }: SelectFieldProps) {
  const field = fieldAria({ name, hint, error })
  return (
    <FormGroup field={field} label={label} hint={hint} error={error} size={labelSize}>
      <select
        className={classes('nhsuk-select', error && 'nhsuk-select--error', className)}
        {...controlAttributes(field, name)}
        {...select}
      >
        {children}
      </select>
    </FormGroup>
  )
}
