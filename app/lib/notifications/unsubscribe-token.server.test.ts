import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { publicUrl, sessionSecret } from '#app/lib/env.server.ts'
import { readUnsubscribeToken, unsubscribeToken, unsubscribeUrl } from './unsubscribe-token.server.ts'

const target = { userId: 'user-123', kind: 'due-soon' } as const

/** The token with one character of its signature changed, to one that base64url also allows. */
function withSignatureChanged(token: string, at: number): string {
  const [payload, signature = ''] = token.split('.')
  const index = at < 0 ? signature.length + at : at
  const changed = signature[index] === 'A' ? 'B' : 'A'
  return `${payload}.${signature.slice(0, index)}${changed}${signature.slice(index + 1)}`
}

function withPayload(token: string, payload: object): string {
  const [, signature] = token.split('.')
  return `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`
}

describe('unsubscribe links', () => {
  test('are absolute addresses on the public URL that read back as the person and kind', () => {
    const url = unsubscribeUrl(target)
    expect(url.startsWith(`${publicUrl}/unsubscribe/`)).toBe(true)
    const token = url.slice(`${publicUrl}/unsubscribe/`.length)
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(readUnsubscribeToken(token)).toEqual(target)
  })

  test('differ by person and by kind', () => {
    const tokens = new Set([
      unsubscribeToken(target),
      unsubscribeToken({ ...target, userId: 'user-124' }),
      unsubscribeToken({ ...target, kind: 'overdue' }),
    ])
    expect(tokens.size).toBe(3)
  })

  test('are refused when the person or the kind in them has been changed', () => {
    const token = unsubscribeToken(target)
    expect(readUnsubscribeToken(withPayload(token, { u: 'someone-else', k: 'due-soon' }))).toBeNull()
    expect(readUnsubscribeToken(withPayload(token, { u: 'user-123', k: 'overdue' }))).toBeNull()
  })

  test('are refused when the signature has been changed, even in its last character', () => {
    const token = unsubscribeToken(target)
    expect(readUnsubscribeToken(withSignatureChanged(token, 0))).toBeNull()
    expect(readUnsubscribeToken(withSignatureChanged(token, -1))).toBeNull()
    expect(readUnsubscribeToken(`${token}A`)).toBeNull()
  })

  test('are refused when signed with any other key, such as the session secret itself', () => {
    const payload = Buffer.from(JSON.stringify({ u: 'user-123', k: 'due-soon' })).toString('base64url')
    for (const key of [sessionSecret, 'a guessed secret of thirty-two characters']) {
      const forged = `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`
      expect(readUnsubscribeToken(forged)).toBeNull()
    }
  })

  test('are refused when they are not tokens at all', () => {
    for (const junk of ['', 'nonsense', '.', 'a.b', `${unsubscribeToken(target)}.extra`]) {
      expect(readUnsubscribeToken(junk)).toBeNull()
    }
  })

  test('are never made for a password reset, which is always sent', () => {
    expect(() => unsubscribeUrl({ userId: 'user-123', kind: 'password-reset' })).toThrow(/always sent/)
  })
})
