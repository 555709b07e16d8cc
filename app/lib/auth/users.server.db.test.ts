import { describe, expect, test } from 'vitest'
import { createUser, TEST_PASSWORD } from '#tests/factories.ts'
import { createSession, validateSessionToken } from './session.server.ts'
import { signIn } from './sign-in.server.ts'
import { changePassword } from './users.server.ts'

describe('changing a password', () => {
  test('needs the current password, and changes nothing without it', async () => {
    const user = await createUser()
    const { token } = await createSession({ userId: user.id })
    const result = await changePassword({ userId: user.id, currentPassword: 'wrong', newPassword: 'a new passphrase' })
    expect(result).toEqual({ ok: false, field: 'currentPassword', message: 'Your current password is not right' })
    expect(await validateSessionToken({ token })).not.toBeNull()
    expect((await signIn({ email: user.email, password: TEST_PASSWORD, ip: null })).ok).toBe(true)
  })

  test('ends every session and only the new password works afterwards', async () => {
    const user = await createUser()
    const phone = await createSession({ userId: user.id })
    const desktop = await createSession({ userId: user.id })
    const result = await changePassword({
      userId: user.id,
      currentPassword: TEST_PASSWORD,
      newPassword: 'a new passphrase',
    })
    expect(result).toEqual({ ok: true })
    expect(await validateSessionToken({ token: phone.token })).toBeNull()
    expect(await validateSessionToken({ token: desktop.token })).toBeNull()
    expect((await signIn({ email: user.email, password: TEST_PASSWORD, ip: null })).ok).toBe(false)
    expect((await signIn({ email: user.email, password: 'a new passphrase', ip: null })).ok).toBe(true)
  })
})
