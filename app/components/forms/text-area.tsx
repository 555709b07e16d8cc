import type { TextareaHTMLAttributes } from 'react'
import { controlAttributes, fieldAria } from './field-ids.ts'
import { classes, FormGroup, type LabelSize } from './form-group.tsx'

type NativeTextArea = Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'id' | 'name' | 'aria-describedby' | 'aria-invalid'
>

export interface TextAreaProps extends NativeTextArea {
  name: string
  label: string
  hint?: string
  error?: string
  labelSize?: LabelSize
}

/** An NHS.UK textarea with its label, hint and error message. */
export function TextArea({ name, label, hint, error, labelSize, className, rows = 5, ...textarea }: TextAreaProps) {
  const field = fieldAria({ name, hint, error })
  return (
    <FormGroup field={field} label={label} hint={hint} error={error} size={labelSize}>
      <textarea
        className={classes('nhsuk-textarea', error && 'nhsuk-textarea--error', className)}
        rows={rows}
        {...controlAttributes(field, name)}
        {...textarea}
      />
    </FormGroup>
  )
}
