import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadFramework } from '#app/lib/content/framework.server.ts'
import {
  EVERY_DOMAIN,
  readyAt,
  type TeamMemberPeriods,
  teamHeadcountOverTime,
  teamReadiness,
} from './team-readiness.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'

const framework = loadFramework({ root: path.resolve('content') })
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * DAY_MS)
const period = (domainId: string, level: number, from: number, until: number | null) => ({
  domainId,
  level,
  readyFrom: day(from),
  readyUntil: until === null ? null : day(until),
})
/** In the team since before any of the readiness periods below. */
const throughout = { memberFrom: new Date(0), memberUntil: null }
const DOMAINS = framework.domains.map((domain) => domain.id)
const clinicalTarget = (domainId: string) =>
  framework.roleProfiles.find((p) => p.id === 'clinical')?.targets[domainId as 'SAFE'] as number

describe('team readiness over time', () => {
  test('counts people at their target in a domain, span by span, and leaves out stretches with nobody', () => {
    const target = clinicalTarget('SAFE')
    const members: TeamMemberPeriods[] = [
      { roleProfile: 'clinical', ...throughout, periods: [period('SAFE', target, 10, 100)] },
      { roleProfile: 'clinical', ...throughout, periods: [period('SAFE', target, 50, null)] },
    ]
    const safe = teamReadiness({ framework, members }).filter((span) => span.domainId === 'SAFE')
    expect(safe).toEqual([
      { domainId: 'SAFE', readyFrom: day(10), readyUntil: day(50), ready: 1 },
      { domainId: 'SAFE', readyFrom: day(50), readyUntil: day(100), ready: 2 },
      { domainId: 'SAFE', readyFrom: day(100), readyUntil: null, ready: 1 },
    ])
    expect(readyAt(safe, 'SAFE', day(9))).toBe(0)
  })

  test('only the role target level counts; one person handing over to another on the same day keeps one span', () => {
    const target = clinicalTarget('DATA')
    const members: TeamMemberPeriods[] = [
      {
        roleProfile: 'clinical',
        ...throughout,
        periods: [period('DATA', target - 1, 0, null), period('DATA', target, 20, 40)],
      },
      { roleProfile: 'clinical', ...throughout, periods: [period('DATA', target, 40, 60)] },
    ]
    expect(teamReadiness({ framework, members }).filter((span) => span.domainId === 'DATA')).toEqual([
      { domainId: 'DATA', readyFrom: day(20), readyUntil: day(60), ready: 1 },
    ])
  })

  test('ready in every domain is the overlap of all six; an unknown role profile meets nothing', () => {
    const members: TeamMemberPeriods[] = [
      {
        roleProfile: 'clinical',
        ...throughout,
        periods: DOMAINS.map((domainId, i) =>
          period(domainId, clinicalTarget(domainId), i * 10, domainId === 'SAFE' ? 200 : null),
        ),
      },
      {
        roleProfile: 'retired-profile',
        ...throughout,
        periods: DOMAINS.map((domainId) => period(domainId, 1, 0, null)),
      },
    ]
    const every = teamReadiness({ framework, members }).filter((span) => span.domainId === EVERY_DOMAIN)
    expect(every).toEqual([
      { domainId: EVERY_DOMAIN, readyFrom: day((DOMAINS.length - 1) * 10), readyUntil: day(200), ready: 1 },
    ])
  })

  test('someone counts only while they are in the team: a mover stops counting the day they leave', () => {
    const target = clinicalTarget('SAFE')
    const members: TeamMemberPeriods[] = [
      {
        roleProfile: 'clinical',
        memberFrom: day(0),
        memberUntil: day(30),
        periods: [period('SAFE', target, 10, null)],
      },
      { roleProfile: 'clinical', memberFrom: day(20), memberUntil: null, periods: [period('SAFE', target, 0, null)] },
    ]
    expect(teamReadiness({ framework, members }).filter((span) => span.domainId === 'SAFE')).toEqual([
      { domainId: 'SAFE', readyFrom: day(10), readyUntil: day(20), ready: 1 },
      { domainId: 'SAFE', readyFrom: day(20), readyUntil: day(30), ready: 2 },
      { domainId: 'SAFE', readyFrom: day(30), readyUntil: null, ready: 1 },
    ])
    expect(teamHeadcountOverTime(members)).toEqual([
      { countedFrom: day(0), countedUntil: day(20), people: 1 },
      { countedFrom: day(20), countedUntil: day(30), people: 2 },
      { countedFrom: day(30), countedUntil: null, people: 1 },
    ])
  })

  test('at any moment the spans give the same count as looking at each person', () => {
    let seed = 42
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
    const roles = framework.roleProfiles.map((profile) => profile.id)
    const members: TeamMemberPeriods[] = Array.from({ length: 30 }, () => {
      const memberFrom = Math.floor(random() * 200) - 50
      return {
        roleProfile: roles[Math.floor(random() * roles.length)] as string,
        memberFrom: day(memberFrom),
        memberUntil: random() < 0.5 ? null : day(memberFrom + 1 + Math.floor(random() * 300)),
        periods: DOMAINS.flatMap((domainId) =>
          [1, 2, 3, 4].flatMap((level) => {
            if (random() < 0.3) return []
            const from = Math.floor(random() * 300)
            return [period(domainId, level, from, random() < 0.4 ? null : from + 1 + Math.floor(random() * 200))]
          }),
        ),
      }
    })
    const spans = teamReadiness({ framework, members })
    const headcounts = teamHeadcountOverTime(members)
    const inTeam = (member: TeamMemberPeriods, at: Date) =>
      member.memberFrom <= at && (member.memberUntil === null || member.memberUntil > at)
    const atTarget = (member: TeamMemberPeriods, domainId: string, at: Date) => {
      const target = framework.roleProfiles.find((p) => p.id === member.roleProfile)?.targets[domainId as 'SAFE']
      return (
        inTeam(member, at) &&
        member.periods.some(
          (p) =>
            p.domainId === domainId &&
            p.level === target &&
            p.readyFrom <= at &&
            (p.readyUntil === null || p.readyUntil > at),
        )
      )
    }
    for (let moment = -5; moment < 520; moment += 7) {
      const at = day(moment)
      for (const domainId of DOMAINS)
        expect(readyAt(spans, domainId, at)).toBe(members.filter((m) => atTarget(m, domainId, at)).length)
      expect(readyAt(spans, EVERY_DOMAIN, at)).toBe(
        members.filter((m) => DOMAINS.every((d) => atTarget(m, d, at))).length,
      )
      const counted = headcounts.find(
        (span) => span.countedFrom <= at && (span.countedUntil === null || span.countedUntil > at),
      )
      expect(counted?.people ?? 0).toBe(members.filter((m) => inTeam(m, at)).length)
    }
  })
})
