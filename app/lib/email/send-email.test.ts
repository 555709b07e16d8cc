import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, expect, test, vi } from 'vitest'
import { anEmail } from '#tests/emails.ts'

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
  vi.resetModules()
})

test('with no mail settings, sendEmail writes a file and sends nothing', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'mail-'))
  vi.stubEnv('MAIL_TRANSPORT', undefined)
  vi.stubEnv('MAIL_DIR', dir)
  vi.spyOn(console, 'log').mockImplementation(() => {})
  const { sendEmail, closeMailTransport } = await import('./send-email.server.ts')

  try {
    const { providerId } = await sendEmail(anEmail())
    expect(path.dirname(providerId)).toBe(dir)
    expect(await readdir(dir)).toEqual([path.basename(providerId)])
  } finally {
    closeMailTransport()
    await rm(dir, { recursive: true, force: true })
  }
})
