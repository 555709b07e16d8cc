import { describe, expect, test } from 'vitest'
import { createOrg, createTeam, createUser } from '#tests/factories.ts'
import { createPerson } from '#tests/people.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import FindPersonPage, { loader as peopleLoader } from './people._index.tsx'
import { loader as personRecordLoader } from './reports.people.$personId.tsx'

async function search(userId: string, query: string) {
  const request = await signedInRequest(userId, `/people?q=${encodeURIComponent(query)}`)
  return peopleLoader({ request, params: {}, context: loadContext })
}

// Each test's people have a surname of their own: the tests share one database.
async function twoOrganisations(surname = 'Peoplepage') {
  const orgA = await createOrg()
  const orgB = await createOrg()
  const teamA = await createTeam({ under: orgA.directorate })
  const teamB = await createTeam({ under: orgB.directorate })
  const inA = await createPerson({ name: `Yasmin ${surname}`, team: teamA })
  const inB = await createPerson({ name: `Yasmin ${surname}`, team: teamB })
  const manager = await createUser({ team: teamA, manages: [teamA] })
  return { teamA, teamB, inA, inB, manager }
}

describe('finding a person (/people)', () => {
  test('learners get 403', async () => {
    const learner = await createUser({ team: await createTeam() })
    expect(await statusOf(search(learner.id, 'peoplepage'))).toBe(403)
  })

  test('a manager finds only their own people, each leading to their record of learning', async () => {
    const { inA, manager } = await twoOrganisations('Ownpeople')
    const found = await search(manager.id, 'ownpeople')
    if ('data' in found) throw new Error('expected results')
    expect(found.found?.people.map((person) => person.id)).toEqual([inA.id])

    const request = await signedInRequest(manager.id, '/people?q=ownpeople')
    const html = await renderRoute({ pattern: '/people', loader: peopleLoader, Component: FindPersonPage }, request)
    expect(html).toContain(`href="/reports/people/${inA.id}"`)
    expect(readableText(html)).not.toContain('Suspended')
  })

  test('a manager opening the record of someone outside their units gets 404, as if they did not exist', async () => {
    const { inA, inB, manager } = await twoOrganisations()
    const open = async (personId: string) =>
      personRecordLoader({
        request: await signedInRequest(manager.id, `/reports/people/${personId}`),
        params: { personId },
        context: loadContext,
      })
    expect(await statusOf(open(inA.id))).toBe(200)
    expect(await statusOf(open(inB.id))).toBe(404)
    expect(await statusOf(open('no-such-person'))).toBe(404)
  })

  test('an administrator finds everyone', async () => {
    const { inA, inB } = await twoOrganisations('Everyonefinder')
    const admin = await createUser({ isAdmin: true })
    const found = await search(admin.id, 'yasmin everyonefinder')
    if ('data' in found) throw new Error('expected results')
    expect(found.found?.people.map((person) => person.id).sort()).toEqual([inA.id, inB.id].sort())
  })

  test('before searching the page explains itself; a search that is too long is answered with the error', async () => {
    const { manager } = await twoOrganisations()
    const request = await signedInRequest(manager.id, '/people')
    const text = readableText(
      await renderRoute({ pattern: '/people', loader: peopleLoader, Component: FindPersonPage }, request),
    )
    expect(text).toContain('Search the people in the teams you look after')

    const tooLong = await search(manager.id, 'x'.repeat(101))
    if (!('data' in tooLong)) throw new Error('expected an error')
    expect(tooLong.init?.status).toBe(400)
    expect(tooLong.data.error).toBe('Name, email or employee number must be 100 characters or fewer')
  })
})
