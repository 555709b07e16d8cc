import { describe, expect, test } from 'vitest'
import { formatProblem } from '#app/lib/content/yaml-with-lines.ts'
import { parseRoleProfileRules, roleProfileFor, type RoleProfileRules } from '#app/lib/workforce/role-profile-rules.ts'

const parse = (text: string) => parseRoleProfileRules({ file: 'rules.yaml', text })
const problemsIn = (text: string) => {
  const result = parse(text)
  return result.ok ? [] : result.problems.map(formatProblem)
}
const rulesFrom = (text: string): RoleProfileRules => {
  const result = parse(text)
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'))
  return result.value
}

const RULES = `default: administrative
rules:
  - profile: team-manager
    when:
      jobRole: ['*Manager*', 'Ward Sister*']
  - profile: clinical
    when:
      staffGroup: [Nursing and Midwifery Registered, Allied Health Professionals]
  - profile: digital-champion
    when:
      staffGroup: [Administrative and Clerical]
      positionTitle: ['Digital Champion (Band 4)']
  - profile: estates-support
    when:
      staffGroup: [Estates and Ancillary]
`

const person = (assignment: { staffGroup?: string; jobRole?: string; positionTitle?: string }) => ({
  staffGroup: null,
  jobRole: null,
  positionTitle: null,
  ...assignment,
})

describe('roleProfileFor', () => {
  const rules = rulesFrom(RULES)

  test('the first matching rule wins: a nurse who manages a ward is a team manager', () => {
    expect(
      roleProfileFor(rules, person({ staffGroup: 'Nursing and Midwifery Registered', jobRole: 'Ward Manager' })),
    ).toEqual({
      profile: 'team-manager',
      matched: true,
    })
    expect(
      roleProfileFor(rules, person({ staffGroup: 'Nursing and Midwifery Registered', jobRole: 'Staff Nurse' })),
    ).toEqual({
      profile: 'clinical',
      matched: true,
    })
  })

  test('* matches any text, including none, and patterns ignore capitals and surrounding spaces', () => {
    for (const jobRole of ['Manager', 'Estates manager', 'MANAGER, PHARMACY', ' ward sister (nights) ']) {
      expect(roleProfileFor(rules, person({ jobRole })).profile).toBe('team-manager')
    }
  })

  test('without a *, the whole value must match', () => {
    expect(roleProfileFor(rules, person({ staffGroup: 'Nursing and Midwifery Registered (Bank)' }))).toEqual({
      profile: 'administrative',
      matched: false,
    })
  })

  test('characters with a meaning in regular expressions are matched as written', () => {
    const champion = { staffGroup: 'Administrative and Clerical' }
    expect(roleProfileFor(rules, person({ ...champion, positionTitle: 'digital champion (band 4)' })).profile).toBe(
      'digital-champion',
    )
    expect(roleProfileFor(rules, person({ ...champion, positionTitle: 'Digital Champion Band 4' })).matched).toBe(false)
  })

  test('every field a rule names must match', () => {
    expect(
      roleProfileFor(rules, person({ staffGroup: 'Estates and Ancillary', positionTitle: 'Digital Champion (Band 4)' }))
        .profile,
    ).toBe('estates-support')
  })

  test('no rule matching gives the default, and says so', () => {
    expect(roleProfileFor(rules, person({ staffGroup: 'Students' }))).toEqual({
      profile: 'administrative',
      matched: false,
    })
    expect(roleProfileFor(rules, person({}))).toEqual({ profile: 'administrative', matched: false })
  })
})

describe('the rules file', () => {
  test.each([
    [
      'an unknown role profile',
      RULES.replace('profile: clinical', 'profile: nurse'),
      [
        'rules.yaml:6: rules.1.profile: nurse is not a role profile (the role profiles are clinical, administrative, estates-support, team-manager, digital-champion, digital-leader)',
      ],
    ],
    [
      'an unknown default',
      RULES.replace('default: administrative', 'default: admin'),
      [
        'rules.yaml:1: default: admin is not a role profile (the role profiles are clinical, administrative, estates-support, team-manager, digital-champion, digital-leader)',
      ],
    ],
    [
      'a field that cannot be matched, at its line',
      RULES.replace('      staffGroup: [Estates', '      department: [Estates'),
      ['rules.yaml:15: rules.3.when: department cannot be matched: a rule matches staffGroup, jobRole, positionTitle'],
    ],
    [
      'a rule with nothing to match',
      `${RULES}  - profile: clinical\n    when: {}\n`,
      ['rules.yaml:17: rules.4.when: a rule needs at least one of staffGroup, jobRole, positionTitle'],
    ],
    [
      'an empty list of patterns',
      RULES.replace('[Estates and Ancillary]', '[]'),
      ['rules.yaml:15: rules.3.when.staffGroup: list at least one pattern'],
    ],
    [
      'an unknown key in a rule',
      RULES.replace('  - profile: clinical\n', '  - profile: clinical\n    priority: 2\n'),
      ['rules.yaml:7: rules.1: priority is not part of a rule (a rule has profile and when)'],
    ],
  ])('reports %s', (_, text, expected) => {
    expect(problemsIn(text)).toEqual(expected)
  })
})
