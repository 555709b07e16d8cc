import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { formatProblem } from '#app/lib/content/yaml-with-lines.ts'
import { roleProfileFor } from '#app/lib/workforce/role-profile-rules.ts'
import {
  checkWorkforceFiles,
  defaultRoleProfileRulesPath,
  defaultStaffMappingPath,
  loadRoleProfileRules,
  loadStaffMapping,
} from '#app/lib/workforce/workforce-files.server.ts'

describe('the checked-in workforce files', () => {
  test('the ESR mapping loads without problems', () => {
    const mapping = loadStaffMapping()
    expect(mapping.ok ? [] : mapping.problems.map(formatProblem)).toEqual([])
    expect(mapping.ok && mapping.value.columns.hierarchy).toEqual(['Org L3', 'Org L4', 'Org L5', 'Org L6', 'Org L7'])
  })

  test('the role profile rules load without problems and place the main ESR staff groups', () => {
    const rules = loadRoleProfileRules()
    if (!rules.ok) throw new Error(rules.problems.map(formatProblem).join('\n'))
    const profileOf = (staffGroup: string, jobRole: string | null = null) =>
      roleProfileFor(rules.value, { staffGroup, jobRole, positionTitle: null })
    expect(profileOf('Nursing and Midwifery Registered', 'Ward Sister')).toEqual({
      profile: 'team-manager',
      matched: true,
    })
    expect(profileOf('Allied Health Professionals', 'Physiotherapist')).toEqual({ profile: 'clinical', matched: true })
    expect(profileOf('Estates and Ancillary', 'Porter')).toEqual({ profile: 'estates-support', matched: true })
    expect(profileOf('Administrative and Clerical', 'Medical Secretary')).toEqual({
      profile: 'administrative',
      matched: true,
    })
    expect(profileOf('Students')).toEqual({ profile: 'administrative', matched: false })
  })

  test('content:check finds nothing wrong with them', () => {
    expect(checkWorkforceFiles()).toEqual({
      problems: [],
      files: [defaultStaffMappingPath, defaultRoleProfileRulesPath],
    })
  })
})

describe('checking workforce files', () => {
  test('reports each problem at its file and line, and a missing file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workforce-'))
    const rulesFile = path.join(dir, 'role-profile-rules.yaml')
    fs.writeFileSync(
      rulesFile,
      'default: administrative\nrules:\n  - profile: nurse\n    when:\n      staffGroup: [Nursing*]\n',
    )
    const mappingFile = path.join(dir, 'no-such-mapping.yaml')
    try {
      const { problems } = checkWorkforceFiles({ mappingFile, rulesFile })
      expect(problems.map((problem) => formatProblem({ ...problem, file: path.basename(problem.file) }))).toEqual([
        'no-such-mapping.yaml:1: the staff list mapping file is missing',
        expect.stringMatching(/^role-profile-rules\.yaml:3: rules\.0\.profile: nurse is not a role profile/),
      ])
    } finally {
      fs.rmSync(dir, { recursive: true })
    }
  })
})
