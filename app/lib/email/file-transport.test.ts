import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import { afterEach, expect, test } from 'vitest'
import { anEmail } from '#tests/emails.ts'
import { headerValue } from '#tests/mail-catcher.ts'
import { createFileTransport } from './file-transport.server.ts'

const folders: string[] = []
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true })
})

test('writes each email as a whole .eml file a mail app can open, and logs the file, not the address', async () => {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'mail-')), 'outbox')
  folders.push(path.dirname(dir))
  const logged: string[] = []
  const transport = createFileTransport(
    { transport: 'file', dir, from: 'Digital skills <no-reply@localhost>' },
    (line) => logged.push(line),
  )
  const email = anEmail()

  const { providerId } = await transport.send(email)

  const files = await readdir(dir)
  expect(files).toHaveLength(1)
  expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-due-soon-[0-9a-f]{6}\.eml$/)
  expect(providerId).toBe(path.join(dir, files[0] ?? ''))

  const mail = await simpleParser(await readFile(providerId))
  expect(mail.subject).toBe('Due in 7 days: Spotting phishing emails')
  expect(mail.text).toContain('https://skills.example.nhs.uk/modules/spotting-phishing')
  expect(mail.html).toContain('<html lang="en">')
  expect(headerValue(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
  expect(mail.messageId).toBe('<job-42.due-soon@localhost>')

  expect(logged).toEqual([
    expect.stringMatching(/^Email "Due in 7 days: Spotting phishing emails" written to .*\.eml$/),
  ])
  expect(logged.join('\n')).not.toContain(email.to)
})
