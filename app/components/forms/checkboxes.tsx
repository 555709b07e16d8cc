import { Choices, type ChoicesProps } from './choices.tsx'

/** NHS.UK checkboxes: any number of answers, which parseForm reads as an array. */
export function Checkboxes({ defaultValue = [], ...props }: ChoicesProps & { defaultValue?: readonly string[] }) {
  return <Choices kind="checkboxes" checked={(value) => defaultValue.includes(value)} {...props} />
}
