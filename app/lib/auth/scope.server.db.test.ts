import { describe, expect, test } from 'vitest'
import { createOrg, createTeam, createUser } from '#tests/factories.ts'
import { peopleInUnit } from '#app/lib/org/units.server.ts'
import { unitSeenBy } from '#tests/visible-units.ts'
import { canSeePerson, canSeeUnit, visibleUnit } from './scope.server.ts'

async function twoTeams() {
  const org = await createOrg()
  const teamA = await createTeam({ under: org.directorate })
  const teamB = await createTeam({ under: org.directorate })
  const personInA = await createUser({ team: teamA })
  const personInB = await createUser({ team: teamB })
  return { org, teamA, teamB, personInA, personInB }
}

describe('who may see which unit and person', () => {
  test('a manager of team A sees team A and its people, but not team B or its people', async () => {
    const { org, teamA, teamB, personInA, personInB } = await twoTeams()
    const manager = await createUser({ team: teamA, roleProfile: 'team-manager', manages: [teamA] })

    expect(await canSeeUnit({ viewer: manager, unitId: teamA.id })).toBe(true)
    expect(await canSeePerson({ viewer: manager, personId: personInA.id })).toBe(true)
    expect(await canSeeUnit({ viewer: manager, unitId: teamB.id })).toBe(false)
    expect(await canSeePerson({ viewer: manager, personId: personInB.id })).toBe(false)
    // Managing a team gives no view of what sits above it.
    expect(await canSeeUnit({ viewer: manager, unitId: org.directorate.id })).toBe(false)

    const listed = await peopleInUnit({ unit: await unitSeenBy(manager, teamA) })
    expect(listed.map((p) => p.id).sort()).toEqual([personInA.id, manager.id].sort())
    // Team B's people cannot be listed: the manager cannot have team B as a unit they may see.
    expect(await visibleUnit({ viewer: manager, unitId: teamB.id })).toBeNull()
  })

  test('a manager of a directorate sees every team and person below it', async () => {
    const { org, teamA, teamB, personInB } = await twoTeams()
    const director = await createUser({ manages: [org.directorate] })
    expect(await canSeeUnit({ viewer: director, unitId: teamA.id })).toBe(true)
    expect(await canSeeUnit({ viewer: director, unitId: teamB.id })).toBe(true)
    expect(await canSeePerson({ viewer: director, personId: personInB.id })).toBe(true)
    expect(await canSeeUnit({ viewer: director, unitId: org.organisation.id })).toBe(false)
  })

  test('an admin sees every unit and person', async () => {
    const { org, teamB, personInB } = await twoTeams()
    const admin = await createUser({ isAdmin: true })
    expect(await canSeeUnit({ viewer: admin, unitId: org.icb.id })).toBe(true)
    expect(await canSeeUnit({ viewer: admin, unitId: teamB.id })).toBe(true)
    expect(await canSeePerson({ viewer: admin, personId: personInB.id })).toBe(true)
    expect(await canSeePerson({ viewer: admin, personId: 'no-such-person' })).toBe(false)
  })

  test('a learner sees only themselves', async () => {
    const { teamA, personInA } = await twoTeams()
    const learner = await createUser({ team: teamA })
    expect(await canSeePerson({ viewer: learner, personId: learner.id })).toBe(true)
    expect(await canSeePerson({ viewer: learner, personId: personInA.id })).toBe(false)
    expect(await canSeeUnit({ viewer: learner, unitId: teamA.id })).toBe(false)
  })
})
