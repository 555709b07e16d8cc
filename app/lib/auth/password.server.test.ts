import { describe, expect, test } from 'vitest'
import { hashPassword, verifyPassword } from './password.server.ts'

describe('passwords', () => {
  test('are hashed with argon2id and a fresh salt each time', async () => {
    const first = await hashPassword('a long enough passphrase')
    const second = await hashPassword('a long enough passphrase')
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(first).not.toBe(second)
    expect(first).not.toContain('passphrase')
  })

  test('verify only the password that was hashed', async () => {
    const hash = await hashPassword('a long enough passphrase')
    expect(await verifyPassword({ hash, password: 'a long enough passphrase' })).toBe(true)
    expect(await verifyPassword({ hash, password: 'a long enough passphrasE' })).toBe(false)
    expect(await verifyPassword({ hash, password: '' })).toBe(false)
  })

  test('a malformed stored hash fails verification instead of throwing', async () => {
    expect(await verifyPassword({ hash: 'not-a-hash', password: 'anything' })).toBe(false)
  })
})
