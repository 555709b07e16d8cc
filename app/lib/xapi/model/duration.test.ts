import { describe, expect, test } from 'vitest'
import { isIsoDuration } from './duration.ts'

describe('isIsoDuration (ISO 8601 durations with designators)', () => {
  test.each([
    'PT4H35M59.14S',
    'PT16559.14S',
    'P3Y1M29DT4H35M59.14S',
    'P3Y',
    'P4W',
    'PT1H0M0.1S',
    'P1D',
    'PT0S',
    'P0D',
    'PT1,5S', // ISO 8601 allows a comma as the decimal sign
    'PT1.5M',
  ])('accepts %s', (value) => {
    expect(isIsoDuration(value)).toBe(true)
  })

  test.each([
    ['an empty string', ''],
    ['just P', 'P'],
    ['just PT', 'PT'],
    ['a T with no time after it', 'P1DT'],
    ['no leading P', 'T1H'],
    ['an unknown designator', 'PA1H0M0S'],
    ['weeks combined with days', 'P4W1D'],
    ['components out of order', 'PT1S1M'],
    ['a time component before T', 'P1H'],
    ['a fraction on a component that is not the smallest', 'PT1.5H30M'],
    ['the alternative (time-point-like) format', 'P0003-01-29T04:35:59'],
    ['a negative duration', '-PT1H'],
    ['lower-case designators', 'pt1h'],
    ['ordinary words', 'should fail'],
  ])('rejects %s', (_, value) => {
    expect(isIsoDuration(value)).toBe(false)
  })

  test('rejects values that are not strings', () => {
    expect(isIsoDuration(3600)).toBe(false)
    expect(isIsoDuration({ key: 'invalid' })).toBe(false)
  })
})
