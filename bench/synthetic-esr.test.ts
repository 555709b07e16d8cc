import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ESR_HEADER, ESR_MANAGER_JOB_ROLES, type SyntheticEsrSummary, writeSyntheticEsrFile } from './synthetic-esr.ts'

type Row = Record<(typeof ESR_HEADER)[number], string>

const options = { people: 2000, teams: 60, organisations: 3, seed: 7 }
const managerRoles: readonly string[] = ESR_MANAGER_JOB_ROLES

let dir: string
let base: { file: string; summary: SyntheticEsrSummary; text: string; rows: Row[] }
let variant: typeof base

async function generate(name: string, variantOptions = {}) {
  const file = path.join(dir, name)
  const summary = await writeSyntheticEsrFile(file, options, variantOptions)
  const text = fs.readFileSync(file, 'utf8')
  const rows: Row[] = parse(text, { columns: true, record_delimiter: '\r\n' })
  return { file, summary, text, rows }
}

const team = (row: Row) => `${row['Organisation Code']}|${row['Org L6'] || row['Org L5']}`

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synthetic-esr-'))
  base = await generate('base.csv')
  variant = await generate('variant.csv', { moversPercent: 5, leaversPercent: 1 })
})

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('synthetic ESR staff list', () => {
  it('is an Excel-style CSV with the default mapping header', () => {
    const bytes = fs.readFileSync(base.file)
    expect(bytes.subarray(0, 3)).not.toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(base.text.split('\r\n')[0]).toBe(ESR_HEADER.join(','))
    expect(base.text.endsWith('\r\n')).toBe(true)
    expect(base.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    expect(base.summary.bytes).toBe(bytes.length)
    // Values with commas and quotes are quoted, and read back whole.
    const values = base.rows.flatMap((row) => Object.values(row))
    const awkward = new Set(values.filter((value) => /[",]/.test(value)))
    expect([...awkward].some((value) => value.includes(','))).toBe(true)
    expect([...awkward].some((value) => value.includes('"'))).toBe(true)
    for (const value of awkward) expect(base.text).toContain(`"${value.replace(/"/g, '""')}"`)
    expect(base.rows.some((row) => /[’']/.test(row['Last Name']))).toBe(true)
    expect(base.rows.some((row) => row['Last Name'].includes('-'))).toBe(true)
    expect(base.rows.some((row) => /[^\p{ASCII}]/u.test(row['First Name'] + row['Last Name']))).toBe(true)
  })

  it('has the people, teams and organisations asked for, with about 7.5% second assignments', () => {
    const { rows, summary } = base
    expect(summary).toMatchObject({ people: 2000, teams: 60, organisations: 3, movers: 0, leavers: 0 })
    expect(summary.assignments).toBe(rows.length)
    expect(new Set(rows.map((row) => row['Organisation Code'])).size).toBe(3)
    expect(new Set(rows.map(team)).size).toBe(60)
    const seconds = rows.filter((row) => row['Primary Assignment'] === 'No').length
    expect(seconds / 2000).toBeGreaterThan(0.06)
    expect(seconds / 2000).toBeLessThan(0.09)
  })

  it('numbers assignments ESR-style, each person with exactly one primary', () => {
    const numbers = base.rows.map((row) => row['Assignment Number'])
    expect(new Set(numbers).size).toBe(numbers.length)
    const primaries = new Map<string, number>()
    for (const row of base.rows) {
      expect(row['Employee Number']).toMatch(/^\d{8}$/)
      expect(row['Assignment Number']).toBe(`${row['Employee Number']}-${row['Primary Assignment'] === 'Yes' ? 1 : 2}`)
      expect(['Yes', 'No']).toContain(row['Primary Assignment'])
      const person = `${row['Organisation Code']}|${row['Employee Number']}`
      primaries.set(person, (primaries.get(person) ?? 0) + (row['Primary Assignment'] === 'Yes' ? 1 : 0))
    }
    expect(primaries.size).toBe(2000)
    expect([...primaries.values()].every((count) => count === 1)).toBe(true)
  })

  it('names each team uniquely within its organisation, 3 or 4 levels deep', () => {
    const paths = new Map<string, Set<string>>()
    const depths = new Set<number>()
    for (const row of base.rows) {
      const levels = [row['Org L3'], row['Org L4'], row['Org L5'], row['Org L6'], row['Org L7']]
      const depth = levels.filter(Boolean).length
      depths.add(depth)
      expect(levels.slice(0, depth).every(Boolean)).toBe(true)
      const set = paths.get(team(row)) ?? new Set()
      set.add(levels.slice(0, -1).join(' > '))
      paths.set(team(row), set)
    }
    expect([...depths].sort()).toEqual([3, 4])
    expect([...paths.values()].every((set) => set.size === 1)).toBe(true)
  })

  it('has consistent roles, about one manager in 25, and ESR dates and statuses', () => {
    const primaries = base.rows.filter((row) => row['Primary Assignment'] === 'Yes')
    const managers = primaries.filter((row) => managerRoles.includes(row['Job Role']))
    expect(managers.length / primaries.length).toBeGreaterThan(0.03)
    expect(managers.length / primaries.length).toBeLessThan(0.055)
    const groupOf = new Map<string, Set<string>>()
    for (const row of base.rows) {
      if (!managerRoles.includes(row['Job Role'])) {
        const groups = groupOf.get(row['Job Role']) ?? new Set()
        groups.add(row['Staff Group'])
        groupOf.set(row['Job Role'], groups)
      }
      expect(['Active Assignment', 'Suspend Assignment']).toContain(row['Assignment Status'])
      const [day, month, year] = row['Assignment Start Date'].split('/').map(Number) as [number, number, number]
      const start = Date.UTC(year, month - 1, day)
      expect(row['Assignment Start Date']).toMatch(/^\d\d\/\d\d\/\d{4}$/)
      expect(start).toBeGreaterThanOrEqual(Date.UTC(1995, 0, 1))
      expect(start).toBeLessThan(Date.UTC(2026, 10, 30))
      if (row['Assignment End Date']) {
        const [d, m, y] = row['Assignment End Date'].split('/').map(Number) as [number, number, number]
        expect(Date.UTC(y, m - 1, d)).toBeGreaterThan(Date.UTC(2026, 10, 30))
      }
    }
    // Outside the management roles, a job role belongs to one staff group.
    expect([...groupOf.values()].every((groups) => groups.size === 1)).toBe(true)
    expect(base.rows.filter((row) => row['Assignment End Date']).length).toBeGreaterThan(0)
    expect(base.rows.filter((row) => row['Assignment End Date']).length).toBeLessThan(base.rows.length * 0.05)
    expect(base.rows.filter((row) => row['Assignment Status'] !== 'Active Assignment').length).toBeLessThan(20)
  })

  it('gives most people their own address, a few a shared mailbox and a few none', () => {
    const primaries = base.rows.filter((row) => row['Primary Assignment'] === 'Yes')
    const count = new Map<string, number>()
    for (const row of primaries) count.set(row['Work Email Address'], (count.get(row['Work Email Address']) ?? 0) + 1)
    const blank = count.get('') ?? 0
    const shared = primaries.filter((row) => row['Work Email Address'] && count.get(row['Work Email Address'])! > 1)
    expect(blank).toBeGreaterThan(0)
    expect(blank).toBeLessThan(30)
    expect(shared.length).toBeGreaterThan(4)
    expect(shared.length).toBeLessThan(60)
    for (const row of primaries) {
      if (row['Work Email Address']) expect(row['Work Email Address']).toMatch(/^[a-z0-9.-]+@nhs\.net$/)
    }
  })

  it('points every supervisor at a manager in the file, some of them further down', () => {
    const index = new Map(base.rows.map((row, i) => [row['Assignment Number'], i]))
    let forward = 0
    let inTeam = 0
    let staff = 0
    base.rows.forEach((row, i) => {
      if (!row['Supervisor Assignment Number']) {
        // Only the top of each organisation reports to nobody.
        expect(row['Position Title']).toBe('Chief Executive')
        return
      }
      const at = index.get(row['Supervisor Assignment Number'])
      expect(at).toBeDefined()
      const supervisor = base.rows[at!]!
      expect(supervisor['Employee Number']).toBe(row['Supervisor Employee Number'])
      expect(supervisor['Organisation Code']).toBe(row['Organisation Code'])
      expect(supervisor['Primary Assignment']).toBe('Yes')
      expect(managerRoles).toContain(supervisor['Job Role'])
      expect(supervisor['Employee Number']).not.toBe(row['Employee Number'])
      if (at! > i) forward++
      if (!managerRoles.includes(row['Job Role'])) {
        staff++
        if (team(supervisor) === team(row)) inTeam++
        // Beyond the team: the directorate's, division's or organisation's manager.
        else expect(supervisor['Job Role']).toBe('Manager')
      }
    })
    expect(forward).toBeGreaterThan(base.rows.length / 10)
    // Most staff have a manager in their own team; the rest report to their directorate or above.
    expect(inTeam / staff).toBeGreaterThan(0.7)
    expect(inTeam).toBeLessThan(staff)
    expect(base.rows.filter((row) => !row['Supervisor Assignment Number']).length).toBe(3)
  })

  it('is not grouped by team', () => {
    let changes = 0
    for (let i = 1; i < base.rows.length; i++) if (team(base.rows[i]!) !== team(base.rows[i - 1]!)) changes++
    expect(changes).toBeGreaterThan(base.rows.length * 0.9)
  })

  it('gives byte-identical files for the same options and seed, and another file for another seed', async () => {
    const again = path.join(dir, 'again.csv')
    await writeSyntheticEsrFile(again, options)
    expect(fs.readFileSync(again).equals(fs.readFileSync(base.file))).toBe(true)
    const other = path.join(dir, 'other.csv')
    await writeSyntheticEsrFile(other, { ...options, seed: 8 })
    expect(fs.readFileSync(other).equals(fs.readFileSync(base.file))).toBe(false)
  })

  it('makes a month-later variant with movers and leavers, everyone else unchanged', () => {
    const { summary } = variant
    expect(summary.movers).toBe(100)
    expect(summary.leavers).toBe(20)
    expect(summary.people).toBe(1980)

    const lines = (text: string) => {
      const map = new Map<string, string>()
      for (const line of text.split('\r\n').slice(1, -1)) map.set(line.slice(9, line.indexOf(',', 9)), line)
      return map
    }
    const before = lines(base.text)
    const after = lines(variant.text)
    const byNumber = (rows: Row[]) => new Map(rows.map((row) => [row['Assignment Number'], row]))
    const beforeRows = byNumber(base.rows)
    const afterRows = byNumber(variant.rows)

    const gone = new Set(
      [...beforeRows.values()]
        .filter((row) => !afterRows.has(row['Assignment Number']))
        .map((row) => row['Employee Number']),
    )
    expect(gone.size).toBe(20)
    // Leavers go with all their assignments, and nobody new arrives.
    for (const number of afterRows.keys()) expect(beforeRows.has(number)).toBe(true)
    for (const row of beforeRows.values())
      expect(afterRows.has(row['Assignment Number'])).toBe(!gone.has(row['Employee Number']))

    const changed = [...after.keys()].filter((key) => after.get(key) !== before.get(key))
    expect(changed).toHaveLength(100)
    for (const key of changed) {
      const old = beforeRows.get(key)!
      const moved = afterRows.get(key)!
      expect(moved['Primary Assignment']).toBe('Yes')
      expect(moved['Organisation Code']).toBe(old['Organisation Code'])
      expect(team(moved)).not.toBe(team(old))
      expect(moved['Assignment Start Date']).toBe(old['Assignment Start Date'])
      expect(moved['Work Email Address']).toBe(old['Work Email Address'])
      expect(afterRows.has(moved['Supervisor Assignment Number'])).toBe(true)
    }
    // Nobody who supervises anyone moves or leaves, so no one else's row changes with them.
    const supervisors = new Set(variant.rows.map((row) => row['Supervisor Employee Number']))
    for (const key of changed) expect(supervisors.has(afterRows.get(key)!['Employee Number'])).toBe(false)
    for (const number of gone) expect(supervisors.has(number)).toBe(false)
    // The rows keep their order.
    expect([...after.keys()]).toEqual([...before.keys()].filter((key) => after.has(key)))
  })
})
