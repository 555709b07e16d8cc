import { describe, expect, test } from 'vitest'
import { assignManager } from '#app/lib/org/memberships.server.ts'
import { createOrg, createTeam, createUser } from '#tests/factories.ts'
import { createPerson } from '#tests/people.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import { loader as adminHomeLoader } from './admin._index.tsx'
import AdminPersonPage, { action as personAction, loader as personLoader } from './admin.people.$personId.tsx'
import { loader as searchLoader } from './admin.people._index.tsx'

async function post(userId: string, personId: string, fields: Record<string, string>) {
  const request = await signedInRequest(userId, `/admin/people/${personId}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
  })
  return personAction({ request, params: { personId }, context: loadContext })
}

async function personPage(userId: string, personId: string, search = '') {
  const request = await signedInRequest(userId, `/admin/people/${personId}${search}`)
  const html = await renderRoute(
    { pattern: '/admin/people/:personId', loader: personLoader, Component: AdminPersonPage },
    request,
  )
  return readableText(html)
}

describe('the people administration pages', () => {
  test('answer 403 to learners and managers, on every page and form', async () => {
    const team = await createTeam()
    const learner = await createUser({ team })
    const manager = await createUser({ team, manages: [team] })
    for (const user of [learner, manager]) {
      const get = async (path: string) => signedInRequest(user.id, path)
      expect(await statusOf(adminHomeLoader({ request: await get('/admin'), params: {}, context: loadContext }))).toBe(
        403,
      )
      expect(
        await statusOf(searchLoader({ request: await get('/admin/people?q=a'), params: {}, context: loadContext })),
      ).toBe(403)
      expect(
        await statusOf(
          personLoader({
            request: await get(`/admin/people/${learner.id}`),
            params: { personId: learner.id },
            context: loadContext,
          }),
        ),
      ).toBe(403)
      expect(await statusOf(post(user.id, learner.id, { intent: 'grant-admin' }))).toBe(403)
    }
  })

  test('the search finds people by name and says so when no one matches', async () => {
    const team = await createTeam()
    const admin = await createUser({ isAdmin: true })
    const person = await createPerson({ name: 'Priya Routefinder', team })
    const found = await searchLoader({
      request: await signedInRequest(admin.id, '/admin/people?q=routefinder'),
      params: {},
      context: loadContext,
    })
    if ('data' in found) throw new Error('expected results')
    expect(found.found?.people.map((p) => p.id)).toEqual([person.id])

    const none = await searchLoader({
      request: await signedInRequest(admin.id, '/admin/people?q=nobody-by-this-name'),
      params: {},
      context: loadContext,
    })
    if ('data' in none) throw new Error('expected results')
    expect(none.found?.people).toEqual([])
  })

  test('a search that is too long is answered with the field’s error', async () => {
    const admin = await createUser({ isAdmin: true })
    const response = await searchLoader({
      request: await signedInRequest(admin.id, `/admin/people?q=${'x'.repeat(101)}`),
      params: {},
      context: loadContext,
    })
    if (!('data' in response)) throw new Error('expected an error')
    expect(response.init?.status).toBe(400)
    expect(response.data.error).toBe('Name, email or employee number must be 100 characters or fewer')
  })

  test('a person who does not exist is 404', async () => {
    const admin = await createUser({ isAdmin: true })
    const request = await signedInRequest(admin.id, '/admin/people/no-such-person')
    expect(
      await statusOf(personLoader({ request, params: { personId: 'no-such-person' }, context: loadContext })),
    ).toBe(404)
    expect(await statusOf(post(admin.id, 'no-such-person', { intent: 'grant-admin' }))).toBe(404)
  })

  test('the person page reads in plain English: names, dates in words, no ids or codes', async () => {
    const org = await createOrg()
    const team = await createTeam({ under: org.directorate })
    const admin = await createUser({ isAdmin: true })
    const person = await createPerson({
      name: 'Aisha Khan',
      team,
      employeeNumber: '20254321',
      organisationCode: org.organisation.code,
    })
    const text = await personPage(admin.id, person.id)
    expect(text).toContain(`Employee number 20254321 at ${org.organisation.name}`)
    expect(text).toContain(`Team ${team.name} in ${org.directorate.name}, ${org.organisation.name}, ${org.icb.name}`)
    expect(text).toContain('Role profile Clinical')
    expect(text).toMatch(/Team Role From Until .* Clinical 1 January 1970 Now/)
    expect(text).not.toContain(person.id)
    expect(text).not.toContain(team.id)
    expect(text).not.toContain(org.organisation.code)
    expect(text).not.toContain('clinical')
  })

  test('giving manager rights redirects back with a success banner naming the unit and the person', async () => {
    const team = await createTeam()
    const admin = await createUser({ isAdmin: true })
    const person = await createPerson({ name: 'Aisha Khan' })
    const response = await post(admin.id, person.id, { intent: 'grant-manager', unitId: team.id })
    if (!(response instanceof Response)) throw new Error('expected a redirect')
    expect(response.status).toBe(302)
    const location = response.headers.get('Location') ?? ''
    expect(location).toBe(`/admin/people/${person.id}?done=manager-granted&unit=${team.id}`)
    const text = await personPage(admin.id, person.id, location.slice(location.indexOf('?')))
    expect(text).toContain(`Success Manager rights over ${team.name} given to Aisha Khan`)
    expect(text).toMatch(new RegExp(`${team.name} \\(team\\) An administrator Remove`))
  })

  test('a form without what it needs is answered with the field’s error', async () => {
    const admin = await createUser({ isAdmin: true })
    const person = await createPerson({ name: 'Ben Barker' })
    const response = await post(admin.id, person.id, { intent: 'grant-manager', unitId: '' })
    if (!('data' in response)) throw new Error('expected errors')
    expect(response.init?.status).toBe(400)
    expect(response.data.errors).toEqual({ unitId: 'Choose the unit they will manage' })

    const badRole = await post(admin.id, person.id, { intent: 'set-overrides', teamId: '', roleProfile: 'chief' })
    if (!('data' in badRole)) throw new Error('expected errors')
    expect(badRole.data.errors).toEqual({ roleProfile: 'Choose a role profile from the list' })

    expect(await statusOf(post(admin.id, person.id, { intent: 'delete-everyone' }))).toBe(400)
  })

  test('a change that cannot be made says why, and changes nothing', async () => {
    const team = await createTeam()
    const admin = await createUser({ isAdmin: true })
    const person = await createPerson({ name: 'Chloe Campbell' })
    await assignManager({ userId: person.id, unitId: team.id, source: 'import' })
    const refused = await post(admin.id, person.id, { intent: 'revoke-manager', unitId: team.id })
    if (!('data' in refused)) throw new Error('expected a refusal')
    expect(refused.init?.status).toBe(409)
    expect(refused.data.problem).toContain('This comes from the staff list: Chloe Campbell is line manager')

    const own = await post(admin.id, admin.id, { intent: 'revoke-admin' })
    if (!('data' in own)) throw new Error('expected a refusal')
    expect(own.data.problem).toBe(
      'You cannot remove your own administrator rights. Ask another administrator to do it.',
    )
  })

  test('suspending asks first, on a page of its own', async () => {
    const team = await createTeam()
    const admin = await createUser({ isAdmin: true })
    const person = await createPerson({ name: 'Dee Dawson', team })
    const confirm = await personPage(admin.id, person.id, '?confirm=suspend')
    expect(confirm).toContain('Suspend Dee Dawson?')
    expect(confirm).toContain(`They leave ${team.name} from today`)
    expect(confirm).toContain('Yes, suspend Dee Dawson')

    const response = await post(admin.id, person.id, { intent: 'suspend' })
    if (!(response instanceof Response)) throw new Error('expected a redirect')
    const text = await personPage(admin.id, person.id, '?done=suspended')
    expect(text).toContain('Dee Dawson is suspended. They cannot sign in and have been signed out everywhere.')
    expect(text).toContain('Status Suspended Since')
    expect(text).toContain(`Restoring them puts them back in ${team.name}`)
  })
})
