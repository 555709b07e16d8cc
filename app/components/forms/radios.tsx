import { Choices, type ChoicesProps } from './choices.tsx'

export type { ChoiceItem } from './choices.tsx'

/** NHS.UK radios: one answer, with optional conditional reveal under an option. */
export function Radios({ defaultValue, ...props }: ChoicesProps & { defaultValue?: string }) {
  return <Choices kind="radios" checked={(value) => value === defaultValue} {...props} />
}
