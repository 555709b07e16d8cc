import { describe, expect, test } from 'vitest'
import { percentAxis } from './trend-axis.ts'

describe('the trend chart axis', () => {
  test('low figures get an axis that ends just above them', () => {
    expect(percentAxis([4, 8, null, 12])).toEqual({ top: 25, ticks: [0, 5, 10, 15, 20, 25] })
    expect(percentAxis([0, 3, 10])).toEqual({ top: 10, ticks: [0, 2, 4, 6, 8, 10] })
  })

  test('figures above half keep the whole 0–100% axis', () => {
    expect(percentAxis([30, 51])).toEqual({ top: 100, ticks: [0, 25, 50, 75, 100] })
    expect(percentAxis([26, 50])).toEqual({ top: 50, ticks: [0, 10, 20, 30, 40, 50] })
  })

  test('no figures at all draws the smallest axis', () => {
    expect(percentAxis([null, null])).toEqual({ top: 10, ticks: [0, 2, 4, 6, 8, 10] })
  })
})
