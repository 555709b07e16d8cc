import { expect, test } from 'vitest'
import { createStatement } from '#tests/statements.ts'
import { isSameStatement } from './statement-equivalence.ts'

const base = createStatement({ result: { duration: 'PT1.2345S' } })

test('a repeated statement is the same despite what the LRS added and finer-than-0.01s durations', () => {
  const stored = {
    ...base,
    id: 'x',
    stored: '2026-01-01T00:00:00Z',
    authority: { mbox: 'mailto:lrs@example.test' },
    version: '1.0.0',
    timestamp: '2026-01-01T00:00:00Z',
  }
  expect(isSameStatement(stored, { ...base, result: { duration: 'PT1.23S' } })).toBe(true)
  expect(isSameStatement(stored, { ...base, result: { duration: 'PT1.24S' } })).toBe(false)
  expect(isSameStatement(stored, { ...base, timestamp: '2026-01-01T00:00:00.000+00:00' })).toBe(true)
  expect(isSameStatement(stored, { ...base, timestamp: '2026-01-02T00:00:00Z' })).toBe(false)
})
