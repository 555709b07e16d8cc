import type { Schema } from '#app/lib/db.server.ts'

// What an org unit is, apart from how it is stored and who may see it: the auth scoping and the org tree
// both read this, so it sits in a file of its own that imports neither.

export type OrgUnit = Schema['orgUnits']['$inferSelect']
export type OrgUnitKind = OrgUnit['kind']

/** The tree's levels: an ICB holds organisations, which hold directorates, which hold teams. */
export const childKind: Record<OrgUnitKind, OrgUnitKind | null> = {
  icb: 'organisation',
  organisation: 'directorate',
  directorate: 'team',
  team: null,
}

/** Each kind of unit in words, as pages and reports name it. */
export const kindLabel: Record<OrgUnitKind, string> = {
  icb: 'Integrated care board',
  organisation: 'Organisation',
  directorate: 'Directorate',
  team: 'Team',
}
