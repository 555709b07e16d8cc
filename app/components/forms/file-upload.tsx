import type { InputHTMLAttributes } from 'react'
import { controlAttributes, fieldAria } from './field-ids.ts'
import { FormGroup, type LabelSize } from './form-group.tsx'

type NativeFileInput = Pick<InputHTMLAttributes<HTMLInputElement>, 'accept' | 'multiple' | 'disabled' | 'required'>

export interface FileUploadProps extends NativeFileInput {
  name: string
  label: string
  hint?: string
  error?: string
  labelSize?: LabelSize
}

/**
 * An NHS.UK file upload. The form around it needs method="post" and encType="multipart/form-data";
 * parseForm reads a file input left empty as missing.
 */
export function FileUpload({ name, label, hint, error, labelSize, ...input }: FileUploadProps) {
  const field = fieldAria({ name, hint, error })
  return (
    <FormGroup field={field} label={label} hint={hint} error={error} size={labelSize} className="nhsuk-file-upload">
      <input className="nhsuk-file-upload__input" type="file" {...controlAttributes(field, name)} {...input} />
    </FormGroup>
  )
}
