import { describe, expect, test } from 'vitest'
import { changeLines, fieldLabel, valuesText } from './audit-change.ts'

describe('an audit entry in words', () => {
  test('names fields in plain English, including ones it has no label for', () => {
    expect(fieldLabel('parent')).toBe('Part of')
    expect(fieldLabel('employeeNumber')).toBe('Employee number')
    expect(fieldLabel('line_manager')).toBe('Line manager')
  })

  test('writes one side as "field: value; field: value"', () => {
    expect(valuesText({ name: 'Ward 9', kind: 'Team', parent: 'Medicine' })).toBe(
      'Name: Ward 9; Type of unit: Team; Part of: Medicine',
    )
    expect(valuesText({ status: 'closed' })).toBe('Status: Closed')
    expect(valuesText({ jobTitle: null, scopes: ['a', 'b'], trusted: true })).toBe(
      'Job title: none; Scopes: a, b; Trusted: Yes',
    )
    expect(valuesText(null)).toBe('')
  })

  test('pairs before and after field by field', () => {
    expect(changeLines({ name: 'Ward 7' }, { name: 'Ward 7A' })).toEqual([
      { field: 'Name', before: 'Ward 7', after: 'Ward 7A' },
    ])
    expect(changeLines(null, { name: 'Ward 9', parent: 'Medicine' })).toEqual([
      { field: 'Name', after: 'Ward 9' },
      { field: 'Part of', after: 'Medicine' },
    ])
    expect(changeLines({ status: 'active' }, { status: 'suspended', reason: 'Not in the staff list' })).toEqual([
      { field: 'Status', before: 'Active', after: 'Suspended' },
      { field: 'Reason', after: 'Not in the staff list' },
    ])
  })
})
