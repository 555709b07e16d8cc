import { describe, expect, test } from 'vitest'
import { canSeeUnit } from '#app/lib/auth/scope.server.ts'
import { validateSessionToken } from '#app/lib/auth/session.server.ts'
import { signIn } from '#app/lib/auth/sign-in.server.ts'
import { assignManager, membershipHistoryOf, membershipOf } from '#app/lib/org/memberships.server.ts'
import { childUnitsWithHeadcount } from '#app/lib/org/units.server.ts'
import { createOrg, createTeam, createUser, TEST_PASSWORD } from '#tests/factories.ts'
import { auditOf, createPerson, createStaffPost } from '#tests/people.ts'
import { signedInRequest } from '#tests/requests.ts'
import { unitSeenBy } from '#tests/visible-units.ts'
import { personForAdmin } from './person-admin.server.ts'
import { setOverrides } from './person-overrides.server.ts'
import { grantAdmin, grantManager, revokeAdmin, revokeManager } from './person-rights.server.ts'
import { restorePerson, suspendPerson } from './person-status.server.ts'

async function anAdmin() {
  const admin = await createUser({ isAdmin: true })
  return { ...admin, name: 'Alex Admin' }
}

describe("an administrator's view of a person", () => {
  test('who they are, where they sit and have sat, their posts and rights; only for administrators', async () => {
    const org = await createOrg()
    const team = await createTeam({ under: org.directorate })
    const admin = await anAdmin()
    const person = await createPerson({ name: 'Aisha Khan', team, employeeNumber: '123456', organisationCode: 'RXN' })
    await createStaffPost({ userId: person.id, unitId: team.id })
    await assignManager({ userId: person.id, unitId: team.id, source: 'import' })
    await assignManager({ userId: person.id, unitId: org.directorate.id, source: 'admin' })

    const view = await personForAdmin({ viewer: admin, userId: person.id })
    expect(view).toMatchObject({
      name: 'Aisha Khan',
      employeeNumber: '123456',
      // No unit in the tree has the organisation's HR code, so there is no name to give it.
      employer: null,
      status: { suspended: false },
      lastSignInAt: null,
      team: {
        name: team.name,
        above: [org.icb.name, org.organisation.name, org.directorate.name],
        roleProfile: 'Clinical',
      },
      overrides: { team: null, roleProfile: null },
      history: [{ teamName: team.name, roleProfile: 'Clinical', endedAt: null }],
      posts: [{ positionTitle: 'Staff nurse', unitName: team.name, isPrimary: true, startDate: '2024-04-01' }],
      rights: {
        isAdmin: false,
        managerOf: [
          { unitName: org.directorate.name, kind: 'Directorate', fromStaffList: false, byAdministrator: true },
          { unitName: team.name, kind: 'Team', fromStaffList: true, byAdministrator: false },
        ],
      },
    })
    const manager = await createUser({ manages: [team] })
    expect(await personForAdmin({ viewer: manager, userId: person.id })).toBeNull()
    expect(await personForAdmin({ viewer: admin, userId: 'no-such-person' })).toBeNull()
  })
})

describe('team and role profile chosen by an administrator', () => {
  test('apply from now, are kept on the person and audited; clearing goes back to the staff list’s team', async () => {
    const org = await createOrg()
    const ward7 = await createTeam({ under: org.directorate })
    const ward8 = await createTeam({ under: org.directorate })
    const admin = await anAdmin()
    const person = await createPerson({ name: 'Ben Barker', team: ward7 })
    await createStaffPost({ userId: person.id, unitId: ward7.id })

    const set = await setOverrides({
      actor: admin,
      userId: person.id,
      teamId: ward8.id,
      roleProfile: 'digital-champion',
    })
    expect(set).toEqual({ ok: true, done: 'override-set' })
    expect(await membershipOf({ userId: person.id })).toMatchObject({
      teamId: ward8.id,
      roleProfile: 'digital-champion',
    })
    const history = await membershipHistoryOf({ userId: person.id })
    expect(history.map((period) => [period.teamName, period.endedAt === null])).toEqual([
      [ward8.name, true],
      [ward7.name, false],
    ])
    expect((await personForAdmin({ viewer: admin, userId: person.id }))?.overrides).toMatchObject({
      team: ward8.name,
      roleProfile: 'Digital champion',
    })
    // Ward 8 counts them now and Ward 7 no longer does.
    const headcounts = await childUnitsWithHeadcount({ unit: await unitSeenBy(admin, org.directorate) })
    expect(headcounts.find((unit) => unit.id === ward8.id)?.people).toBe(1)
    expect(headcounts.find((unit) => unit.id === ward7.id)?.people).toBe(0)

    const cleared = await setOverrides({ actor: admin, userId: person.id, teamId: null, roleProfile: null })
    expect(cleared).toEqual({ ok: true, done: 'override-cleared' })
    expect(await membershipOf({ userId: person.id })).toMatchObject({ teamId: ward7.id })
    expect((await personForAdmin({ viewer: admin, userId: person.id }))?.overrides).toMatchObject({
      team: null,
      roleProfile: null,
    })

    const audit = await auditOf(person.id)
    expect(audit.map((entry) => [entry.action, entry.actorName, entry.before, entry.after])).toEqual([
      [
        'person.override-set',
        'Alex Admin',
        {
          team: ward7.name,
          roleProfile: 'Clinical',
          teamSetByAdministrator: false,
          roleProfileSetByAdministrator: false,
        },
        {
          team: ward8.name,
          roleProfile: 'Digital champion',
          teamSetByAdministrator: true,
          roleProfileSetByAdministrator: true,
        },
      ],
      [
        'person.override-cleared',
        'Alex Admin',
        {
          team: ward8.name,
          roleProfile: 'Digital champion',
          teamSetByAdministrator: true,
          roleProfileSetByAdministrator: true,
        },
        {
          team: ward7.name,
          roleProfile: 'Digital champion',
          teamSetByAdministrator: false,
          roleProfileSetByAdministrator: false,
        },
      ],
    ])
  })

  test('a team that is not a team, or a suspended person, is refused and nothing changes', async () => {
    const org = await createOrg()
    const team = await createTeam({ under: org.directorate })
    const admin = await anAdmin()
    const person = await createPerson({ name: 'Cara Campbell', team })
    expect(
      await setOverrides({ actor: admin, userId: person.id, teamId: org.directorate.id, roleProfile: null }),
    ).toEqual({ ok: false, problem: 'Choose a team from the list' })
    await suspendPerson({ actor: admin, userId: person.id })
    const refused = await setOverrides({ actor: admin, userId: person.id, teamId: team.id, roleProfile: 'clinical' })
    expect(refused).toMatchObject({ ok: false, problem: expect.stringContaining('Cara Campbell is suspended') })
    expect((await auditOf(person.id)).map((entry) => entry.action)).toEqual(['person.suspended'])
  })
})

describe('manager and administrator rights', () => {
  test('manager rights given and taken back by an administrator are audited', async () => {
    const team = await createTeam()
    const admin = await anAdmin()
    const person = await createPerson({ name: 'Dee Dawson' })
    expect(await grantManager({ actor: admin, userId: person.id, unitId: team.id })).toEqual({
      ok: true,
      done: 'manager-granted',
      unitId: team.id,
    })
    expect(await canSeeUnit({ viewer: { id: person.id, isAdmin: false }, unitId: team.id })).toBe(true)
    expect(await revokeManager({ actor: admin, userId: person.id, unitId: team.id })).toMatchObject({ ok: true })
    expect(await canSeeUnit({ viewer: { id: person.id, isAdmin: false }, unitId: team.id })).toBe(false)
    const audit = await auditOf(person.id)
    expect(audit.map((entry) => [entry.action, entry.before, entry.after])).toEqual([
      ['rights.manager-granted', null, { manages: team.name, unitKind: 'Team' }],
      ['rights.manager-revoked', { manages: team.name, unitKind: 'Team' }, null],
    ])
  })

  test('manager rights from the staff list cannot be taken back by hand', async () => {
    const team = await createTeam()
    const admin = await anAdmin()
    const person = await createPerson({ name: 'Eve Evans' })
    await assignManager({ userId: person.id, unitId: team.id, source: 'import' })
    expect(await revokeManager({ actor: admin, userId: person.id, unitId: team.id })).toEqual({
      ok: false,
      problem:
        `This comes from the staff list: Eve Evans is line manager of people in ${team.name}. ` +
        'It will be recalculated at the next import.',
    })
    expect(await canSeeUnit({ viewer: { id: person.id, isAdmin: false }, unitId: team.id })).toBe(true)
    expect(await auditOf(person.id)).toEqual([])
  })

  test('administrator rights can be given and removed, but never by an administrator from themselves', async () => {
    const admin = await anAdmin()
    const person = await createPerson({ name: 'Farhan Fletcher' })
    expect(await grantAdmin({ actor: admin, userId: person.id })).toEqual({ ok: true, done: 'admin-granted' })
    const other = { id: person.id, isAdmin: true, name: 'Farhan Fletcher' }
    expect(await revokeAdmin({ actor: other, userId: other.id })).toEqual({
      ok: false,
      problem: 'You cannot remove your own administrator rights. Ask another administrator to do it.',
    })
    expect((await personForAdmin({ viewer: admin, userId: person.id }))?.rights.isAdmin).toBe(true)
    expect(await revokeAdmin({ actor: admin, userId: person.id })).toEqual({ ok: true, done: 'admin-revoked' })
    expect((await personForAdmin({ viewer: admin, userId: person.id }))?.rights.isAdmin).toBe(false)
    expect((await auditOf(person.id)).map((entry) => entry.action)).toEqual([
      'rights.admin-granted',
      'rights.admin-revoked',
    ])
    await expect(grantAdmin({ actor: { ...person, isAdmin: false }, userId: person.id })).rejects.toThrow()
  })
})

describe('suspending and restoring', () => {
  test('a suspended person cannot sign in, is signed out and leaves the headcount; restored, they are back', async () => {
    const org = await createOrg()
    const team = await createTeam({ under: org.directorate })
    const admin = await anAdmin()
    const person = await createPerson({ name: 'Grace Green', team })
    await createUser({ team })
    const request = await signedInRequest(person.id, '/')
    const token = (request.headers.get('Cookie') ?? '').replace('session=', '')
    const headcount = async () =>
      (await childUnitsWithHeadcount({ unit: await unitSeenBy(admin, org.directorate) })).find(
        (unit) => unit.id === team.id,
      )?.people
    expect(await headcount()).toBe(2)

    expect(await suspendPerson({ actor: admin, userId: person.id })).toEqual({ ok: true, done: 'suspended' })
    expect(await signIn({ email: person.email, password: TEST_PASSWORD, ip: null })).toEqual({
      ok: false,
      reason: 'suspended',
    })
    expect(await validateSessionToken({ token })).toBeNull()
    expect(await headcount()).toBe(1)
    expect(await personForAdmin({ viewer: admin, userId: person.id })).toMatchObject({
      status: { suspended: true, reason: 'Suspended by an administrator', by: 'Alex Admin' },
      team: null,
    })

    expect(await restorePerson({ actor: admin, userId: person.id })).toEqual({ ok: true, done: 'restored' })
    expect(await membershipOf({ userId: person.id })).toMatchObject({ teamId: team.id, roleProfile: 'clinical' })
    expect(await headcount()).toBe(2)
    expect(await signIn({ email: person.email, password: TEST_PASSWORD, ip: null })).toMatchObject({ ok: true })
  })

  test('an administrator cannot suspend themselves', async () => {
    const admin = await anAdmin()
    expect(await suspendPerson({ actor: admin, userId: admin.id })).toEqual({
      ok: false,
      problem: 'You cannot suspend yourself. Ask another administrator to do it.',
    })
    expect(await suspendPerson({ actor: admin, userId: 'no-such-person' })).toBeNull()
  })
})
