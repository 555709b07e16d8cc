import { describe, expect, test } from 'vitest'
import { createUser } from '#tests/factories.ts'
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  readSessionToken,
  SESSION_LIFETIME_MS,
  SHARED_IDLE_TIMEOUT_MS,
  SHARED_SESSION_MAX_MS,
  sessionCookie,
  sessionIdFromToken,
  validateSessionToken,
} from './session.server.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'

describe('sessions', () => {
  test('store only the SHA-256 of the token and validate to the user', async () => {
    const user = await createUser()
    const { token, session } = await createSession({ userId: user.id })
    expect(token).toMatch(/^[a-z2-7]{32}$/)
    expect(session.id).toBe(sessionIdFromToken(token))
    expect(session.id).not.toContain(token)
    const validated = await validateSessionToken({ token })
    expect(validated?.user.email).toBe(user.email)
    expect(await validateSessionToken({ token: 'a'.repeat(32) })).toBeNull()
  })

  test('expire after 30 days without use', async () => {
    const user = await createUser()
    const start = new Date('2026-01-01T09:00:00Z')
    const { token } = await createSession({ userId: user.id, now: start })
    expect(await validateSessionToken({ token, now: new Date(start.getTime() + 30 * DAY_MS - 1000) })).not.toBeNull()
    // That use renewed it; a month of silence after the renewal ends it.
    const later = new Date(start.getTime() + 61 * DAY_MS)
    expect(await validateSessionToken({ token, now: later })).toBeNull()
    expect(await validateSessionToken({ token, now: start })).toBeNull()
  })

  test('are renewed only when fewer than 15 days are left', async () => {
    const user = await createUser()
    const start = new Date('2026-01-01T09:00:00Z')
    const { token, session } = await createSession({ userId: user.id, now: start })

    const early = await validateSessionToken({ token, now: new Date(start.getTime() + 10 * DAY_MS) })
    expect(early?.renewed).toBe(false)
    expect(early?.session.expiresAt.getTime()).toBe(session.expiresAt.getTime())

    const lateUse = new Date(start.getTime() + 16 * DAY_MS)
    const late = await validateSessionToken({ token, now: lateUse })
    expect(late?.renewed).toBe(true)
    expect(late?.session.expiresAt.getTime()).toBe(lateUse.getTime() + SESSION_LIFETIME_MS)
    const again = await validateSessionToken({ token, now: lateUse })
    expect(again?.session.expiresAt.getTime()).toBe(lateUse.getTime() + SESSION_LIFETIME_MS)
  })

  test('end on sign-out, and all of a user’s sessions end together', async () => {
    const user = await createUser()
    const other = await createUser()
    const phone = await createSession({ userId: user.id })
    const desktop = await createSession({ userId: user.id })
    const someoneElse = await createSession({ userId: other.id })

    await invalidateSession({ sessionId: phone.session.id })
    expect(await validateSessionToken({ token: phone.token })).toBeNull()
    expect(await validateSessionToken({ token: desktop.token })).not.toBeNull()

    await invalidateUserSessions({ userId: user.id })
    expect(await validateSessionToken({ token: desktop.token })).toBeNull()
    expect(await validateSessionToken({ token: someoneElse.token })).not.toBeNull()
  })

  test('cookie is HttpOnly and SameSite=Lax, and only a well-formed token is read back', () => {
    const cookie = sessionCookie({ token: 'abc', expiresAt: new Date('2026-02-01T00:00:00Z') })
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    expect(cookie).toContain('Path=/')
    const token = 'a'.repeat(32)
    const request = (cookieHeader: string) => new Request('http://localhost/', { headers: { Cookie: cookieHeader } })
    expect(readSessionToken(request(`theme=dark; session=${token}`))).toBe(token)
    expect(readSessionToken(request(`session=${token}'--`))).toBeNull()
  })

  test('on a shared computer: end after 15 minutes without use, slide while in use, and end after a shift however busy', async () => {
    const user = await createUser()
    const start = new Date('2026-01-01T07:00:00Z')
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000)
    const { token, session } = await createSession({ userId: user.id, now: start, shared: true })
    expect(session.idleTimeoutMs).toBe(SHARED_IDLE_TIMEOUT_MS)
    expect(session.expiresAt).toEqual(at(15))
    // Used every ten minutes: still signed in after an hour, and the cookie is not sent again.
    for (let minutes = 10; minutes <= 60; minutes += 10) {
      const used = await validateSessionToken({ token, now: at(minutes) })
      expect(used?.renewed).toBe(false)
      expect(used?.session.expiresAt).toEqual(at(minutes + 15))
    }
    // Then 15 minutes without use.
    expect(await validateSessionToken({ token, now: at(75) })).toBeNull()

    const busy = await createSession({ userId: user.id, now: start, shared: true })
    for (let minutes = 10; minutes < SHARED_SESSION_MAX_MS / 60_000; minutes += 10) {
      expect(await validateSessionToken({ token: busy.token, now: at(minutes) })).not.toBeNull()
    }
    expect(await validateSessionToken({ token: busy.token, now: at(SHARED_SESSION_MAX_MS / 60_000) })).toBeNull()
  })

  test('a shared computer’s cookie has no expiry of its own, so closing the browser forgets it', () => {
    const cookie = sessionCookie({ token: 'abc', expiresAt: new Date('2026-02-01T00:00:00Z'), shared: true })
    expect(cookie).not.toContain('Expires=')
    expect(cookie).toContain('HttpOnly')
  })
})
