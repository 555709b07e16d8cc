import { describe, expect, test } from 'vitest'
import { type AuditEntry, recordAudit } from '#app/lib/audit/audit-log.server.ts'
import { auditEntries } from '#app/lib/audit/audit-query.server.ts'
import { parseCsv } from '#app/lib/reports/csv.server.ts'
import { createTeam, createUser } from '#tests/factories.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import { loader as csvLoader } from './admin.audit[.]csv.ts'
import { loader } from './admin.audit.tsx'

// Each test's entries are made by actors with names of their own, and its lists are filtered by them, so tests
// sharing this file's database do not see each other's entries.

async function openPage(userId: string, search: string) {
  const result = await loader({
    request: await signedInRequest(userId, `/admin/audit${search}`),
    params: {},
    context: loadContext,
  })
  return 'data' in result ? { status: result.init?.status ?? 200, ...result.data } : { status: 200, ...result }
}

async function download(userId: string, search: string) {
  return csvLoader({
    request: await signedInRequest(userId, `/admin/audit.csv${search}`),
    params: {},
    context: loadContext,
  })
}

function entry(
  action: AuditEntry['action'],
  subjectName: string,
  changes: Pick<AuditEntry, 'before' | 'after'> = {},
): AuditEntry {
  return {
    action,
    subjectType: action.startsWith('unit.') ? 'unit' : 'person',
    subjectId: `id-${subjectName}`,
    subjectName,
    ...changes,
  }
}

describe('the audit log page', () => {
  test('is for administrators only, and so is its CSV', async () => {
    const team = await createTeam()
    const learner = await createUser({ team })
    const manager = await createUser({ team, manages: [team] })
    for (const user of [learner, manager]) {
      expect(await statusOf(openPage(user.id, ''))).toBe(403)
      expect(await statusOf(download(user.id, ''))).toBe(403)
    }
  })

  test('filters by what changed, by whom, to whom, when and by which import', async () => {
    const admin = await createUser({ isAdmin: true })
    const fiona = { id: admin.id, name: 'Fiona Zqx' }
    const importer = { id: null, name: 'Ian Zqx', importRunId: 'run-zqx' }
    // 23:30 UTC on 30 June is half past midnight on 1 July in UK summer time.
    await recordAudit({
      actor: fiona,
      at: new Date('2026-06-30T23:30:00Z'),
      entries: [entry('person.created', 'Priya Zqx-Patel', { after: { name: 'Priya Zqx-Patel', team: 'Ward 7' } })],
    })
    await recordAudit({
      actor: fiona,
      at: new Date('2026-07-01T23:30:00Z'),
      entries: [entry('unit.renamed', 'Ward 7A', { before: { name: 'Ward 7' }, after: { name: 'Ward 7A' } })],
    })
    await recordAudit({
      actor: importer,
      at: new Date('2026-07-02T10:00:00Z'),
      entries: [entry('rights.manager-granted', 'Priya Zqx-Patel', { after: { unit: 'Ward 7A' } })],
    })
    await recordAudit({
      actor: importer,
      at: new Date('2026-07-03T10:00:00Z'),
      entries: [entry('person.moved', 'Sam Zqx-Smith', { before: { team: 'Ward 7A' }, after: { team: 'Ward 8' } })],
    })
    const subjects = async (search: string, who = 'zqx') => {
      const page = await openPage(admin.id, `?who=${encodeURIComponent(who)}&${search}`)
      return page.list?.rows.map((row) => `${row.what}: ${row.subject.name}`)
    }

    expect(await subjects('')).toEqual([
      'Team or role profile changed: Sam Zqx-Smith',
      'Manager rights given: Priya Zqx-Patel',
      'Unit renamed: Ward 7A',
      'Person added: Priya Zqx-Patel',
    ])
    expect(await subjects('action=people')).toEqual([
      'Team or role profile changed: Sam Zqx-Smith',
      'Person added: Priya Zqx-Patel',
    ])
    expect(await subjects('action=rights')).toEqual(['Manager rights given: Priya Zqx-Patel'])
    expect(await subjects('action=unit.renamed')).toEqual(['Unit renamed: Ward 7A'])
    expect(await subjects('subject=PRIYA')).toEqual([
      'Manager rights given: Priya Zqx-Patel',
      'Person added: Priya Zqx-Patel',
    ])
    expect(await subjects('', 'fiona zqx')).toEqual(['Unit renamed: Ward 7A', 'Person added: Priya Zqx-Patel'])
    expect(await subjects('importRun=run-zqx')).toEqual([
      'Team or role profile changed: Sam Zqx-Smith',
      'Manager rights given: Priya Zqx-Patel',
    ])
    expect(await subjects('subjectId=id-Ward 7A')).toEqual(['Unit renamed: Ward 7A'])
    // Days are UK days: 1 July runs from 23:00 UTC on 30 June.
    expect(await subjects('from-day=1&from-month=7&from-year=2026&to-day=1&to-month=7&to-year=2026')).toEqual([
      'Person added: Priya Zqx-Patel',
    ])
    expect(await subjects('from-day=2&from-month=7&from-year=2026')).toEqual([
      'Team or role profile changed: Sam Zqx-Smith',
      'Manager rights given: Priya Zqx-Patel',
      'Unit renamed: Ward 7A',
    ])
    expect(await subjects('action=units&subject=nobody')).toEqual([])

    const page = await openPage(admin.id, '?who=zqx')
    expect(page.list?.rows.at(-1)).toMatchObject({
      when: '1 July 2026, 00:30',
      who: 'Fiona Zqx',
      importRunId: null,
      what: 'Person added',
      subject: { name: 'Priya Zqx-Patel', href: '/admin/people/id-Priya Zqx-Patel' },
      change: [
        { field: 'Name', after: 'Priya Zqx-Patel' },
        { field: 'Team', after: 'Ward 7' },
      ],
    })
    expect(page.list?.rows[2]).toMatchObject({
      what: 'Unit renamed',
      subject: { href: '/admin/units/id-Ward 7A' },
      change: [{ field: 'Name', before: 'Ward 7', after: 'Ward 7A' }],
    })
    expect(page.list?.rows[0]).toMatchObject({ who: 'Ian Zqx', importRunId: 'run-zqx' })
    expect((await openPage(admin.id, '?importRun=run-zqx')).list?.limitedTo.importRun).toEqual({
      fileName: null,
      when: null,
    })
  })

  test('says which dates are wrong rather than quietly widening the list', async () => {
    const admin = await createUser({ isAdmin: true })
    const notADate = await openPage(admin.id, '?from-day=31&from-month=2&from-year=2026')
    expect(notADate.status).toBe(400)
    expect(notADate.errors).toEqual({ from: 'Start date must be a real date' })
    expect(notADate.list).toBeNull()
    expect((await openPage(admin.id, '?to-day=3&to-year=2026')).errors).toEqual({
      to: 'End date must include a month',
    })
    expect(
      (await openPage(admin.id, '?from-day=3&from-month=7&from-year=2026&to-day=2&to-month=7&to-year=2026')).errors,
    ).toEqual({ to: 'The end date must be the same as or after the start date' })
    expect((await download(admin.id, '?from-day=31&from-month=2&from-year=2026')).status).toBe(400)
    // An unknown action is ignored, not an error: it can only come from an old or edited address.
    expect((await openPage(admin.id, '?action=unit.exploded')).status).toBe(200)
  })

  test('pages through a long log 50 at a time, newest first, keeping the filters', async () => {
    const admin = await createUser({ isAdmin: true })
    const actor = { id: admin.id, name: 'Pat Zpp' }
    const entries = Array.from({ length: 120 }, (_, i) => entry('unit.renamed', `Unit zpp ${i + 1}`))
    for (const one of entries) await recordAudit({ actor, entries: [one] })
    const names = (page: Awaited<ReturnType<typeof openPage>>) => page.list?.rows.map((row) => row.subject.name) ?? []

    const first = await openPage(admin.id, '?who=zpp&action=units')
    expect(first.query).toBe('who=zpp&action=units')
    expect(names(first)).toHaveLength(50)
    expect(names(first)[0]).toBe('Unit zpp 120')
    expect(first.list?.newerAfter).toBeNull()
    expect(first.list?.olderBefore).not.toBeNull()

    const second = await openPage(admin.id, `?who=zpp&action=units&before=${first.list?.olderBefore}`)
    expect(second.query).toBe('who=zpp&action=units')
    expect(names(second)[0]).toBe('Unit zpp 70')
    expect(names(second)).toHaveLength(50)
    const third = await openPage(admin.id, `?who=zpp&action=units&before=${second.list?.olderBefore}`)
    expect(names(third)).toEqual(Array.from({ length: 20 }, (_, i) => `Unit zpp ${20 - i}`))
    expect(third.list?.olderBefore).toBeNull()

    const backToSecond = await openPage(admin.id, `?who=zpp&action=units&after=${third.list?.newerAfter}`)
    expect(names(backToSecond)).toEqual(names(second))
    const backToFirst = await openPage(admin.id, `?who=zpp&action=units&after=${backToSecond.list?.newerAfter}`)
    expect(names(backToFirst)).toEqual(names(first))
    expect(backToFirst.list?.newerAfter).toBeNull()
  })

  test('has an empty state', async () => {
    const admin = await createUser({ isAdmin: true })
    const page = await openPage(admin.id, '?who=nobody-has-this-name')
    expect(page.list?.rows).toEqual([])
    expect(page.filtered).toBe(true)
  })
})

describe('the audit log CSV', () => {
  test('holds every matching entry, not just a page, in words', async () => {
    const admin = await createUser({ isAdmin: true })
    const actor = { id: admin.id, name: 'Cass Zcv' }
    await recordAudit({
      actor,
      at: new Date('2026-11-30T14:05:00Z'),
      entries: [
        entry('unit.moved', 'Ward 9, "East"', { before: { parent: 'Medicine' }, after: { parent: 'Surgery' } }),
      ],
    })
    for (let i = 0; i < 60; i++) await recordAudit({ actor, entries: [entry('person.suspended', `Person zcv ${i}`)] })
    await recordAudit({ actor: { id: null, name: 'Someone else' }, entries: [entry('unit.closed', 'Not this one')] })

    const response = await download(admin.id, '?who=zcv')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const rows = parseCsv(await response.text())
    expect(rows[0]).toEqual(['When', 'Who', 'Action', 'Subject type', 'Subject', 'Before', 'After'])
    expect(rows).toHaveLength(1 + 61)
    expect(rows.at(-1)).toEqual([
      '2026-11-30T14:05:00.000Z',
      'Cass Zcv',
      'Unit moved',
      'Unit',
      'Ward 9, "East"',
      'Part of: Medicine',
      'Part of: Surgery',
    ])
    expect(rows[1]).toEqual([expect.any(String), 'Cass Zcv', 'Suspended', 'Person', 'Person zcv 59', '', ''])

    const onlyMoves = parseCsv(await (await download(admin.id, '?who=zcv&action=unit.moved')).text())
    expect(onlyMoves).toHaveLength(2)
  })

  test('reads the log in batches, in order, without repeating or missing an entry', async () => {
    const actor = { id: null, name: 'Batch Zbt' }
    for (let i = 0; i < 23; i++) await recordAudit({ actor, entries: [entry('unit.renamed', `Batch ${i}`)] })
    const read: string[] = []
    for await (const one of auditEntries({ filters: { who: 'zbt' }, batchSize: 5 })) read.push(one.subjectName)
    expect(read).toEqual(Array.from({ length: 23 }, (_, i) => `Batch ${22 - i}`))
  })
})
