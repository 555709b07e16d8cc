import { beforeAll, describe, expect, test } from 'vitest'
import { createAssignment } from '#app/lib/assignments/assignments.server.ts'
import { DAY_MS, isoDay } from '#app/lib/dates/dates.ts'
import { parseCsv } from '#app/lib/reports/csv.server.ts'
import { buildReportFixture } from '#tests/report-fixture.ts'
import { createOrg, createUser } from '#tests/factories.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import { loader as reportsLoader } from './reports._index.tsx'
import { loader as heatmapStartCsvLoader } from './reports.heatmap[.]csv.ts'
import { loader as personLoader } from './reports.people.$personId.tsx'
import { loader as heatmapCsvLoader } from './reports.units.$unitId.heatmap[.]csv.ts'
import { loader as peopleCsvLoader } from './reports.units.$unitId.people[.]csv.ts'
import { loader as trendCsvLoader } from './reports.units.$unitId.trend[.]csv.ts'
import UnitReportPage, { loader as unitLoader } from './reports.units.$unitId._index.tsx'

// The fixture organisation (tests/report-fixture.ts) has figures worked out by hand. Its passes are dated
// relative to `now`, and the pages measure at the moment they are asked, so the fixture is built at now.

type Fixture = Awaited<ReturnType<typeof buildReportFixture>>
let f: Fixture
let learner: { id: string }
let admin: { id: string }

beforeAll(async () => {
  const now = new Date()
  f = await buildReportFixture({ now })
  learner = f.a[0] as { id: string }
  admin = await createUser({ isAdmin: true })
  // Team A was given a module nobody in the fixture has passed, due five days ago: six overdue assignments.
  const assigned = await createAssignment({
    viewer: f.teamAManager,
    unitId: f.teamA.id,
    input: { what: 'fixing-everyday-it-problems', who: 'unit', dueDate: isoDay(new Date(now.getTime() - 5 * DAY_MS)) },
    now: new Date(now.getTime() - 10 * DAY_MS),
  })
  if (!assigned.ok) throw new Error(JSON.stringify(assigned.errors))
})

const DOMAINS = ['SAFE', 'COMM', 'TECH', 'DATA', 'LEARN', 'INNOV']
// Tables head each domain's column with its name, as the framework file spells it.
const DOMAIN_NAMES = [
  'Digital identity, wellbeing, safety and security',
  'Communication, collaboration and participation',
  'Technical proficiency',
  'Information, data and content',
  'Teaching, learning and self-development',
  'Creation, innovation and research',
]

async function unitPage(userId: string, unitId: string) {
  return unitLoader({
    request: await signedInRequest(userId, `/reports/units/${unitId}`),
    params: { unitId },
    context: loadContext,
  })
}

const csvLoaders = { heatmap: heatmapCsvLoader, trend: trendCsvLoader, people: peopleCsvLoader }

async function csv(userId: string, unitId: string, which: keyof typeof csvLoaders) {
  const path = `/reports/units/${unitId}/${which}.csv`
  const response = await csvLoaders[which]({
    request: await signedInRequest(userId, path),
    params: { unitId },
    context: loadContext,
  })
  expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
  return parseCsv(await response.text())
}

/** A table as its CSV would be: the header, then each row's cells. */
const asCsv = (table: { header: string[]; rows: { cells: string[] }[] }) => [
  table.header,
  ...table.rows.map((row) => row.cells),
]

/** The unit page rendered as the server renders it, and as text a reader sees. */
async function renderedText(userId: string, unitId: string) {
  const request = await signedInRequest(userId, `/reports/units/${unitId}`)
  const html = await renderRoute(
    { pattern: '/reports/units/:unitId', loader: unitLoader, Component: UnitReportPage },
    request,
  )
  return { html, text: readableText(html) }
}

describe('the unit report page', () => {
  test("a directorate's figures match the hand-computed ones, small teams suppressed", async () => {
    const page = await unitPage(f.directorateManager.id, f.directorate1.id)
    expect(page.unit).toMatchObject({ id: f.directorate1.id, kind: 'directorate' })
    expect(page.heatmap.table.header).toEqual(['Team', 'People', ...DOMAIN_NAMES, 'Ready in every domain'])
    const byName = new Map(page.heatmap.table.rows.map((row) => [row.cells[0], row]))
    // Team A: A1–A4 hold SAFE (A5's pass has expired); A1 and A2 hold the other five foundations.
    expect(byName.get(f.teamA.name)?.cells).toEqual([
      f.teamA.name,
      '6',
      '67%',
      '33%',
      '33%',
      '33%',
      '33%',
      '33%',
      '33%',
    ])
    expect(byName.get(f.teamA.name)?.href).toBe(`/reports/units/${f.teamA.id}`)
    // Team B has 3 people: every figure is suppressed, in the same words as the CSV.
    expect(byName.get(f.teamB.name)?.cells).toEqual([f.teamB.name, '3', ...Array(7).fill('fewer than 5')])
    expect(page.heatmap.chart.rows.find((row) => row.key === f.teamB.id)?.cells[0]).toEqual({
      text: '<5',
      value: null,
      state: 'suppressed',
    })
    expect(page.heatmap.chart.rows.find((row) => row.key === f.teamA.id)?.cells[0]).toEqual({
      text: '67%',
      value: 0.67,
      state: 'figure',
    })

    expect(page.headline.map(({ key, value }) => [key, value])).toEqual([
      ['people', '9'],
      ['self-assessed', '11%'],
      ['ready', '22%'],
      ['expiring', '1'],
      ['overdue', '6'],
    ])
    expect(page.headline.find((figure) => figure.key === 'overdue')?.detail).toBe(
      '6 assignments are past their due date, for 6 people.',
    )
    expect(page.headline.find((figure) => figure.key === 'ready')?.detail).toBe(
      '2 of 9 people meet the target for their role in all 6 domains.',
    )
    expect(page.children.map((child) => child.id).sort()).toEqual([f.teamA.id, f.teamB.id].sort())
    expect(page.trend.table.rows).toHaveLength(12)
    expect(page.trend.chart?.series.map((series) => series.id)).toEqual(DOMAINS)
  })

  test("a team's page: its people heatmap and people table, and the 12-week trend", async () => {
    const page = await unitPage(f.teamAManager.id, f.teamA.id)
    expect(page.heatmap.chart.kind).toBe('people')
    expect(page.heatmap.table.header).toEqual([
      'Name',
      'Role profile',
      ...DOMAIN_NAMES,
      'Ready in every domain',
      'Last activity',
      'Overdue assignments',
    ])
    const [a1, a2, , , a5, a6] = f.a
    const row = (id: string | undefined) => page.heatmap.table.rows.find((r) => r.key === id)
    // Levels by name, against what the role needs.
    expect(row(a2?.id)?.cells.slice(1, 9)).toEqual([
      'Estates and support services',
      ...Array(6).fill('Foundation (meets target)'),
      'Yes',
    ])
    expect(row(a1?.id)?.cells[2]).toBe('Foundation (meets target)')
    expect(row(a5?.id)?.cells.slice(2, 3)).toEqual(['Not yet evidenced (needs Foundation)'])
    expect(row(a6?.id)?.cells.slice(-3)).toEqual(['No', 'None yet', '1'])
    expect(row(a1?.id)?.href).toBe(`/reports/people/${a1?.id}`)
    // Who needs action: a short list, people with overdue work (as the table counts it) first.
    const needing = page.needsAction.people.map((person) => person.id)
    const withOverdue = page.heatmap.table.rows.filter((r) => r.cells.at(-1) !== '0').map((r) => r.key)
    expect(withOverdue).toContain(a6?.id)
    expect(needing).toHaveLength(Math.min(5, page.needsAction.total))
    for (const id of needing.slice(0, withOverdue.length)) expect(withOverdue).toContain(id)
    expect(page.needsAction.people[0]?.reasons[0]).toBe('1 assignment overdue')
    expect(page.heatmap.chart.rows.find((r) => r.key === a5?.id)?.cells[0]).toEqual({
      text: 'Not yet',
      value: 0,
      state: 'figure',
      description: 'Not yet evidenced (needs Foundation)',
    })
    // Weeks end 77, 70, … 7, 0 days ago. A5 lapsed ~45 days ago; A2–A4 passed 20 days ago.
    expect(page.trend.table.rows.map((r) => r.cells[1])).toEqual([
      '33%',
      '33%',
      '33%',
      '33%',
      '33%',
      '17%',
      '17%',
      '17%',
      '17%',
      '67%',
      '67%',
      '67%',
    ])
    expect(page.trend.table.rows.map((r) => r.cells[5])).toEqual([...Array(9).fill('0%'), '33%', '33%', '33%'])
    // A team's figures are never suppressed, however small.
    const teamB = await unitPage(f.directorateManager.id, f.teamB.id)
    expect(teamB.headline.find((figure) => figure.key === 'ready')?.value).toBe('0%')
    expect(teamB.heatmap.table.rows).toHaveLength(3)
    expect(teamB.heatmap.table.rows.map((r) => r.cells.at(-1))).toEqual(['0', '0', '0'])
    expect(teamB.headline.find((figure) => figure.key === 'overdue')).toMatchObject({
      value: '0',
      detail: 'Nothing assigned is past its due date.',
    })
  })

  test('the page renders its charts as SVG images, each followed by its table, readable without JavaScript', async () => {
    const { html, text } = await renderedText(f.directorateManager.id, f.directorate1.id)
    expect(html.match(/<svg[^>]*role="img"/g)?.length).toBeGreaterThanOrEqual(2)
    // The heatmap's columns are headed by the domains' short names, never their codes.
    const heatmapSvg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'))
    for (const words of ['Safety', 'Working', 'together', 'Technology', 'Information', 'Learning', 'Innovation'])
      expect(heatmapSvg).toContain(`>${words}</tspan>`)
    expect(heatmapSvg).not.toMatch(/>(SAFE|COMM|TECH|DATA|LEARN|INNOV)</)
    expect(text).toContain(`${f.teamA.name} 6 67% 33% 33% 33% 33% 33% 33%`)
    expect(text).toContain(`${f.teamB.name} 3 fewer than 5 fewer than 5`)
    expect(text).toContain('Ready in every domain for their role 22% 2 of 9 people')
    expect(html).toContain(`action="/reports/units/${f.directorate1.id}"`)
    expect(html).toContain('name="unit"')
    expect(html).toContain(`href="/reports/units/${f.directorate1.id}/heatmap.csv"`)
    expect(html).toContain(`href="/reports/units/${f.directorate1.id}/assign"`)
    expect(html).toContain(`href="/reports/units/${f.directorate1.id}/overdue"`)
    const team = await renderedText(f.teamAManager.id, f.teamA.id)
    expect(team.html).toContain(`href="/reports/people/${f.a[0]?.id}"`)
    expect(team.html).toContain(`href="/reports/units/${f.teamA.id}/people.csv"`)
  })

  test('the unit picker, a GET form, goes to the unit chosen', async () => {
    const path = `/reports/units/${f.directorate1.id}?unit=${f.teamB.id}`
    const answer = await unitLoader({
      request: await signedInRequest(f.directorateManager.id, path),
      params: { unitId: f.directorate1.id },
      context: loadContext,
    }).catch((thrown: unknown) => thrown)
    if (!(answer instanceof Response)) throw new Error('expected a redirect')
    expect(answer.status).toBe(302)
    expect(answer.headers.get('Location')).toBe(`/reports/units/${f.teamB.id}`)
  })
})

describe('CSV exports match the tables on screen', () => {
  test('at a directorate: heatmap and trend row for row; people is everyone below, with their team', async () => {
    const page = await unitPage(f.directorateManager.id, f.directorate1.id)
    expect(await csv(f.directorateManager.id, f.directorate1.id, 'heatmap')).toEqual(asCsv(page.heatmap.table))
    expect(await csv(f.directorateManager.id, f.directorate1.id, 'trend')).toEqual(asCsv(page.trend.table))

    const people = await csv(f.directorateManager.id, f.directorate1.id, 'people')
    expect(people[0]).toEqual([
      'Name',
      'Team',
      'Role profile',
      ...DOMAIN_NAMES,
      'Ready in every domain',
      'Last activity',
      'Overdue assignments',
    ])
    const teamA = await unitPage(f.directorateManager.id, f.teamA.id)
    const teamB = await unitPage(f.directorateManager.id, f.teamB.id)
    // The same cells as each team's people table, with the team named after the name.
    const expected = [
      ...teamA.heatmap.table.rows.map((row) => [row.cells[0], f.teamA.name, ...row.cells.slice(1)]),
      ...teamB.heatmap.table.rows.map((row) => [row.cells[0], f.teamB.name, ...row.cells.slice(1)]),
    ]
    expect(people.slice(1)).toHaveLength(9)
    expect([...people.slice(1)].sort()).toEqual([...expected].sort())
  })

  test('at a team: each CSV is its table; the heatmap of people is the people table', async () => {
    const page = await unitPage(f.teamAManager.id, f.teamA.id)
    expect(await csv(f.teamAManager.id, f.teamA.id, 'people')).toEqual(asCsv(page.heatmap.table))
    expect(await csv(f.teamAManager.id, f.teamA.id, 'heatmap')).toEqual(asCsv(page.heatmap.table))
    expect(await csv(f.teamAManager.id, f.teamA.id, 'trend')).toEqual(asCsv(page.trend.table))
  })

  test('an organisation roll-up for an administrator: directorates × domains, the same on screen and in the CSV', async () => {
    const page = await unitPage(admin.id, f.organisation.id)
    expect(page.heatmap.table.header[0]).toBe('Directorate')
    expect(page.heatmap.table.rows.map((row) => row.cells.slice(0, 3))).toEqual(
      expect.arrayContaining([
        [f.directorate1.name, '9', '56%'], // A1–A4 and B1 of 9
        [f.directorate2.name, '5', '0%'], // clinical staff need level 2 in SAFE
      ]),
    )
    expect(page.heatmap.table.rows).toHaveLength(2)
    expect(await csv(admin.id, f.organisation.id, 'heatmap')).toEqual(asCsv(page.heatmap.table))
    const icb = await unitPage(admin.id, f.icb.id)
    expect(icb.heatmap.table.header[0]).toBe('Organisation')
    expect(icb.heatmap.table.rows.map((row) => row.cells.slice(0, 2))).toEqual([[f.organisation.name, '14']])
    expect(await csv(admin.id, f.icb.id, 'people')).toHaveLength(15)
  })
})

describe('who may see what', () => {
  test('a learner gets 403 on every report page and CSV', async () => {
    const asLearner = async (path: string) => signedInRequest(learner.id, path)
    expect(
      await statusOf(reportsLoader({ request: await asLearner('/reports'), params: {}, context: loadContext })),
    ).toBe(403)
    expect(await statusOf(unitPage(learner.id, f.teamA.id))).toBe(403)
    for (const which of ['heatmap', 'trend', 'people'] as const)
      expect(await statusOf(csv(learner.id, f.teamA.id, which))).toBe(403)
    const ownRecord = `/reports/people/${learner.id}`
    expect(
      await statusOf(
        personLoader({ request: await asLearner(ownRecord), params: { personId: learner.id }, context: loadContext }),
      ),
    ).toBe(403)
  })

  test("the team A manager gets 404 for team B, its CSVs and its people; the directorate's manager sees both", async () => {
    const managerA = f.teamAManager.id
    expect(await statusOf(unitPage(managerA, f.teamB.id))).toBe(404)
    expect(await statusOf(unitPage(managerA, f.directorate1.id))).toBe(404)
    for (const which of ['heatmap', 'trend', 'people'] as const)
      expect(await statusOf(csv(managerA, f.teamB.id, which))).toBe(404)
    const b1 = f.b[0]?.id ?? ''
    expect(
      await statusOf(
        personLoader({
          request: await signedInRequest(managerA, `/reports/people/${b1}`),
          params: { personId: b1 },
          context: loadContext,
        }),
      ),
    ).toBe(404)

    expect(await statusOf(unitPage(f.directorateManager.id, f.teamA.id))).toBe(200)
    expect(await statusOf(unitPage(f.directorateManager.id, f.teamB.id))).toBe(200)
  })

  test('a manager of one unit goes straight to it; a manager of several sees them side by side, as on screen so in the CSV', async () => {
    const redirect = await reportsLoader({
      request: await signedInRequest(f.teamAManager.id, '/reports'),
      params: {},
      context: loadContext,
    }).catch((thrown: unknown) => thrown)
    if (!(redirect instanceof Response)) throw new Error('expected a redirect')
    expect(redirect.headers.get('Location')).toBe(`/reports/units/${f.teamA.id}`)

    const wardManager = await createUser({ manages: [f.teamA, f.teamB] })
    const start = await reportsLoader({
      request: await signedInRequest(wardManager.id, '/reports'),
      params: {},
      context: loadContext,
    })
    const rows = start.heatmap?.table.rows ?? []
    expect(rows.map((row) => [row.href, row.cells[1], row.cells[2]])).toEqual(
      expect.arrayContaining([
        [`/reports/units/${f.teamA.id}`, '6', '67%'],
        [`/reports/units/${f.teamB.id}`, '3', 'fewer than 5'],
      ]),
    )
    const response = await heatmapStartCsvLoader({
      request: await signedInRequest(wardManager.id, '/reports/heatmap.csv'),
      params: {},
      context: loadContext,
    })
    expect(parseCsv(await response.text())).toEqual(asCsv(start.heatmap?.table ?? { header: [], rows: [] }))

    const other = await createOrg()
    const icbs = await reportsLoader({
      request: await signedInRequest(admin.id, '/reports'),
      params: {},
      context: loadContext,
    })
    expect(icbs.heatmap?.table.rows.map((row) => row.key)).toEqual(expect.arrayContaining([f.icb.id, other.icb.id]))
    expect(
      await statusOf(
        heatmapStartCsvLoader({
          request: await signedInRequest(learner.id, '/reports/heatmap.csv'),
          params: {},
          context: loadContext,
        }),
      ),
    ).toBe(403)
  })

  test("a manager opens a person's record read-only, with a way back to their team", async () => {
    const a1 = f.a[0]?.id ?? ''
    const page = await personLoader({
      request: await signedInRequest(f.directorateManager.id, `/reports/people/${a1}`),
      params: { personId: a1 },
      context: loadContext,
    })
    expect(page.record.person).toMatchObject({ id: a1, teamName: f.teamA.name })
    expect(page.record.readiness.find((domain) => domain.domainId === 'SAFE')).toMatchObject({
      level: 1,
      target: 1,
      ready: true,
    })
    // The directorate is theirs, so the trail runs through it to the team; nothing above it is shown.
    expect(page.trail).toEqual([
      { label: f.directorate1.name, to: `/reports/units/${f.directorate1.id}` },
      { label: f.teamA.name, to: `/reports/units/${f.teamA.id}` },
    ])
  })
})
