import { describe, expect, test } from 'vitest'
import { VERIFIED_CLIENT_SECONDS, verifiedClients } from './verified-clients.ts'

describe('verified LRS clients remembered by this process', () => {
  test('are forgotten after a few seconds, so a client disabled elsewhere is soon refused', () => {
    const recent = verifiedClients<{ id: string }>()
    recent.remember('key', { id: 'a' }, 0)
    expect(recent.get('key', VERIFIED_CLIENT_SECONDS * 1000 - 1)).toEqual({ id: 'a' })
    expect(recent.get('key', VERIFIED_CLIENT_SECONDS * 1000)).toBeUndefined()
  })

  test('are forgotten at once when disabled here', () => {
    const recent = verifiedClients<{ id: string }>()
    recent.remember('key', { id: 'a' }, 0)
    recent.forget('a')
    expect(recent.get('key', 1)).toBeUndefined()
  })
})
