import type { Schema } from '#app/lib/db.server.ts'

// What an org unit is, apart from how it is stored and who may see it: the auth scoping and the org tree
// both read this, so it sits in a file of its own that imports neither.

export type OrgUnit = Schema['orgUnits']['$inferSelect']
export type OrgUnitKind = OrgUnit['kind']

/**
 * What each kind of unit may hold. HR hierarchies vary in depth: one organisation puts its teams straight under
 * it, another nests directorates (division, then care group) before reaching teams; so directorates may nest.
 */
export const allowedChildKinds: Record<OrgUnitKind, readonly OrgUnitKind[]> = {
  icb: ['organisation'],
  organisation: ['directorate', 'team'],
  directorate: ['directorate', 'team'],
  team: [],
}

export function canHold(parent: OrgUnitKind, child: OrgUnitKind): boolean {
  return allowedChildKinds[parent].includes(child)
}

/** Each kind of unit in words, as pages and reports name it. */
export const kindLabel: Record<OrgUnitKind, string> = {
  icb: 'Integrated care board',
  organisation: 'Organisation',
  directorate: 'Directorate',
  team: 'Team',
}

/** A unit of each kind in a sentence ("an organisation"), and several of them ("organisations"). */
export const kindWithArticle: Record<OrgUnitKind, string> = {
  icb: 'an integrated care board',
  organisation: 'an organisation',
  directorate: 'a directorate',
  team: 'a team',
}

export const kindPlural: Record<OrgUnitKind, string> = {
  icb: 'integrated care boards',
  organisation: 'organisations',
  directorate: 'directorates',
  team: 'teams',
}
