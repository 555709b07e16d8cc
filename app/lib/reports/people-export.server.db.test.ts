import { describe, expect, test } from 'vitest'
import { createTeam } from '#tests/factories.ts'
import { buildReportFixture } from '#tests/report-fixture.ts'
import { unitSeenBy } from '#tests/visible-units.ts'
import { peopleReadinessPages } from './people-export.server.ts'
import { teamPeople } from './readiness-report.server.ts'

const now = new Date('2026-11-26T12:00:00Z')

async function allPages(options: Parameters<typeof peopleReadinessPages>[0]) {
  const pages = []
  for await (const page of peopleReadinessPages(options)) pages.push(page)
  return pages
}

describe('the people export, a page at a time', () => {
  test('pages through everyone below a unit by user id, once each, with the same readiness as their team table', async () => {
    const f = await buildReportFixture({ now })
    const pages = await allPages({ unit: await unitSeenBy(f.admin, f.organisation), now, pageSize: 4 })
    // 14 people: pages of 4, 4, 4 and 2.
    expect(pages.map((page) => page.length)).toEqual([4, 4, 4, 2])
    const everyone = pages.flat()
    const ids = everyone.map((person) => person.id)
    expect(ids).toEqual([...ids].sort())
    expect(new Set(ids).size).toBe(14)
    expect(new Set(ids)).toEqual(new Set([...f.a, ...f.b, ...f.c].map((person) => person.id)))

    const teamA = await teamPeople({ unit: await unitSeenBy(f.admin, f.teamA), now })
    for (const person of teamA) {
      const exported = everyone.find((p) => p.id === person.id)
      expect(exported).toMatchObject({
        teamId: f.teamA.id,
        teamName: f.teamA.name,
        domains: person.domains,
        readyInEveryDomain: person.readyInEveryDomain,
        lastActivity: person.lastActivity,
      })
    }
  })

  test('an exact multiple of the page size ends cleanly, and a unit with nobody yields nothing', async () => {
    const f = await buildReportFixture({ now })
    const pages = await allPages({ unit: await unitSeenBy(f.admin, f.directorate1), now, pageSize: 3 })
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3])
    const nobodyHere = await unitSeenBy(f.admin, await createTeam({ under: f.directorate1 }))
    expect(await allPages({ unit: nobodyHere, now })).toEqual([])
  })
})
