import { describe, expect, test } from 'vitest'
import { formatProblem } from '#app/lib/content/yaml-with-lines.ts'
import { readStaffFile } from '#app/lib/workforce/read-staff-file.server.ts'
import { parseStaffMapping, type StaffMapping } from '#app/lib/workforce/staff-mapping.ts'
import { openFile } from '#tests/staff-files.ts'

const problemsIn = (text: string) => {
  const result = parseStaffMapping({ file: 'mapping.yaml', text })
  return result.ok ? [] : result.problems.map(formatProblem)
}

const MINIMAL = `columns:
  employeeNumber: Staff ID
  assignmentNumber: Post ID
  firstName: Forename
  lastName: Surname
  organisationCode: Org Code
  hierarchyPath: Department Path
  hierarchySeparator: ' > '
  primaryAssignment: Main Job
  assignmentStatus: Status
  assignmentEnd: Leaving Date
inactiveStatuses: [Left]
dateFormat: DD-MON-YYYY
`

const mappingFrom = (text: string): StaffMapping => {
  const result = parseStaffMapping({ file: 'mapping.yaml', text })
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'))
  return result.value
}

describe('the mapping file', () => {
  test('a mapping naming only the required fields, with the hierarchy in one column, is valid', () => {
    expect(problemsIn(MINIMAL)).toEqual([])
  })

  test.each([
    [
      'an unknown field, at its line',
      MINIMAL.replace('  lastName: Surname\n', '  lastName: Surname\n  middleName: Middle Name\n'),
      'mapping.yaml:6: columns: middleName is not a field the import reads: check the spelling',
    ],
    [
      'an unknown key at the top',
      `${MINIMAL}dateFromat: DD/MM/YYYY\n`,
      'mapping.yaml:14: dateFromat is not a key of the mapping file (columns, inactiveStatuses, dateFormat): check the spelling',
    ],
    [
      'both hierarchy and hierarchyPath',
      MINIMAL.replace('  hierarchyPath:', '  hierarchy: [Org L3, Org L4]\n  hierarchyPath:'),
      'mapping.yaml:8: columns.hierarchyPath: give either hierarchy (one column per level) or hierarchyPath (one column with the whole path), not both',
    ],
    [
      'neither hierarchy nor hierarchyPath',
      MINIMAL.replace("  hierarchyPath: Department Path\n  hierarchySeparator: ' > '\n", ''),
      'mapping.yaml:2: columns: give hierarchy (one column per organisation level) or hierarchyPath (one column with the whole path)',
    ],
    [
      'a required field left out',
      MINIMAL.replace('  assignmentNumber: Post ID\n', ''),
      'mapping.yaml:2: columns.assignmentNumber: give the header of the column that holds the assignment number',
    ],
    [
      'a blank header',
      MINIMAL.replace('Forename', "''"),
      'mapping.yaml:4: columns.firstName: give the header of the column that holds the first name',
    ],
    [
      'a date format the import does not know',
      MINIMAL.replace('DD-MON-YYYY', 'MM/DD/YYYY'),
      'mapping.yaml:13: dateFormat must be one of DD/MM/YYYY, YYYY-MM-DD, DD-MON-YYYY',
    ],
    ['an empty file', '', 'mapping.yaml:1: the mapping file needs columns, inactiveStatuses and dateFormat'],
    [
      'YAML that does not parse',
      MINIMAL.replace('[Left]', '[Left'),
      expect.stringMatching(/^mapping\.yaml:1[23]: YAML: /),
    ],
  ])('reports %s', (_, text, expected) => {
    expect(problemsIn(text)).toEqual([expected])
  })
})

describe('a staff list read with a custom mapping', () => {
  test('finds its columns whatever their capitals and spaces, and splits the hierarchy column', async () => {
    const csv = [
      ' staff id ,POST ID,Forename,Surname,Org Code,Department Path,Main Job,Status,Leaving Date,Notes',
      '501,501-1,Priya,Shah,RTX,Community > District Nursing >  > Team 4 ,Y,Active,,',
      '502,502-1,Sam,Jones,RTX,Corporate,N,Left,31-Oct-2026,left in October',
      '503,503-1,Lee,Ray,RTX,Corporate,N,Active,31-JAN-2027,',
    ].join('\n')
    const result = await readStaffFile({ open: openFile(csv), mapping: mappingFrom(MINIMAL), today: '2026-11-30' })
    expect(result.ok && result.problems).toEqual([])
    expect(
      result.ok &&
        result.rows.map((row) => [
          row.employeeNumber,
          row.assignmentNumber,
          row.hierarchy,
          row.primary,
          row.active,
          row.endDate,
          row.email,
        ]),
    ).toEqual([
      ['501', '501-1', ['Community', 'District Nursing', 'Team 4'], true, true, null, null],
      ['502', '502-1', ['Corporate'], false, false, '2026-10-31', null],
      ['503', '503-1', ['Corporate'], false, true, '2027-01-31', null],
    ])
  })

  test('a hierarchy column with nothing in it is a problem with that column', async () => {
    const csv = [
      'Staff ID,Post ID,Forename,Surname,Org Code,Department Path,Main Job,Status,Leaving Date',
      '501,501-1,Priya,Shah,RTX, > ,Y,Active,',
    ].join('\n')
    const result = await readStaffFile({ open: openFile(csv), mapping: mappingFrom(MINIMAL), today: '2026-11-30' })
    expect(result.ok && result.problems).toEqual([
      {
        line: 2,
        field: 'Department Path',
        value: '',
        person: { organisationCode: 'RTX', employeeNumber: '501' },
        message:
          'No organisation level is filled in (Department Path): every row needs at least one to place the person in the organisation.',
      },
    ])
  })

  test('without a separator, levels in the hierarchy column are separated by |', async () => {
    const mapping = mappingFrom(MINIMAL.replace("  hierarchySeparator: ' > '\n", ''))
    const csv = [
      'Staff ID,Post ID,Forename,Surname,Org Code,Department Path,Main Job,Status,Leaving Date',
      '501,501-1,Priya,Shah,RTX,Community|District Nursing,Y,Active,',
    ].join('\n')
    const result = await readStaffFile({ open: openFile(csv), mapping, today: '2026-11-30' })
    expect(result.ok && result.rows.map((row) => row.hierarchy)).toEqual([['Community', 'District Nursing']])
  })
})
