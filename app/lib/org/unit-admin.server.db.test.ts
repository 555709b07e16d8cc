import { asc, eq, inArray } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditPage } from '#app/lib/audit/audit-query.server.ts'
import { visibleUnit } from '#app/lib/auth/scope.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { unitHeadcount } from '#app/lib/reports/readiness-report.server.ts'
import { createOrg, createTeam, createUser } from '#tests/factories.ts'
import { unitSeenBy } from '#tests/visible-units.ts'
import { membershipHistoryOf, setMembership } from './memberships.server.ts'
import type { OrgUnit } from './org-unit.ts'
import {
  closeUnit,
  createChildUnit,
  moveUnit,
  renameUnit,
  reopenUnit,
  type UnitChangeResult,
} from './unit-admin.server.ts'
import { childUnitsWithHeadcount, createOrgUnit } from './units.server.ts'

async function anAdmin() {
  const admin = await createUser({ isAdmin: true })
  return { admin, actor: { id: admin.id, name: `Admin ${admin.name}` } }
}

function changed(result: UnitChangeResult): OrgUnit {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`)
  return result.unit
}

/** The ancestor table's rows for these units, as "ancestor name > descendant name @ depth", sorted. */
async function closureOf(units: OrgUnit[]): Promise<string[]> {
  const { orgUnits, orgUnitClosure } = schema()
  const names = new Map((await db().select().from(orgUnits)).map((unit) => [unit.id, unit.name]))
  const rows = await db()
    .select()
    .from(orgUnitClosure)
    .where(
      inArray(
        orgUnitClosure.descendantId,
        units.map((unit) => unit.id),
      ),
    )
    .orderBy(asc(orgUnitClosure.depth))
  return rows.map((row) => `${names.get(row.ancestorId)} > ${names.get(row.descendantId)} @ ${row.depth}`).sort()
}

/** What the ancestor table should hold for these units, worked out from parent links alone. */
async function closureFromParents(units: OrgUnit[]): Promise<string[]> {
  const { orgUnits } = schema()
  const all = new Map((await db().select().from(orgUnits)).map((unit) => [unit.id, unit]))
  return units
    .flatMap((unit) => {
      const rows: string[] = []
      let depth = 0
      for (let at = all.get(unit.id); at; at = at.parentId ? all.get(at.parentId) : undefined) {
        rows.push(`${at.name} > ${unit.name} @ ${depth++}`)
      }
      return rows
    })
    .sort()
}

async function auditOf(unit: { id: string }) {
  const { entries } = await auditPage({ filters: { subjectId: unit.id } })
  return entries.map(({ action, actorName, subjectType, subjectName, before, after }) => ({
    action,
    actorName,
    subjectType,
    subjectName,
    before,
    after,
  }))
}

async function freshUnit(id: string) {
  const { orgUnits } = schema()
  const [unit] = await db().select().from(orgUnits).where(eq(orgUnits.id, id))
  if (!unit) throw new Error('unit gone')
  return unit
}

describe('adding a unit', () => {
  test('puts it under its parent with a code of its own, in the ancestor table, and in the audit log', async () => {
    const { actor } = await anAdmin()
    const { icb, organisation, directorate } = await createOrg()
    const team = changed(
      await createChildUnit({ parentId: directorate.id, name: 'Ward 9 – Surgery', kind: 'team', actor }),
    )
    expect(team).toMatchObject({ name: 'Ward 9 – Surgery', kind: 'team', parentId: directorate.id, closedAt: null })
    expect(team.code).toMatch(/^local-[0-9a-f-]{36}$/)
    expect(await closureOf([team])).toEqual([
      `${directorate.name} > Ward 9 – Surgery @ 1`,
      `${icb.name} > Ward 9 – Surgery @ 3`,
      `${organisation.name} > Ward 9 – Surgery @ 2`,
      'Ward 9 – Surgery > Ward 9 – Surgery @ 0',
    ])
    expect(await auditOf(team)).toEqual([
      {
        action: 'unit.created',
        actorName: actor.name,
        subjectType: 'unit',
        subjectName: 'Ward 9 – Surgery',
        before: null,
        after: { name: 'Ward 9 – Surgery', kind: 'Team', parent: directorate.name },
      },
    ])
  })

  test('the kind is implied where the parent holds one kind only, and chosen where it holds more', async () => {
    const { actor } = await anAdmin()
    const { icb, organisation } = await createOrg()
    const trust = changed(await createChildUnit({ parentId: icb.id, name: 'Another trust', actor }))
    expect(trust.kind).toBe('organisation')
    expect(await createChildUnit({ parentId: organisation.id, name: 'Surgery', actor })).toEqual({
      ok: false,
      errors: { childKind: 'Choose what kind of unit to add' },
    })
    expect(await createChildUnit({ parentId: icb.id, name: 'A team', kind: 'team', actor })).toEqual({
      ok: false,
      errors: { childKind: 'An integrated care board can only hold organisations' },
    })
    // Teams straight under an organisation, and directorates inside directorates: HR structures vary.
    const teamInTrust = changed(
      await createChildUnit({ parentId: trust.id, name: 'Board office', kind: 'team', actor }),
    )
    const division = changed(
      await createChildUnit({ parentId: trust.id, name: 'Division', kind: 'directorate', actor }),
    )
    const careGroup = changed(
      await createChildUnit({ parentId: division.id, name: 'Care group', kind: 'directorate', actor }),
    )
    const ward = changed(await createChildUnit({ parentId: careGroup.id, name: 'Deep ward', kind: 'team', actor }))
    expect(teamInTrust.parentId).toBe(trust.id)
    expect(await closureOf([ward])).toEqual(await closureFromParents([ward]))
    expect(await closureOf([ward])).toContain(`${icb.name} > Deep ward @ 4`)
  })

  test('is refused under a team, under a closed unit, and beside a unit of the same name', async () => {
    const { actor } = await anAdmin()
    const { directorate } = await createOrg()
    const team = await createTeam({ under: directorate })
    expect(await createChildUnit({ parentId: team.id, name: 'Bay A', kind: 'team', actor })).toEqual({
      ok: false,
      errors: { childName: 'A team cannot hold other units' },
    })
    expect(
      await createChildUnit({ parentId: directorate.id, name: team.name.toUpperCase(), kind: 'team', actor }),
    ).toEqual({
      ok: false,
      errors: { childName: `There is already a unit called ${team.name.toUpperCase()} in ${directorate.name}` },
    })
    const empty = changed(
      await createChildUnit({ parentId: directorate.id, name: 'Closing soon', kind: 'directorate', actor }),
    )
    changed(await closeUnit({ unitId: empty.id, actor }))
    expect(await createChildUnit({ parentId: empty.id, name: 'Late team', kind: 'team', actor })).toEqual({
      ok: false,
      errors: { childName: 'You cannot add units to Closing soon while it is closed. Reopen it first.' },
    })
    expect((await auditOf(team)).length).toBe(0)
  })
})

describe('renaming a unit', () => {
  test('changes its name only, and the audit log keeps the old one', async () => {
    const { actor } = await anAdmin()
    const team = await createTeam()
    const renamed = changed(await renameUnit({ unitId: team.id, name: 'Ward 7A', actor }))
    expect(renamed).toMatchObject({ id: team.id, name: 'Ward 7A', code: team.code, parentId: team.parentId })
    expect(await auditOf(team)).toEqual([
      {
        action: 'unit.renamed',
        actorName: actor.name,
        subjectType: 'unit',
        subjectName: 'Ward 7A',
        before: { name: team.name },
        after: { name: 'Ward 7A' },
      },
    ])
    expect(await renameUnit({ unitId: team.id, name: 'Ward 7A', actor })).toEqual({
      ok: false,
      errors: { name: 'The unit is already called Ward 7A' },
    })
  })
})

describe('moving a unit', () => {
  test('rewrites the ancestor table for it and everything below it, and says so in the audit log', async () => {
    const { actor } = await anAdmin()
    const from = await createOrg()
    const to = await createOrg()
    const division = await createOrgUnit({
      code: 'm-div',
      name: 'Division M',
      kind: 'directorate',
      parentId: from.directorate.id,
    })
    const careGroup = await createOrgUnit({
      code: 'm-cg',
      name: 'Care group M',
      kind: 'directorate',
      parentId: division.id,
    })
    const teamA = await createOrgUnit({ code: 'm-a', name: 'Team M-A', kind: 'team', parentId: division.id })
    const teamB = await createOrgUnit({ code: 'm-b', name: 'Team M-B', kind: 'team', parentId: careGroup.id })
    const subtree = [division, careGroup, teamA, teamB]
    const bystander = await createTeam({ under: from.directorate })

    changed(await moveUnit({ unitId: division.id, parentId: to.organisation.id, actor }))

    expect((await freshUnit(division.id)).parentId).toBe(to.organisation.id)
    expect(await closureOf(subtree)).toEqual(
      await closureFromParents(await Promise.all(subtree.map((u) => freshUnit(u.id)))),
    )
    expect(await closureOf([teamB])).toEqual(
      [
        'Care group M > Team M-B @ 1',
        'Division M > Team M-B @ 2',
        `${to.organisation.name} > Team M-B @ 3`,
        `${to.icb.name} > Team M-B @ 4`,
        'Team M-B > Team M-B @ 0',
      ].sort(),
    )
    // Nothing outside the moved units changed.
    expect(await closureOf([bystander, from.directorate, to.organisation])).toEqual(
      await closureFromParents([bystander, from.directorate, to.organisation]),
    )
    expect(await auditOf(division)).toEqual([
      {
        action: 'unit.moved',
        actorName: actor.name,
        subjectType: 'unit',
        subjectName: 'Division M',
        before: { parent: from.directorate.name },
        after: { parent: to.organisation.name },
      },
    ])
  })

  test('managers of the old parent stop seeing the team and managers of the new one start to', async () => {
    const { actor } = await anAdmin()
    const from = await createOrg()
    const to = await createOrg()
    const team = await createTeam({ under: from.directorate })
    const oldManager = await createUser({ manages: [from.directorate] })
    const newManager = await createUser({ manages: [to.directorate] })
    const teamManager = await createUser({ manages: [team] })
    expect(await visibleUnit({ viewer: oldManager, unitId: team.id })).not.toBeNull()
    expect(await visibleUnit({ viewer: newManager, unitId: team.id })).toBeNull()

    changed(await moveUnit({ unitId: team.id, parentId: to.directorate.id, actor }))

    expect(await visibleUnit({ viewer: oldManager, unitId: team.id })).toBeNull()
    expect(await visibleUnit({ viewer: newManager, unitId: team.id })).not.toBeNull()
    expect(await visibleUnit({ viewer: teamManager, unitId: team.id })).not.toBeNull()
  })

  test('takes its headcount from the old parent to the new one, above team level too', async () => {
    const { admin, actor } = await anAdmin()
    const from = await createOrg()
    const to = await createOrg()
    const team = await createTeam({ under: from.directorate })
    for (let i = 0; i < 3; i++) await createUser({ team })
    const stays = await createTeam({ under: from.directorate })
    await createUser({ team: stays })
    const headcount = async (unit: OrgUnit) => unitHeadcount({ unit: await unitSeenBy(admin, unit) })
    expect([await headcount(from.organisation), await headcount(to.organisation)]).toEqual([4, 0])

    changed(await moveUnit({ unitId: team.id, parentId: to.directorate.id, actor }))

    expect([await headcount(from.organisation), await headcount(to.organisation)]).toEqual([1, 3])
    expect([await headcount(from.icb), await headcount(to.icb)]).toEqual([1, 3])
    expect(await headcount(team)).toBe(3)
    const children = await childUnitsWithHeadcount({ unit: await unitSeenBy(admin, to.directorate) })
    expect(children.map(({ name, people }) => ({ name, people }))).toEqual([{ name: team.name, people: 3 }])
  })

  test('is refused into itself, below itself, into a team, against the kind rules, into a closed unit or where it is', async () => {
    const { actor } = await anAdmin()
    const { icb, organisation, directorate } = await createOrg()
    const inner = await createOrgUnit({ code: 'r-inner', name: 'Inner', kind: 'directorate', parentId: directorate.id })
    const team = await createTeam({ under: inner })
    const other = await createTeam({ under: directorate })
    const closedDirectorate = await createOrgUnit({
      code: 'r-closed',
      name: 'Old directorate',
      kind: 'directorate',
      parentId: organisation.id,
    })
    changed(await closeUnit({ unitId: closedDirectorate.id, actor }))
    const before = await closureOf([directorate, inner, team, other])
    const refusal = async (unitId: string, parentId: string) => {
      const result = await moveUnit({ unitId, parentId, actor })
      return result.ok ? 'moved' : result.errors.parentId
    }
    const intoOwn = 'You cannot move a unit into itself or one of its own units'
    expect(await refusal(directorate.id, directorate.id)).toBe(intoOwn)
    expect(await refusal(directorate.id, inner.id)).toBe(intoOwn)
    expect(await refusal(directorate.id, team.id)).toBe(intoOwn)
    expect(await refusal(other.id, team.id)).toBe('A team cannot hold other units')
    expect(await refusal(organisation.id, (await createOrg()).directorate.id)).toBe(
      'A directorate can only hold directorates or teams',
    )
    expect(await refusal(inner.id, icb.id)).toBe('An integrated care board can only hold organisations')
    expect(await refusal(icb.id, organisation.id)).toBe('An integrated care board cannot be moved')
    expect(await refusal(other.id, closedDirectorate.id)).toBe(
      'You cannot move a unit into Old directorate while it is closed. Reopen it first.',
    )
    expect(await refusal(other.id, directorate.id)).toBe(`${other.name} is already in ${directorate.name}`)
    expect(await closureOf([directorate, inner, team, other])).toEqual(before)
    expect([...(await auditOf(directorate)), ...(await auditOf(other)), ...(await auditOf(icb))]).toEqual([])
  })
})

describe('closing and reopening a unit', () => {
  test('is refused while anyone is in it or below it, or while units below it are open', async () => {
    const { actor } = await anAdmin()
    const { directorate } = await createOrg()
    const team = await createTeam({ under: directorate })
    const [first, second] = [await createUser({ team }), await createUser({ team })]
    expect(await closeUnit({ unitId: team.id, actor })).toEqual({
      ok: false,
      errors: { close: `You cannot close ${team.name} while 2 people are in it. Move them first.` },
    })
    expect(await closeUnit({ unitId: directorate.id, actor })).toEqual({
      ok: false,
      errors: { close: `You cannot close ${directorate.name} while 2 people are in it. Move them first.` },
    })
    const elsewhere = await createTeam()
    await setMembership({ userId: first.id, teamId: elsewhere.id, roleProfile: 'clinical' })
    expect(await closeUnit({ unitId: team.id, actor })).toEqual({
      ok: false,
      errors: { close: `You cannot close ${team.name} while 1 person is in it. Move them first.` },
    })
    await setMembership({ userId: second.id, teamId: elsewhere.id, roleProfile: 'clinical' })
    expect(await closeUnit({ unitId: directorate.id, actor })).toEqual({
      ok: false,
      errors: { close: `You cannot close ${directorate.name} while it has 1 open unit. Close or move them first.` },
    })
    expect(await auditOf(team)).toEqual([])
  })

  test('keeps its history, takes no new units, and can be reopened when the unit above it is open', async () => {
    const { actor } = await anAdmin()
    const { directorate } = await createOrg()
    const team = await createTeam({ under: directorate })
    const leaver = await createUser({ team })
    await setMembership({ userId: leaver.id, teamId: (await createTeam()).id, roleProfile: 'clinical' })

    const closed = changed(await closeUnit({ unitId: team.id, actor }))
    expect(closed.closedAt).toBeInstanceOf(Date)
    expect((await membershipHistoryOf({ userId: leaver.id })).map((period) => period.teamId)).toContain(team.id)
    expect(await closeUnit({ unitId: team.id, actor })).toEqual({
      ok: false,
      errors: { close: `${team.name} is already closed` },
    })

    changed(await closeUnit({ unitId: directorate.id, actor }))
    expect(await reopenUnit({ unitId: team.id, actor })).toEqual({
      ok: false,
      errors: {
        reopen: `You cannot reopen ${team.name} while ${directorate.name} is closed. Reopen ${directorate.name} first.`,
      },
    })
    changed(await reopenUnit({ unitId: directorate.id, actor }))
    const reopened = changed(await reopenUnit({ unitId: team.id, actor }))
    expect(reopened.closedAt).toBeNull()

    expect(await auditOf(team)).toEqual([
      {
        action: 'unit.reopened',
        actorName: actor.name,
        subjectType: 'unit',
        subjectName: team.name,
        before: { status: 'closed' },
        after: { status: 'open' },
      },
      {
        action: 'unit.closed',
        actorName: actor.name,
        subjectType: 'unit',
        subjectName: team.name,
        before: { status: 'open' },
        after: { status: 'closed' },
      },
    ])
    expect((await auditOf(directorate)).map((entry) => entry.action)).toEqual(['unit.reopened', 'unit.closed'])
  })
})
