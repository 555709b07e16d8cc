import { testClockEnabled } from '#app/lib/env.server.ts'

// What time a request is answered at. Always the real time, except in tests run with TEST_CLOCK=on (refused in
// production at start-up): there a `test_clock` cookie holding a number of milliseconds moves this request's
// clock that far ahead, so a browser journey can see a session lapse or an ID token expire without waiting. The
// cookie belongs to one browser, so journeys running side by side do not move each other's clocks.

export const TEST_CLOCK_COOKIE = 'test_clock'

/** How far (ms) the request's test clock is ahead of real time: 0 unless TEST_CLOCK=on. */
export function testClockOffset(request: Request, enabled = testClockEnabled): number {
  if (!enabled) return 0
  const header = request.headers.get('Cookie') ?? ''
  for (const pair of header.split(';')) {
    const [name, value] = pair.trim().split('=')
    if (name === TEST_CLOCK_COOKIE && value && /^-?\d{1,12}$/.test(value)) return Number(value)
  }
  return 0
}

/** Now, as far as this request is concerned. */
export function requestNow(request: Request): Date {
  return new Date(Date.now() + testClockOffset(request))
}
