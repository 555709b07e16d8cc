import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { type Viewer, visibleUnitCondition } from '#app/lib/auth/scope.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { kindLabel, type OrgUnitKind } from '#app/lib/org/org-unit.ts'
import { containsText } from './text-match.server.ts'

// The units an administrator can choose from when putting someone in a team or giving them manager rights.
// An ICB has thousands of teams, too many for one list: the page asks for part of a name, or offers the
// units of the person's own organisation, and the list is grouped by organisation either way.

export interface UnitChoiceGroup {
  organisation: string
  units: { id: string; label: string }[]
}

export const UNIT_CHOICES_LIMIT = 100

/**
 * Open units of these kinds whose name contains `query`, or (with no query) those in `withinUnitId` and below;
 * at most UNIT_CHOICES_LIMIT, with `more` when there were others.
 */
export async function unitChoices({
  viewer,
  kinds,
  query,
  withinUnitId,
}: {
  viewer: Viewer
  kinds: OrgUnitKind[]
  query: string
  withinUnitId: string | null
}): Promise<{ groups: UnitChoiceGroup[]; more: boolean }> {
  const text = query.trim()
  if (text === '' && !withinUnitId) return { groups: [], more: false }
  const { orgUnits, orgUnitClosure } = schema()
  const parent = alias(orgUnits, 'parent_unit')
  const organisation = alias(orgUnits, 'organisation_unit')
  const below = alias(orgUnitClosure, 'below_unit')
  const belowWithin = db()
    .select({ id: below.descendantId })
    .from(below)
    .where(eq(below.ancestorId, withinUnitId ?? ''))
  const rows = await db()
    .select({
      id: orgUnits.id,
      name: orgUnits.name,
      kind: orgUnits.kind,
      parentName: parent.name,
      organisationName: organisation.name,
    })
    .from(orgUnits)
    .leftJoin(parent, eq(parent.id, orgUnits.parentId))
    // Each unit's organisation: of the unit's ancestors (itself included), the one that is an organisation.
    .leftJoin(orgUnitClosure, eq(orgUnitClosure.descendantId, orgUnits.id))
    .leftJoin(organisation, and(eq(organisation.id, orgUnitClosure.ancestorId), eq(organisation.kind, 'organisation')))
    .where(
      and(
        inArray(orgUnits.kind, kinds),
        isNull(orgUnits.closedAt),
        or(eq(orgUnits.kind, 'icb'), eq(organisation.kind, 'organisation')),
        text === '' ? inArray(orgUnits.id, belowWithin) : containsText(orgUnits.name, text),
        visibleUnitCondition({ viewer, unitColumn: orgUnits.id }),
      ),
    )
    .orderBy(asc(organisation.name), asc(orgUnits.name), asc(orgUnits.id))
    .limit(UNIT_CHOICES_LIMIT + 1)

  const groups = new Map<string, UnitChoiceGroup>()
  for (const row of rows.slice(0, UNIT_CHOICES_LIMIT)) {
    const name = row.organisationName ?? kindLabel.icb
    const group = groups.get(name) ?? { organisation: name, units: [] }
    // A team is told apart from others of its name by its directorate; other units say what they are.
    const detail = row.kind === 'team' ? row.parentName : kindLabel[row.kind].toLowerCase()
    group.units.push({ id: row.id, label: detail ? `${row.name} (${detail})` : row.name })
    groups.set(name, group)
  }
  return { groups: [...groups.values()], more: rows.length > UNIT_CHOICES_LIMIT }
}
