import { describe, expect, test } from 'vitest'
import { testClockOffset } from './request-clock.server.ts'

describe('the test clock', () => {
  const request = new Request('http://localhost/', { headers: { Cookie: 'session=abc; test_clock=960000' } })

  test('moves a request’s time only when TEST_CLOCK is on', () => {
    expect(testClockOffset(request, true)).toBe(960_000)
    expect(testClockOffset(request, false)).toBe(0)
  })

  test('ignores anything but a whole number of milliseconds', () => {
    const odd = new Request('http://localhost/', { headers: { Cookie: 'test_clock=1e9' } })
    expect(testClockOffset(odd, true)).toBe(0)
  })
})
