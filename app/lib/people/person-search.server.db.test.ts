import { describe, expect, test } from 'vitest'
import { createOrg, createTeam, createUser } from '#tests/factories.ts'
import { createPerson } from '#tests/people.ts'
import { searchPeople } from './person-search.server.ts'
import { suspendPeople } from './suspension.server.ts'

// Each test makes its own people with a surname of its own, so the tests share one database without meeting.

const names = (page: { people: { name: string }[] }) => page.people.map((person) => person.name)
const system = { id: null, name: 'Test' }

describe('finding people from one search box', () => {
  test('by part of the name, whatever the case, in name order', async () => {
    const team = await createTeam()
    const admin = await createUser({ isAdmin: true })
    await createPerson({ name: 'Aisha Quixley', team })
    await createPerson({ name: 'ben quixleyson', team })
    await createPerson({ name: 'Chloe Quinn', team })

    const found = await searchPeople({ viewer: admin, query: '  QUIXLEY ' })
    expect(names(found)).toEqual(['Aisha Quixley', 'ben quixleyson'])
    expect(found.people[0]).toMatchObject({ teamName: team.name, roleProfile: 'Clinical', suspended: false })
    expect(await searchPeople({ viewer: admin, query: '' })).toEqual({ people: [], next: null, previous: null })
  })

  test('by the start of the email address, or the employee number exactly', async () => {
    const team = await createTeam()
    const admin = await createUser({ isAdmin: true })
    await createPerson({ name: 'Dan Emailfinder', email: 'dan.e@trust.example', employeeNumber: '40012345', team })

    expect(names(await searchPeople({ viewer: admin, query: 'Dan.E@trust' }))).toEqual(['Dan Emailfinder'])
    // Part of the address that is not its start does not find them…
    expect(names(await searchPeople({ viewer: admin, query: 'e@trust.example' }))).toEqual([])
    expect(names(await searchPeople({ viewer: admin, query: '40012345' }))).toEqual(['Dan Emailfinder'])
    // …and neither does part of an employee number.
    expect(names(await searchPeople({ viewer: admin, query: '4001234' }))).toEqual([])
  })

  test('what is typed is matched as text: % and _ are not wildcards', async () => {
    const team = await createTeam()
    const admin = await createUser({ isAdmin: true })
    await createPerson({ name: 'Wild_card Person', team })
    await createPerson({ name: 'Wildxcard Person', team })
    expect(names(await searchPeople({ viewer: admin, query: 'wild_card' }))).toEqual(['Wild_card Person'])
    expect(names(await searchPeople({ viewer: admin, query: 'wild%card' }))).toEqual([])
  })

  test('a page at a time, forwards and back', async () => {
    const team = await createTeam()
    const admin = await createUser({ isAdmin: true })
    for (const first of ['Gina', 'Abe', 'Faye', 'Cara', 'Eve', 'Bo', 'Dee']) {
      await createPerson({ name: `${first} Pagewood`, team })
    }
    const query = 'pagewood'
    const first = await searchPeople({ viewer: admin, query, limit: 3 })
    expect(names(first)).toEqual(['Abe Pagewood', 'Bo Pagewood', 'Cara Pagewood'])
    expect(first.previous).toBeNull()
    const second = await searchPeople({ viewer: admin, query, limit: 3, after: first.next })
    expect(names(second)).toEqual(['Dee Pagewood', 'Eve Pagewood', 'Faye Pagewood'])
    const third = await searchPeople({ viewer: admin, query, limit: 3, after: second.next })
    expect(names(third)).toEqual(['Gina Pagewood'])
    expect(third.next).toBeNull()

    const backToSecond = await searchPeople({ viewer: admin, query, limit: 3, before: third.previous })
    expect(names(backToSecond)).toEqual(names(second))
    const backToFirst = await searchPeople({ viewer: admin, query, limit: 3, before: backToSecond.previous })
    expect(names(backToFirst)).toEqual(names(first))
    expect(backToFirst.previous).toBeNull()
    expect(backToFirst.next).not.toBeNull()
    // A cursor that is not one of ours reads as the first page.
    expect(names(await searchPeople({ viewer: admin, query, limit: 3, after: 'not-a-cursor' }))).toEqual(names(first))
  })
})

describe('whom a search may find', () => {
  async function twoOrganisations() {
    const orgA = await createOrg()
    const orgB = await createOrg()
    const teamA = await createTeam({ under: orgA.directorate })
    const teamB = await createTeam({ under: orgB.directorate })
    const inA = await createPerson({ name: 'Sam Ortegaby', team: teamA })
    const inB = await createPerson({ name: 'Sam Ortegaby', team: teamB })
    return { orgA, orgB, teamA, teamB, inA, inB }
  }

  test('a manager finds only the people of the units they manage, however many share the name', async () => {
    const { orgA, teamA, inA } = await twoOrganisations()
    const teamManager = await createUser({ team: teamA, manages: [teamA] })
    const director = await createUser({ manages: [orgA.directorate] })
    for (const manager of [teamManager, director]) {
      const found = await searchPeople({ viewer: manager, query: 'ortegaby' })
      expect(found.people.map((person) => person.id)).toEqual([inA.id])
    }
    const admin = await createUser({ isAdmin: true })
    expect((await searchPeople({ viewer: admin, query: 'ortegaby' })).people).toHaveLength(2)
  })

  test('a learner finds no one, not even their own teammates', async () => {
    const { teamA } = await twoOrganisations()
    const learner = await createUser({ team: teamA })
    expect((await searchPeople({ viewer: learner, query: 'ortegaby' })).people).toEqual([])
  })

  test('suspended people are hidden from managers and shown, marked, to administrators', async () => {
    const { teamA, inA } = await twoOrganisations()
    const colleague = await createPerson({ name: 'Sue Ortegaby', team: teamA })
    const manager = await createUser({ manages: [teamA] })
    const admin = await createUser({ isAdmin: true })
    await suspendPeople({ userIds: [colleague.id], by: 'admin', actor: system })

    const managerFinds = await searchPeople({ viewer: manager, query: 'ortegaby' })
    expect(managerFinds.people.map((person) => person.id)).toEqual([inA.id])
    const adminFinds = await searchPeople({ viewer: admin, query: 'sue ortegaby' })
    expect(adminFinds.people).toEqual([expect.objectContaining({ id: colleague.id, suspended: true, teamName: null })])
  })
})
