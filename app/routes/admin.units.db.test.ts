import { describe, expect, test } from 'vitest'
import { auditPage } from '#app/lib/audit/audit-query.server.ts'
import { createOrgUnit } from '#app/lib/org/units.server.ts'
import { createOrg, createTeam, createUser } from '#tests/factories.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import { loader as indexLoader } from './admin.units._index.tsx'
import { action, loader } from './admin.units.$unitId.tsx'

async function getUnitPage(userId: string, unitId: string, search = '') {
  return loader({
    request: await signedInRequest(userId, `/admin/units/${unitId}${search}`),
    params: { unitId },
    context: loadContext,
  })
}

async function post(userId: string, unitId: string, fields: Record<string, string>) {
  return action({
    request: await signedInRequest(userId, `/admin/units/${unitId}`, {
      method: 'POST',
      body: new URLSearchParams(fields),
    }),
    params: { unitId },
    context: loadContext,
  })
}

/** Where a successful form sends the browser (post/redirect/get). */
function redirectedTo(response: Awaited<ReturnType<typeof post>>): string {
  if ('data' in response) throw new Error(`expected a redirect, got ${JSON.stringify(response.data.errors)}`)
  expect(response.status).toBe(302)
  return response.headers.get('Location') ?? ''
}

function errorsOf(response: Awaited<ReturnType<typeof post>>) {
  if (!('data' in response)) throw new Error(`expected errors, got a redirect to ${response.headers.get('Location')}`)
  expect(response.init?.status).toBe(400)
  return response.data.errors
}

describe('the units administration pages', () => {
  test('are for administrators only: learners and managers get 403 on every page and form', async () => {
    const { directorate } = await createOrg()
    const team = await createTeam({ under: directorate })
    const learner = await createUser({ team })
    const manager = await createUser({ team, manages: [directorate] })
    for (const user of [learner, manager]) {
      const index = indexLoader({
        request: await signedInRequest(user.id, '/admin/units'),
        params: {},
        context: loadContext,
      })
      expect(await statusOf(index)).toBe(403)
      expect(await statusOf(getUnitPage(user.id, team.id))).toBe(403)
      expect(await statusOf(post(user.id, team.id, { intent: 'rename', name: 'Taken over' }))).toBe(403)
    }
    expect((await auditPage({ filters: { subjectId: team.id } })).entries).toEqual([])
  })

  test('an unknown unit is not found', async () => {
    const admin = await createUser({ isAdmin: true })
    expect(await statusOf(getUnitPage(admin.id, 'no-such-unit'))).toBe(404)
    expect(await statusOf(post(admin.id, 'no-such-unit', { intent: 'close' }))).toBe(404)
  })

  test('the first page shows the ICB and its organisations with headcounts, and the search finds any unit', async () => {
    const admin = await createUser({ isAdmin: true })
    const { icb, organisation, directorate } = await createOrg()
    const team = await createOrgUnit({
      code: 'search-ward',
      name: 'Zebra ward',
      kind: 'team',
      parentId: directorate.id,
    })
    await createUser({ team })
    await createUser({ team })
    const top = await indexLoader({
      request: await signedInRequest(admin.id, '/admin/units'),
      params: {},
      context: loadContext,
    })
    const shown = top.tree?.find((unit) => unit.id === icb.id)
    expect(shown).toMatchObject({ name: icb.name, kindLabel: 'Integrated care board', people: 2 })
    expect(shown?.children).toEqual([
      expect.objectContaining({ id: organisation.id, name: organisation.name, people: 2, closed: false }),
    ])

    const found = await indexLoader({
      request: await signedInRequest(admin.id, '/admin/units?q=zebra'),
      params: {},
      context: loadContext,
    })
    expect(found.found?.units).toEqual([
      expect.objectContaining({
        id: team.id,
        name: 'Zebra ward',
        kindLabel: 'Team',
        people: 2,
        within: [directorate.name, organisation.name],
      }),
    ])
  })

  test('a unit page shows where it is, its people and the units in it', async () => {
    const admin = await createUser({ isAdmin: true })
    const { icb, organisation, directorate } = await createOrg()
    const team = await createTeam({ under: directorate })
    await createUser({ team })
    const page = await getUnitPage(admin.id, directorate.id)
    expect(page.unit).toMatchObject({ name: directorate.name, kind: 'Directorate', people: 1, closed: false })
    expect(page.ancestors.map((unit) => unit.name)).toEqual([icb.name, organisation.name])
    expect(page.parent).toMatchObject({ id: organisation.id, name: organisation.name })
    expect(page.children).toEqual([{ id: team.id, name: team.name, kindLabel: 'Team', people: 1, closed: false }])
    expect(page.childKinds.map((kind) => kind.label)).toEqual(['Directorate', 'Team'])
    expect(page.cannotClose).toBe(`You cannot close ${directorate.name} while 1 person is in it. Move them first.`)
    expect((await getUnitPage(admin.id, team.id)).childKinds).toEqual([])
  })

  test('adding, renaming, moving, closing and reopening each lead back to the page with what happened', async () => {
    const admin = await createUser({ isAdmin: true })
    const { organisation, directorate } = await createOrg()
    const elsewhere = await createOrgUnit({
      code: 'route-elsewhere',
      name: 'Elsewhere',
      kind: 'directorate',
      parentId: organisation.id,
    })

    const created = redirectedTo(
      await post(admin.id, directorate.id, { intent: 'add', childName: ' Ward 12 ', childKind: 'team' }),
    )
    const newId = /^\/admin\/units\/([^/?]+)\?done=created$/.exec(created)?.[1] ?? ''
    expect((await getUnitPage(admin.id, newId, '?done=created')).done).toBe(
      `Ward 12 has been added to ${directorate.name}`,
    )

    expect(redirectedTo(await post(admin.id, newId, { intent: 'rename', name: 'Ward 12A' }))).toBe(
      `/admin/units/${newId}?done=renamed`,
    )
    expect((await getUnitPage(admin.id, newId, '?done=renamed')).done).toBe('The unit is now called Ward 12A')

    const moveTo = (await getUnitPage(admin.id, newId)).targets.find((target) => target.label === 'Elsewhere')
    expect(moveTo?.id).toBe(elsewhere.id)
    expect(redirectedTo(await post(admin.id, newId, { intent: 'move', parentId: elsewhere.id }))).toBe(
      `/admin/units/${newId}?done=moved`,
    )
    expect((await getUnitPage(admin.id, newId, '?done=moved')).done).toBe('Ward 12A is now in Elsewhere')

    // Closing asks first: the confirmation step is a page of its own, so it works without JavaScript.
    expect((await getUnitPage(admin.id, newId, '?close=confirm')).confirmClose).toBe(true)
    expect(redirectedTo(await post(admin.id, newId, { intent: 'close' }))).toBe(`/admin/units/${newId}?done=closed`)
    const closed = await getUnitPage(admin.id, newId, '?done=closed')
    expect(closed.done).toBe('Ward 12A has been closed')
    expect(closed.unit.closed).toBe(true)
    expect(redirectedTo(await post(admin.id, newId, { intent: 'reopen' }))).toBe(`/admin/units/${newId}?done=reopened`)

    const { entries } = await auditPage({ filters: { subjectId: newId } })
    expect(entries.map((entry) => [entry.action, entry.actorName])).toEqual([
      ['unit.reopened', admin.name],
      ['unit.closed', admin.name],
      ['unit.moved', admin.name],
      ['unit.renamed', admin.name],
      ['unit.created', admin.name],
    ])
  })

  test('forms say what is wrong in words, and change nothing', async () => {
    const admin = await createUser({ isAdmin: true })
    const { directorate } = await createOrg()
    const team = await createTeam({ under: directorate })
    await createUser({ team })
    const inner = await createOrgUnit({
      code: 'route-inner',
      name: 'Inner',
      kind: 'directorate',
      parentId: directorate.id,
    })

    expect(errorsOf(await post(admin.id, team.id, { intent: 'rename', name: '   ' }))).toEqual({
      name: 'Enter a name for the unit',
    })
    expect(errorsOf(await post(admin.id, directorate.id, { intent: 'add', childName: '' }))).toEqual({
      childName: 'Enter a name for the unit',
    })
    expect(errorsOf(await post(admin.id, directorate.id, { intent: 'add', childName: 'Ward 20' }))).toEqual({
      childKind: 'Choose what kind of unit to add',
    })
    expect(errorsOf(await post(admin.id, team.id, { intent: 'add', childName: 'Bay 1', childKind: 'team' }))).toEqual({
      childName: 'A team cannot hold other units',
    })
    expect(errorsOf(await post(admin.id, team.id, { intent: 'move', parentId: '' }))).toEqual({
      parentId: 'Choose where to move the unit',
    })
    expect(errorsOf(await post(admin.id, directorate.id, { intent: 'move', parentId: inner.id }))).toEqual({
      parentId: 'You cannot move a unit into itself or one of its own units',
    })
    expect(errorsOf(await post(admin.id, team.id, { intent: 'close' }))).toEqual({
      close: `You cannot close ${team.name} while 1 person is in it. Move them first.`,
    })
    // With people in it, the page explains why instead of offering to close it, even if asked to confirm.
    const page = await getUnitPage(admin.id, team.id, '?close=confirm')
    expect(page.confirmClose).toBe(false)
    expect(page.cannotClose).toBe(`You cannot close ${team.name} while 1 person is in it. Move them first.`)
    expect((await auditPage({ filters: { subjectId: team.id } })).entries).toEqual([])
    expect((await auditPage({ filters: { subjectId: directorate.id } })).entries).toEqual([])
  })

  test('the places to move a unit to are named, with their organisation where names repeat', async () => {
    const admin = await createUser({ isAdmin: true })
    const first = await createOrg()
    const second = await createOrg()
    const medicineOne = await createOrgUnit({
      code: 'med-1',
      name: 'Medicine',
      kind: 'directorate',
      parentId: first.organisation.id,
    })
    const medicineTwo = await createOrgUnit({
      code: 'med-2',
      name: 'Medicine',
      kind: 'directorate',
      parentId: second.organisation.id,
    })
    const team = await createTeam({ under: medicineOne })
    const { targets } = await getUnitPage(admin.id, team.id)
    const labels = new Map(targets.map((target) => [target.id, target.label]))
    expect(labels.has(medicineOne.id)).toBe(false)
    expect(labels.get(medicineTwo.id)).toBe(`Medicine (${second.organisation.name})`)
    expect(labels.get(first.organisation.id)).toBe(first.organisation.name)
    expect(labels.has(team.id)).toBe(false)
    expect(labels.has(first.icb.id)).toBe(false)
  })
})
