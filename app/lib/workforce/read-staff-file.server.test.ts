import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { readStaffFile } from '#app/lib/workforce/read-staff-file.server.ts'
import { ESR_HEADERS, esrCsv, esrMapping, NURSE, openFile } from '#tests/staff-files.ts'

const today = '2026-11-30'
const mapping = esrMapping()
const read = (contents: string | Buffer, chunkSize?: number) =>
  readStaffFile({ open: openFile(contents, { chunkSize }), mapping, today })

const BANK_SHIFTS = {
  ...NURSE,
  'Assignment Number': '10000001-2',
  'Org L5': 'Nurse Bank',
  'Position Title': 'Bank Staff Nurse',
  'Primary Assignment': 'No',
  'Assignment Start Date': '15/09/2023',
  'Assignment End Date': '31/03/2027',
}
const PORTER = {
  'Employee Number': '20000002',
  'Assignment Number': '20000002',
  'First Name': 'Tom',
  'Last Name': 'Barker',
  'Organisation Code': 'RXL',
  'Org L3': 'Facilities',
  'Staff Group': 'Estates and Ancillary',
  'Primary Assignment': 'Y',
  'Assignment Status': 'Active Assignment',
}

describe('reading a staff list', () => {
  test('gives one typed row per assignment, values trimmed, email lower-cased and dates as YYYY-MM-DD', async () => {
    const padded = { ...NURSE, 'First Name': '  Amira ', 'Work Email Address': ' Amira.Khan@NHS.net ' }
    const result = await read(esrCsv([padded, BANK_SHIFTS, PORTER]))
    expect(result).toEqual({
      ok: true,
      encoding: 'utf-8',
      problems: [],
      lines: 4,
      rows: [
        {
          line: 2,
          employeeNumber: '10000001',
          assignmentNumber: '10000001',
          firstName: 'Amira',
          lastName: 'Khan',
          email: 'amira.khan@nhs.net',
          organisationCode: 'RXN',
          organisationName: 'Lancashire Teaching Hospitals NHS Foundation Trust',
          hierarchy: ['Medicine Division', 'Acute Medicine', 'Ward 7'],
          positionTitle: 'Staff Nurse',
          staffGroup: 'Nursing and Midwifery Registered',
          jobRole: 'Staff Nurse',
          primary: true,
          status: 'Active Assignment',
          active: true,
          startDate: '2021-04-01',
          endDate: null,
          lineManager: { employeeNumber: '10000009', assignmentNumber: '10000009' },
        },
        expect.objectContaining({
          line: 3,
          employeeNumber: '10000001',
          assignmentNumber: '10000001-2',
          hierarchy: ['Medicine Division', 'Acute Medicine', 'Nurse Bank'],
          primary: false,
          active: true,
          startDate: '2023-09-15',
          endDate: '2027-03-31',
        }),
        {
          line: 4,
          employeeNumber: '20000002',
          assignmentNumber: '20000002',
          firstName: 'Tom',
          lastName: 'Barker',
          email: null,
          organisationCode: 'RXL',
          organisationName: null,
          hierarchy: ['Facilities'],
          positionTitle: null,
          staffGroup: 'Estates and Ancillary',
          jobRole: null,
          primary: true,
          status: 'Active Assignment',
          active: true,
          startDate: null,
          endDate: null,
          lineManager: { employeeNumber: null, assignmentNumber: null },
        },
      ],
    })
  })

  test('counts lines as the file has them: a value over two lines, blank lines, and no newline at the end', async () => {
    const twoLineTitle = { ...NURSE, 'Position Title': 'Staff Nurse\r\n(Nights)' }
    const csv = `${esrCsv([twoLineTitle])}\r\n${esrCsv([PORTER]).split('\r\n')[1]}`
    const result = await read(csv)
    expect(result.ok && result.rows.map((row) => [row.line, row.positionTitle])).toEqual([
      [2, 'Staff Nurse\r\n(Nights)'],
      [5, null],
    ])
    expect(result.ok && result.lines).toBe(5)
  })

  test('reads a file on disk, opening it once to check it and again to read it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'staff-list-'))
    const file = path.join(dir, 'staff.csv')
    fs.writeFileSync(file, esrCsv([NURSE, PORTER]))
    let opened = 0
    const open = () => {
      opened += 1
      return fs.createReadStream(file, { highWaterMark: 16 })
    }
    try {
      const result = await readStaffFile({ open, mapping, today })
      expect(result.ok && result.rows.map((row) => row.employeeNumber)).toEqual(['10000001', '20000002'])
      expect(opened).toBe(2)
    } finally {
      fs.rmSync(dir, { recursive: true })
    }
  })

  test('skips the rows of empty cells Excel leaves below a table', async () => {
    const result = await read(esrCsv([NURSE]) + ','.repeat(ESR_HEADERS.length - 1) + '\r\n')
    expect(result.ok && result.rows.map((row) => row.line)).toEqual([2])
  })

  test('reports progress every 5,000 lines and at the end', async () => {
    const rows = Array.from({ length: 12_000 }, (_, index) => ({
      ...NURSE,
      'Employee Number': `E${index}`,
      'Assignment Number': `A${index}`,
    }))
    const progress: number[] = []
    const result = await readStaffFile({
      open: openFile(esrCsv(rows), { chunkSize: 64 * 1024 }),
      mapping,
      today,
      onProgress: (lines) => progress.push(lines),
    })
    expect(result.ok && result.rows.length).toBe(12_000)
    expect(progress).toEqual([5_000, 10_000, 12_001])
  })
})

describe('encodings', () => {
  const windows1252 = (text: string) =>
    Buffer.from([...text].map((character) => ({ '’': 0x92, ë: 0xeb, é: 0xe9 })[character] ?? character.charCodeAt(0)))
  const accented = { ...NURSE, 'First Name': 'Zoë', 'Last Name': 'O’Neil', 'Org L5': 'Ward René' }

  test('UTF-8 with a byte order mark: the mark is not part of the first header, and names read right', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(esrCsv([accented]), 'utf8')])
    for (const chunkSize of [1, 2, 7, 4096]) {
      const result = await read(bytes, chunkSize)
      expect(result.ok && result.encoding).toBe('utf-8')
      expect(
        result.ok && result.rows.map((row) => [row.employeeNumber, row.firstName, row.lastName, row.hierarchy.at(-1)]),
      ).toEqual([['10000001', 'Zoë', 'O’Neil', 'Ward René']])
    }
  })

  test('Windows-1252 (a file saved by Excel on Windows) is recognised and read right', async () => {
    const result = await read(windows1252(esrCsv([accented])), 3)
    expect(result.ok && result.encoding).toBe('windows-1252')
    expect(result.ok && result.rows.map((row) => [row.firstName, row.lastName, row.hierarchy.at(-1)])).toEqual([
      ['Zoë', 'O’Neil', 'Ward René'],
    ])
  })
})

describe('a file that cannot be read stops with one message', () => {
  const EXCEL = "In Excel, choose Save As and then 'CSV UTF-8 (comma delimited)'."

  test.each([
    ['an Excel workbook (.xlsx)', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]],
    ['an old Excel workbook (.xls)', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ])('%s', async (_, bytes) => {
    const result = await read(Buffer.concat([Buffer.from(bytes), Buffer.alloc(64)]), 2)
    expect(result).toEqual({
      ok: false,
      error: { message: `This file is an Excel workbook, not a CSV file. ${EXCEL}` },
    })
  })

  test('binary content', async () => {
    const result = await read(Buffer.concat([Buffer.from('Employee Number,'), Buffer.from([0x00, 0x01, 0x02])]))
    expect(result).toEqual({
      ok: false,
      error: {
        message: `This file is not a CSV file: it holds binary data, not text. Export the staff list as CSV. ${EXCEL}`,
      },
    })
  })

  test('a file saved as Unicode text (UTF-16)', async () => {
    const result = await read(Buffer.from(`\uFEFF${esrCsv([NURSE])}`, 'utf16le'))
    expect(result.ok === false && result.error.message).toBe(
      `This file is saved as Unicode text (UTF-16), which the import cannot read. ${EXCEL}`,
    )
  })

  test.each([
    ['no bytes', ''],
    ['only blank lines', '\r\n\r\n  \r\n'],
    ['only a byte order mark', '\uFEFF'],
  ])('an empty file: %s', async (_, contents) => {
    expect(await read(contents)).toEqual({
      ok: false,
      error: { message: 'The file is empty: it has no header row and no staff.' },
    })
  })

  test('no header row', async () => {
    expect(await read(',,,\r\n,,,\r\n')).toEqual({
      ok: false,
      error: { message: 'The file has no header row. Its first line must name the columns, such as Employee Number.' },
    })
  })

  test('a header row but no staff', async () => {
    expect(await read(esrCsv([]))).toEqual({
      ok: false,
      error: { message: 'The file has a header row but no staff in it.' },
    })
  })

  test.each([
    [';', 'semicolons (;)'],
    ['\t', 'tabs'],
  ])('columns separated by %j', async (separator, named) => {
    const result = await read(esrCsv([NURSE]).replaceAll(',', separator))
    expect(result).toEqual({
      ok: false,
      error: {
        line: 1,
        message: `The columns in this file are separated by ${named}, but the file must use commas. ${EXCEL}`,
      },
    })
  })

  test('a required column is missing: the message names the header the mapping expects', async () => {
    const result = await read(esrCsv([NURSE]).replace('Assignment Number,', 'Assignment No,'))
    expect(result).toEqual({
      ok: false,
      error: {
        line: 1,
        column: 'Assignment Number',
        message:
          "The file has no 'Assignment Number' column (needed for the assignment number). Check the file, or the mapping file if your columns are named differently.",
      },
    })
  })

  test('an optional column the mapping names is missing: the advice is to take it out of the mapping', async () => {
    const result = await read(esrCsv([NURSE]).replace('Work Email Address,', 'Email,'))
    expect(result.ok === false && result.error.message).toBe(
      "The file has no 'Work Email Address' column (needed for the work email address). Check the file, or take the email line out of the mapping file if your files do not have this column.",
    )
  })

  test('several missing columns are listed together', async () => {
    const result = await read(esrCsv([NURSE]).replace('First Name,Last Name', 'Forename,Surname'))
    expect(result.ok === false && result.error).toEqual({
      line: 1,
      column: 'First Name',
      message:
        "The file is missing 2 columns: 'First Name' (for the first name), 'Last Name' (for the last name). Check the file, or the mapping file if your columns are named differently.",
    })
  })

  test('two columns with the same header', async () => {
    const result = await read(esrCsv([NURSE]).replace('Org L7', 'employee number '))
    expect(result.ok === false && result.error.message).toBe(
      "The file has 2 columns headed 'Employee Number' (columns A and L), so it is not clear which holds the employee number. Rename or remove the extra ones.",
    )
  })

  test('a row with more or fewer columns than the header names its line', async () => {
    const twoLineTitle = { ...NURSE, 'Position Title': 'Staff Nurse\r\n(Nights)' }
    const result = await read(`${esrCsv([twoLineTitle, PORTER])}10000003,10000003,Ann,Lee,,RXN\r\n`)
    expect(result).toEqual({
      ok: false,
      error: {
        line: 5,
        message:
          'Line 5 has 6 columns, but the header row has 21. A value with a comma in it must be in double quotes: check that line for a missing or extra comma.',
      },
    })
  })

  test('a quote that is never closed names the line it opens on', async () => {
    const unclosed = { ...PORTER, 'Position Title': 'Porter' }
    const csv = esrCsv([NURSE, unclosed, BANK_SHIFTS]).replace(',Porter,', ',"Porter,')
    expect(await read(csv)).toEqual({
      ok: false,
      error: {
        line: 3,
        message:
          'Line 3 has a quote mark (") that is never closed, so the rest of the file cannot be read. Check the quote marks on that line.',
      },
    })
  })

  test('a quote that is never closed in a long file still names its line, without reading the rest into one value', async () => {
    const rest = Array.from({ length: 5_000 }, (_, index) => ({
      ...PORTER,
      'Employee Number': `E${index}`,
      'Assignment Number': `A${index}`,
    }))
    const csv = esrCsv([NURSE, { ...PORTER, 'Position Title': 'Porter' }, ...rest]).replace(',Porter,', ',"Porter,')
    const result = await read(csv, 64 * 1024)
    expect(result.ok === false && result.error.line).toBe(3)
  })

  test('the same assignment number twice names both lines', async () => {
    const first = { ...NURSE, 'Assignment Number': '12345678-2' }
    const again = { ...PORTER, 'Assignment Number': '12345678-2' }
    const result = await read(
      esrCsv([
        first,
        BANK_SHIFTS,
        PORTER,
        { ...PORTER, 'Assignment Number': '20000002-2', 'Primary Assignment': 'No' },
        again,
      ]),
    )
    expect(result).toEqual({
      ok: false,
      error: {
        line: 6,
        column: 'Assignment Number',
        message: 'Assignment number 12345678-2 appears on lines 2 and 6. Each assignment must appear once.',
      },
    })
  })
})
