import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadFramework } from '#app/lib/content/framework.server.ts'
import { competencyLevel, domainReadiness, type Evidence, expiringSoon } from './readiness.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'

const framework = loadFramework({ root: path.resolve('content') })
const now = new Date('2026-11-26T12:00:00Z')
const inDays = (days: number) => new Date(now.getTime() + days * DAY_MS)

describe('competency rules', () => {
  test('the highest current level wins', () => {
    const evidence: Evidence[] = [
      { competencyId: 'SAFE.1', level: 1, expiresAt: null },
      { competencyId: 'SAFE.1', level: 3, expiresAt: inDays(30) },
      { competencyId: 'SAFE.1', level: 2, expiresAt: null },
    ]
    expect(competencyLevel({ evidence, competencyId: 'SAFE.1', now })).toBe(3)
  })

  test('expired evidence no longer counts', () => {
    const evidence: Evidence[] = [
      { competencyId: 'SAFE.1', level: 3, expiresAt: inDays(-1) },
      { competencyId: 'SAFE.1', level: 1, expiresAt: inDays(10) },
    ]
    expect(competencyLevel({ evidence, competencyId: 'SAFE.1', now })).toBe(1)
    expect(competencyLevel({ evidence: [evidence[0] as Evidence], competencyId: 'SAFE.1', now })).toBe(0)
  })

  test('a domain is only as strong as its weakest competency', () => {
    const evidence: Evidence[] = [
      { competencyId: 'SAFE.1', level: 3, expiresAt: null },
      { competencyId: 'SAFE.2', level: 2, expiresAt: null },
      { competencyId: 'SAFE.3', level: 2, expiresAt: null },
    ]
    const safe = domainReadiness({ framework, roleProfile: 'clinical', evidence, now }).find(
      (d) => d.domainId === 'SAFE',
    )
    expect(safe).toMatchObject({ level: 2, target: 2, ready: true, gap: 0 })
    const missingOne = domainReadiness({ framework, roleProfile: 'clinical', evidence: evidence.slice(0, 2), now })
    expect(missingOne.find((d) => d.domainId === 'SAFE')).toMatchObject({ level: 0, ready: false, gap: 2 })
  })

  test('ready means meeting the role profile’s target', () => {
    const evidence: Evidence[] = framework.domains
      .find((d) => d.id === 'DATA')!
      .competencies.map((c) => ({ competencyId: c.id, level: 2, expiresAt: null }))
    const clinical = domainReadiness({ framework, roleProfile: 'clinical', evidence, now }).find(
      (d) => d.domainId === 'DATA',
    )
    const manager = domainReadiness({ framework, roleProfile: 'team-manager', evidence, now }).find(
      (d) => d.domainId === 'DATA',
    )
    expect(clinical).toMatchObject({ level: 2, target: 2, ready: true })
    expect(manager).toMatchObject({ level: 2, target: 3, ready: false, gap: 1 })
  })
})

describe('evidence expiring soon', () => {
  test('warns about current evidence that lapses within the window and that nothing else covers', () => {
    const lapsing = { competencyId: 'SAFE.1', level: 2, expiresAt: inDays(12) }
    const later = { competencyId: 'SAFE.2', level: 1, expiresAt: inDays(45) }
    const gone = { competencyId: 'SAFE.3', level: 1, expiresAt: inDays(-3) }
    expect(expiringSoon({ evidence: [lapsing, later, gone], now, days: 30 })).toEqual([lapsing])
  })

  test('stays quiet when a renewal or a higher level outlasts it, but not when only a lower level does', () => {
    const lapsing = { competencyId: 'SAFE.1', level: 2, expiresAt: inDays(12) }
    const renewed = { competencyId: 'SAFE.1', level: 2, expiresAt: inDays(300) }
    const lower = { competencyId: 'SAFE.1', level: 1, expiresAt: null }
    expect(expiringSoon({ evidence: [lapsing, renewed], now, days: 30 })).toEqual([])
    expect(expiringSoon({ evidence: [lapsing, lower], now, days: 30 })).toEqual([lapsing])
  })
})
