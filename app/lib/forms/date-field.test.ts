import { describe, expect, test } from 'vitest'
import { datePartsAtFault } from './date-field.ts'

describe('the boxes of a date to correct', () => {
  test.each([
    [{ day: '', month: '', year: '' }, ['day', 'month', 'year']],
    [{ day: '31', month: '', year: '2027' }, ['month']],
    [{ day: '', month: '3', year: '' }, ['day', 'year']],
    [{ day: 'x', month: '3', year: '2027' }, ['day']],
    [{ day: '5', month: '3', year: '27' }, ['year']],
    [{ day: '31', month: '2', year: '2027' }, ['day', 'month', 'year']],
    [{ day: ' 5 ', month: '3', year: '2027' }, []],
  ])('%o: %o', (parts, expected) => {
    expect(datePartsAtFault(parts)).toEqual(expected)
  })
})
