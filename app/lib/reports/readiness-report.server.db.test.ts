import { describe, expect, test } from 'vitest'
import { buildReportFixture } from '#tests/report-fixture.ts'
import { unitSeenBy } from '#tests/visible-units.ts'
import { teamPeople, unitHeadline, unitHeatmap, unitTrend } from './readiness-report.server.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'

const now = new Date('2026-11-26T12:00:00Z')
const safeFigure = (row: Awaited<ReturnType<typeof unitHeatmap>>[number] | undefined) =>
  row?.cells.find((c) => c.domainId === 'SAFE')?.figure

describe('readiness reports on a hand-built organisation', () => {
  test('heatmap of a directorate: % meeting the role target per team, with teams under 5 people suppressed', async () => {
    const f = await buildReportFixture({ now })
    const rows = await unitHeatmap({ unit: await unitSeenBy(f.admin, f.directorate1), now })
    const teamA = rows.find((r) => r.unit.id === f.teamA.id)
    const teamB = rows.find((r) => r.unit.id === f.teamB.id)
    // A1 (old pass, still current), A2, A3, A4 of 6; A5's pass has expired.
    expect(safeFigure(teamA)).toEqual({ ready: 4, people: 6, percent: 67, suppressed: false })
    expect(teamA?.readyInEveryDomain).toMatchObject({ ready: 2, percent: 33 })
    expect(teamA?.cells.find((c) => c.domainId === 'COMM')?.figure).toMatchObject({ ready: 2, percent: 33 })
    expect(safeFigure(teamB)).toMatchObject({ people: 3, percent: null, suppressed: true })
  })

  test('heatmap of an organisation: directorates, each measured against each person’s own role target', async () => {
    const f = await buildReportFixture({ now })
    const rows = await unitHeatmap({ unit: await unitSeenBy(f.admin, f.organisation), now })
    expect(rows.map((r) => [r.unit.id, r.people, safeFigure(r)?.percent])).toEqual(
      expect.arrayContaining([
        [f.directorate1.id, 9, 56], // A1–A4 and B1 of 9
        [f.directorate2.id, 5, 0], // C1 has level 1 but clinical staff need 2
      ]),
    )
    expect(rows).toHaveLength(2)
  })

  test('headline figures count self-assessment, readiness in every domain and evidence about to lapse', async () => {
    const f = await buildReportFixture({ now })
    const headline = await unitHeadline({ unit: await unitSeenBy(f.admin, f.directorate1), now })
    expect(headline).toEqual({
      people: 9,
      selfAssessed: { ready: 1, people: 9, percent: 11, suppressed: false },
      readyInEveryDomain: { ready: 2, people: 9, percent: 22, suppressed: false },
      peopleWithEvidenceExpiring: 1, // A1's safety pass from 360 days ago
    })
    const teamB = await unitHeadline({ unit: await unitSeenBy(f.admin, f.teamB), now })
    expect(teamB.readyInEveryDomain).toEqual({ ready: 0, people: 3, percent: 0, suppressed: false })
  })

  test('the trend follows passes and expiry week by week', async () => {
    const f = await buildReportFixture({ now })
    const trend = await unitTrend({ unit: await unitSeenBy(f.admin, f.teamA), now })
    expect(trend).toHaveLength(12)
    expect(trend.at(-1)?.weekEnding).toEqual(now)
    // Weeks end 77, 70, … 7, 0 days ago. A5 lapsed ~45 days ago; A2–A4 passed 20 days ago.
    expect(trend.map((point) => point.percentByDomain.SAFE)).toEqual([33, 33, 33, 33, 33, 17, 17, 17, 17, 67, 67, 67])
    expect(trend.map((point) => point.percentByDomain.LEARN)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 33, 33, 33])
    const organisationTrend = await unitTrend({ unit: await unitSeenBy(f.admin, f.directorate2), now })
    expect(organisationTrend.at(-1)?.percentByDomain.SAFE).toBe(0)
  })

  test("a team's people: each domain's level against their target, and when they were last active", async () => {
    const f = await buildReportFixture({ now })
    const people = await teamPeople({ unit: await unitSeenBy(f.admin, f.teamA), now })
    expect(people).toHaveLength(6)
    const byId = new Map(people.map((p) => [p.id, p]))
    const [a1, a2, , , a5, a6] = f.a
    expect(byId.get(a2?.id ?? '')).toMatchObject({
      readyInEveryDomain: true,
      lastActivity: new Date(now.getTime() - 20 * DAY_MS),
    })
    expect(byId.get(a1?.id ?? '')?.domains.find((d) => d.domainId === 'SAFE')).toEqual({
      domainId: 'SAFE',
      level: 1,
      target: 1,
      ready: true,
    })
    expect(byId.get(a5?.id ?? '')?.domains.find((d) => d.domainId === 'SAFE')).toEqual({
      domainId: 'SAFE',
      level: 0,
      target: 1,
      ready: false,
    })
    expect(byId.get(a6?.id ?? '')).toMatchObject({ readyInEveryDomain: false, lastActivity: null })
  })
})
