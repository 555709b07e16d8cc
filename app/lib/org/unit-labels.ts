/** A unit as a list of units to choose from shows it, with what tells it apart from others of its name. */
export interface UnitToLabel {
  id: string
  name: string
  /** The organisation it is in (its own name for an organisation), or null above organisations. */
  organisationName: string | null
  parentName: string | null
}

/**
 * Labels for choosing a unit by name: the name alone where it is unique in the list; with its organisation in
 * brackets where names repeat ("Medicine (Bay Hospitals NHS Trust)"); with its parent too where even that
 * repeats. Sorted by label.
 */
export function labelUnits(units: UnitToLabel[]): { id: string; label: string }[] {
  const countOf = (keys: string[]) => {
    const counts = new Map<string, number>()
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
    return counts
  }
  const withOrganisation = (unit: UnitToLabel) =>
    unit.organisationName && unit.organisationName !== unit.name ? `${unit.name} (${unit.organisationName})` : unit.name
  const names = countOf(units.map((unit) => unit.name))
  const organisationLabels = countOf(units.map(withOrganisation))
  return units
    .map((unit) => {
      if ((names.get(unit.name) ?? 0) < 2) return { id: unit.id, label: unit.name }
      const label = withOrganisation(unit)
      if ((organisationLabels.get(label) ?? 0) < 2 || !unit.parentName) return { id: unit.id, label }
      const where = [unit.parentName, unit.organisationName].filter((part) => part && part !== unit.name)
      return { id: unit.id, label: `${unit.name} (${where.join(', ')})` }
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'))
}
