import { describe, expect, test } from 'vitest'
import { areasCovered, defaultView, modulesInView, withStatuses } from './catalogue-view.ts'
import type { ModuleStatus } from './module-status.ts'

const modules = [
  { slug: 'phishing', audience: ['clinical', 'administrative'] },
  { slug: 'dashboards', audience: ['team-manager'] },
  { slug: 'records', audience: ['clinical'] },
]

describe('the catalogue views', () => {
  test('people with a role land on the modules for it; people without one see them all', () => {
    expect(defaultView({ roleProfile: 'clinical' })).toBe('role')
    expect(defaultView({ roleProfile: null })).toBe('all')
  })

  test('each view lists its modules', () => {
    const assignedSlugs = new Set(['records', 'dashboards'])
    const slugs = (view: 'assigned' | 'role' | 'all', roleProfile: string | null = 'clinical') =>
      modulesInView({ modules, view, roleProfile, assignedSlugs }).map((m) => m.slug)
    expect(slugs('role')).toEqual(['phishing', 'records'])
    expect(slugs('assigned')).toEqual(['dashboards', 'records'])
    expect(slugs('all')).toEqual(['phishing', 'dashboards', 'records'])
    expect(slugs('role', null)).toEqual(['phishing', 'dashboards', 'records'])
    expect(modulesInView({ modules, view: 'assigned', roleProfile: null, assignedSlugs: new Set() })).toEqual([])
  })

  test('assigned work is listed most pressing first, each module with its status', () => {
    const statuses = new Map<string, ModuleStatus>([
      ['dashboards', { kind: 'assigned', dueAt: new Date('2026-12-20') }],
      ['records', { kind: 'overdue', dueAt: new Date('2026-11-01') }],
      ['phishing', { kind: 'passed', passedAt: null }],
    ])
    const listed = withStatuses({ modules, statuses, view: 'assigned' })
    expect(listed.map((m) => [m.slug, m.personal.kind])).toEqual([
      ['records', 'overdue'],
      ['dashboards', 'assigned'],
      ['phishing', 'passed'],
    ])
  })
})

describe('what a module counts towards', () => {
  const skill = (domainName: string, level: number, levelName: string) => ({
    domainName,
    name: 'a skill',
    level,
    levelName,
  })

  test('each area once, with its range of levels', () => {
    expect(
      areasCovered([
        skill('Teaching, learning and self-development', 2, 'Independent'),
        skill('Teaching, learning and self-development', 1, 'Foundation'),
        skill('Technical proficiency', 1, 'Foundation'),
      ]),
    ).toEqual([
      'Teaching, learning and self-development (Foundation to Independent)',
      'Technical proficiency (Foundation)',
    ])
  })
})
