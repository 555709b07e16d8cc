import fs from 'node:fs'
import type { OpenStaffFile } from '#app/lib/workforce/sniff-staff-file.ts'
import { parseStaffMapping, type StaffMapping } from '#app/lib/workforce/staff-mapping.ts'

/**
 * A staff list as the `open` function readStaffFile takes, delivered in small chunks (so characters and
 * lines are split between chunks as they are when a large file is streamed).
 */
export function openFile(contents: string | Buffer, { chunkSize = 7 }: { chunkSize?: number } = {}): OpenStaffFile {
  const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents
  return async function* () {
    for (let start = 0; start < bytes.length; start += chunkSize) yield bytes.subarray(start, start + chunkSize)
  }
}

/** The checked-in ESR mapping (workforce/esr-mapping.yaml). */
export function esrMapping(): StaffMapping {
  const file = 'workforce/esr-mapping.yaml'
  const result = parseStaffMapping({ file, text: fs.readFileSync(file, 'utf8') })
  if (!result.ok) throw new Error(`${file} is not valid: ${JSON.stringify(result.problems)}`)
  return result.value
}

/** The ESR header row, in the order the checked-in mapping lists it. */
export const ESR_HEADERS = [
  'Employee Number',
  'Assignment Number',
  'First Name',
  'Last Name',
  'Work Email Address',
  'Organisation Code',
  'Organisation Name',
  'Org L3',
  'Org L4',
  'Org L5',
  'Org L6',
  'Org L7',
  'Position Title',
  'Staff Group',
  'Job Role',
  'Primary Assignment',
  'Assignment Status',
  'Assignment Start Date',
  'Assignment End Date',
  'Supervisor Employee Number',
  'Supervisor Assignment Number',
] as const

type EsrRow = Partial<Record<(typeof ESR_HEADERS)[number], string>>

/** A typical active primary assignment; each test changes only what it is about. */
export const NURSE: EsrRow = {
  'Employee Number': '10000001',
  'Assignment Number': '10000001',
  'First Name': 'Amira',
  'Last Name': 'Khan',
  'Work Email Address': 'Amira.Khan@nhs.net',
  'Organisation Code': 'RXN',
  'Organisation Name': 'Lancashire Teaching Hospitals NHS Foundation Trust',
  'Org L3': 'Medicine Division',
  'Org L4': 'Acute Medicine',
  'Org L5': 'Ward 7',
  'Position Title': 'Staff Nurse',
  'Staff Group': 'Nursing and Midwifery Registered',
  'Job Role': 'Staff Nurse',
  'Primary Assignment': 'Yes',
  'Assignment Status': 'Active Assignment',
  'Assignment Start Date': '01/04/2021',
  'Supervisor Employee Number': '10000009',
  'Supervisor Assignment Number': '10000009',
}

const quoted = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

/** A CSV file with the ESR header row and one line per row (missing cells are blank). */
export function esrCsv(rows: EsrRow[], { newline = '\r\n' }: { newline?: string } = {}): string {
  const lines = [
    ESR_HEADERS.join(','),
    ...rows.map((row) => ESR_HEADERS.map((header) => quoted(row[header] ?? '')).join(',')),
  ]
  return lines.join(newline) + newline
}
