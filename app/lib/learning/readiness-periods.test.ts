import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadFramework } from '#app/lib/content/framework.server.ts'
import { domainReadiness } from './readiness.ts'
import { type DatedEvidence, readinessPeriods } from './readiness-periods.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'

const framework = loadFramework({ root: path.resolve('content') })
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * DAY_MS)
const evidence = (competencyId: string, level: number, achieved: number, expires: number | null): DatedEvidence => ({
  competencyId,
  level,
  achievedAt: day(achieved),
  expiresAt: expires === null ? null : day(expires),
})
const safe = (periods: ReturnType<typeof readinessPeriods>) =>
  periods.filter((p) => p.domainId === 'SAFE').map((p) => ({ level: p.level, from: p.readyFrom, until: p.readyUntil }))

describe('readiness periods', () => {
  test('a domain reaches a level when its last competency does, and stays there while all of them last', () => {
    const periods = readinessPeriods({
      framework,
      evidence: [evidence('SAFE.1', 1, 10, 375), evidence('SAFE.2', 2, 20, 385), evidence('SAFE.3', 1, 30, null)],
    })
    expect(safe(periods)).toEqual([{ level: 1, from: day(30), until: day(375) }])
  })

  test('a gap in one competency splits the period; a renewal starts a new one; higher levels need every competency there', () => {
    const periods = readinessPeriods({
      framework,
      evidence: [
        evidence('SAFE.1', 2, 0, 100),
        evidence('SAFE.1', 2, 120, 480),
        evidence('SAFE.2', 2, 0, null),
        evidence('SAFE.3', 1, 0, null),
        evidence('SAFE.3', 2, 200, null),
      ],
    })
    expect(safe(periods)).toEqual([
      { level: 1, from: day(0), until: day(100) },
      { level: 1, from: day(120), until: day(480) },
      { level: 2, from: day(200), until: day(480) },
    ])
  })

  test('nothing for a domain with a competency never evidenced', () => {
    expect(
      safe(readinessPeriods({ framework, evidence: [evidence('SAFE.1', 3, 0, null), evidence('SAFE.2', 3, 0, null)] })),
    ).toEqual([])
  })

  test('agrees with the competency rules at any moment', () => {
    const sample = [
      evidence('COMM.1', 2, 5, 300),
      evidence('COMM.2', 1, 8, null),
      evidence('COMM.2', 2, 50, 200),
      evidence('COMM.3', 2, 9, null),
      evidence('COMM.4', 3, 40, 90),
      evidence('COMM.4', 1, 1, null),
    ]
    const periods = readinessPeriods({ framework, evidence: sample })
    for (let n = 0; n < 320; n += 7) {
      const now = day(n)
      const known = sample.filter((e) => e.achievedAt <= now)
      const level = domainReadiness({ framework, roleProfile: 'clinical', evidence: known, now }).find(
        (d) => d.domainId === 'COMM',
      )?.level
      const fromPeriods = Math.max(
        0,
        ...periods
          .filter((p) => p.domainId === 'COMM' && p.readyFrom <= now && (p.readyUntil === null || p.readyUntil > now))
          .map((p) => p.level),
      )
      expect(fromPeriods, `day ${n}`).toBe(level)
    }
  })
})
