import { describe, expect, test } from 'vitest'
import { type ActionCandidate, unitsFurthestFromTarget, whoNeedsAction } from './needs-action.ts'

const framework = {
  domains: [
    { name: 'Digital safety', competencies: [{ id: 'SAFE.1' }, { id: 'SAFE.2' }] },
    { name: 'Communication', competencies: [{ id: 'COMM.1' }] },
  ],
} as unknown as Parameters<typeof whoNeedsAction>[0]['framework']

const onTarget = [
  { domainId: 'SAFE', level: 2, target: 2 },
  { domainId: 'COMM', level: 1, target: 1 },
]
const person = (name: string, changes: Partial<ActionCandidate> = {}): ActionCandidate => ({
  id: name.toLowerCase(),
  name,
  overdue: 0,
  lapsing: [],
  domains: onTarget,
  ...changes,
})

describe('who needs action in a team', () => {
  test('overdue work first, then evidence running out soonest, then the biggest gap to target; nobody on target', () => {
    const result = whoNeedsAction({
      framework,
      people: [
        person('Ada'),
        person('Bea', { domains: [{ domainId: 'SAFE', level: 0, target: 2 }, onTarget[1]!] }),
        person('Cal', { lapsing: [{ competencyId: 'COMM.1', expiresAt: new Date('2026-12-20T00:00:00Z') }] }),
        person('Dee', { overdue: 2 }),
        person('Eve', { lapsing: [{ competencyId: 'SAFE.2', expiresAt: new Date('2026-12-05T00:00:00Z') }] }),
        person('Fay', { domains: [{ domainId: 'SAFE', level: 1, target: 2 }, onTarget[1]!] }),
      ],
    })
    expect(result.people.map((p) => p.name)).toEqual(['Dee', 'Eve', 'Cal', 'Bea', 'Fay'])
    expect(result.total).toBe(5)
    expect(result.people[0]).toMatchObject({ href: '/reports/people/dee', reasons: ['2 assignments overdue'] })
    expect(result.people[1]!.reasons).toEqual(['Evidence for Digital safety runs out on 5 December 2026'])
    expect(result.people[3]!.reasons).toEqual(['Below the target for their role in 1 of 2 domains'])
  })

  test('a short list, with the total of everyone who needs action', () => {
    const many = Array.from({ length: 8 }, (_, i) => person(`Person ${i}`, { overdue: 1 }))
    const result = whoNeedsAction({ framework, people: many, limit: 5 })
    expect(result.people).toHaveLength(5)
    expect(result.total).toBe(8)
  })

  test('a team on target needs nothing', () => {
    expect(whoNeedsAction({ framework, people: [person('Ada')] })).toEqual({ people: [], total: 0 })
  })
})

describe('units furthest from target', () => {
  const row = (name: string, percent: number | null, suppressed = false) => ({
    unit: { id: name.toLowerCase(), name },
    readyInEveryDomain: { percent, suppressed },
  })

  test('lowest first; units too small to show, empty or fully ready are left out', () => {
    const units = unitsFurthestFromTarget({
      rows: [
        row('North', 60),
        row('South', 20),
        row('Tiny', null, true),
        row('Empty', null),
        row('Done', 100),
        row('East', 40),
      ],
    })
    expect(units.map((unit) => unit.name)).toEqual(['South', 'East', 'North'])
    expect(units[0]).toMatchObject({ href: '/reports/units/south', reason: '20% ready in every domain for their role' })
  })
})
