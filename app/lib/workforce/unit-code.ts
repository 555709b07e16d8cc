// How an imported unit is keyed: its organisation's code, then each level of its path in the staff list.
// Units an administrator makes by hand have other codes, so imports never close or rename them.

export const UNIT_PATH_SEPARATOR = ' > '

/** A unit's key: the organisation code, then each level of the path (the organisation itself: just the code). */
export function unitCode(organisationCode: string, path: readonly string[]): string {
  return [organisationCode, ...path].join(UNIT_PATH_SEPARATOR)
}
