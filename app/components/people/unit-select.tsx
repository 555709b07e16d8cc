import { SelectField } from '#app/components/forms/select-field.tsx'

export interface UnitChoiceGroup {
  organisation: string
  units: { id: string; label: string }[]
}

/** A select of units grouped by organisation, after a first option for "none of these" (its label given). */
export function UnitSelect({
  name,
  label,
  hint,
  error,
  groups,
  emptyLabel,
  current,
  defaultValue,
}: {
  name: string
  label: string
  hint?: string
  error?: string
  groups: UnitChoiceGroup[]
  emptyLabel: string
  /** The unit chosen now, offered even when the search did not find it. */
  current?: { id: string; label: string } | null
  defaultValue?: string
}) {
  return (
    <SelectField name={name} label={label} hint={hint} error={error} defaultValue={defaultValue ?? ''}>
      <option value="">{emptyLabel}</option>
      {current && !groups.some((group) => group.units.some((unit) => unit.id === current.id)) ? (
        <option value={current.id}>{current.label}</option>
      ) : null}
      {groups.map((group) => (
        <optgroup label={group.organisation} key={group.organisation}>
          {group.units.map((unit) => (
            <option value={unit.id} key={unit.id}>
              {unit.label}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  )
}
