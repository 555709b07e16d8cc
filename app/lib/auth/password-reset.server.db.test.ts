import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { createOrg, createTeam, createUser, setSignInSettings, TEST_PASSWORD } from '#tests/factories.ts'
import { createPerson } from '#tests/people.ts'
import { queuedResetEmails, resetEmailsFor } from '#tests/reset-emails.ts'
import {
  completePasswordReset,
  findResetLink,
  requestPasswordReset,
  sendResetLinkAsAdmin,
} from './password-reset.server.ts'
import {
  RESET_REQUEST_WINDOW_MS,
  RESET_REQUESTS_PER_ADDRESS,
  RESET_REQUESTS_PER_EMAIL,
} from './reset-rate-limit.server.ts'
import { resetTokenHash } from './reset-token.server.ts'
import { createSession, validateSessionToken } from './session.server.ts'
import { signIn } from './sign-in.server.ts'

const NEW_PASSWORD = 'a fresh passphrase for today'
const MINUTE = 60_000
let addressCounter = 0
/** A client address of its own for each request, so only the limit under test can trip. */
const freshAddress = () => `198.51.100.${++addressCounter % 250}`

async function linkFor(userId: string) {
  const [email] = await resetEmailsFor(userId)
  if (!email) throw new Error('no reset email was queued')
  return email
}

async function suspend(userId: string) {
  const { users } = schema()
  await db().update(users).set({ suspendedAt: new Date(), suspendedBy: 'admin' }).where(eq(users.id, userId))
}

async function canSignIn(email: string, password: string) {
  return (await signIn({ email, password, ip: null })).ok
}

describe('asking for a reset link', () => {
  test('gets the same answer for a known and an unknown email; only the known one is sent a link', async () => {
    const user = await createUser()
    const before = (await queuedResetEmails()).length
    const known = await requestPasswordReset({ email: ` ${user.email.toUpperCase()} `, ip: freshAddress() })
    const unknown = await requestPasswordReset({ email: 'nobody-here@example.test', ip: freshAddress() })
    expect(known).toEqual({ outcome: 'accepted' })
    expect(unknown).toEqual(known)
    expect((await queuedResetEmails()).length).toBe(before + 1)

    const email = await linkFor(user.id)
    expect(email.resetUrl).toMatch(new RegExp(`^${publicUrl}/reset-password/[a-z2-7]{52}$`))
    expect(email.expiresInMinutes).toBe(60)
  })

  test('stores only the SHA-256 of the token', async () => {
    const user = await createUser()
    await requestPasswordReset({ email: user.email, ip: freshAddress() })
    const { token } = await linkFor(user.id)
    const { passwordResetTokens } = schema()
    const stored = await db().select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id))
    expect(stored.map((row) => row.tokenHash)).toEqual([resetTokenHash(token)])
    expect(JSON.stringify(stored)).not.toContain(token)
  })

  test('enqueues the email in the transaction that stores the token: if it rolls back, there is neither', async () => {
    const user = await createUser()
    await expect(
      transaction(async () => {
        await requestPasswordReset({ email: user.email, ip: freshAddress() })
        throw new Error('something later in the transaction failed')
      }),
    ).rejects.toThrow('something later')
    expect(await resetEmailsFor(user.id)).toEqual([])
    const { passwordResetTokens } = schema()
    expect(await db().select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id))).toEqual([])
  })

  test('a suspended person is sent nothing, and a link sent before they were suspended stops working', async () => {
    const user = await createUser()
    await requestPasswordReset({ email: user.email, ip: freshAddress() })
    const { token } = await linkFor(user.id)
    await suspend(user.id)
    expect(await requestPasswordReset({ email: user.email, ip: freshAddress() })).toEqual({ outcome: 'accepted' })
    expect(await resetEmailsFor(user.id)).toHaveLength(1)
    expect(await completePasswordReset({ token, newPassword: NEW_PASSWORD })).toEqual({ ok: false, reason: 'expired' })
  })

  test('two accounts sharing an email address are each sent a link of their own, which resets only that account', async () => {
    const shared = 'ward7.shared@example.test'
    const first = await createPerson({ name: 'Sam First', email: shared })
    const second = await createPerson({ name: 'Sam Second', email: shared })
    await requestPasswordReset({ email: shared, ip: freshAddress() })
    const [firstLink, secondLink] = [await resetEmailsFor(first.id), await resetEmailsFor(second.id)]
    expect(firstLink).toHaveLength(1)
    expect(secondLink).toHaveLength(1)
    expect(firstLink[0]?.token).not.toBe(secondLink[0]?.token)

    const done = await completePasswordReset({ token: firstLink[0]?.token ?? '', newPassword: NEW_PASSWORD })
    expect(done.ok && done.userId).toBe(first.id)
    // The second account still has its old password and its own working link.
    expect(await findResetLink({ token: secondLink[0]?.token ?? '' })).toEqual({
      userId: second.id,
      name: 'Sam Second',
    })
    const signedIn = await signIn({ email: shared, password: TEST_PASSWORD, ip: null })
    expect(signedIn.ok && signedIn.userId).toBe(second.id)
  })
})

describe('organisations that sign in through single sign-on only', () => {
  test('their people are sent no link, with the same answer; their administrators still are', async () => {
    const org = await createOrg()
    const team = await createTeam({ under: org.directorate })
    const person = await createUser({ team })
    const admin = await createUser({ team, isAdmin: true })
    await setSignInSettings({ organisation: org.organisation, methods: 'sso' })
    expect(await requestPasswordReset({ email: person.email, ip: freshAddress() })).toEqual({ outcome: 'accepted' })
    expect(await requestPasswordReset({ email: admin.email, ip: freshAddress() })).toEqual({ outcome: 'accepted' })
    expect(await resetEmailsFor(person.id)).toEqual([])
    expect(await resetEmailsFor(admin.id)).toHaveLength(1)
    const sent = await sendResetLinkAsAdmin({
      actor: { id: admin.id, name: admin.name, isAdmin: true },
      userId: person.id,
    })
    expect(sent).toEqual({
      ok: false,
      problem: `${person.name}’s organisation signs in through single sign-on only, so they do not need a password here.`,
    })
  })

  test('a link sent before the organisation moved to single sign-on stops working', async () => {
    const org = await createOrg()
    const person = await createUser({ team: await createTeam({ under: org.directorate }) })
    await requestPasswordReset({ email: person.email, ip: freshAddress() })
    const { token } = await linkFor(person.id)
    expect(await findResetLink({ token })).not.toBeNull()
    await setSignInSettings({ organisation: org.organisation, methods: 'sso' })
    expect(await findResetLink({ token })).toBeNull()
    expect(await completePasswordReset({ token, newPassword: NEW_PASSWORD })).toEqual({ ok: false, reason: 'expired' })
  })
})

describe('limits on asking', () => {
  test(`after ${RESET_REQUESTS_PER_EMAIL} requests for one email, more are answered the same but send nothing until the window has passed`, async () => {
    const user = await createUser()
    const start = new Date()
    for (let i = 0; i < RESET_REQUESTS_PER_EMAIL + 2; i++) {
      expect(await requestPasswordReset({ email: user.email, ip: freshAddress(), now: start })).toEqual({
        outcome: 'accepted',
      })
    }
    expect(await resetEmailsFor(user.id)).toHaveLength(RESET_REQUESTS_PER_EMAIL)

    const later = new Date(start.getTime() + RESET_REQUEST_WINDOW_MS + MINUTE)
    await requestPasswordReset({ email: user.email, ip: freshAddress(), now: later })
    expect(await resetEmailsFor(user.id)).toHaveLength(RESET_REQUESTS_PER_EMAIL + 1)
  })

  test(`after ${RESET_REQUESTS_PER_ADDRESS} requests from one address it is told to try later; other addresses are not`, async () => {
    const ip = '203.0.113.45'
    for (let i = 0; i < RESET_REQUESTS_PER_ADDRESS; i++) {
      expect(await requestPasswordReset({ email: `someone${i}@example.test`, ip })).toEqual({ outcome: 'accepted' })
    }
    const user = await createUser()
    expect(await requestPasswordReset({ email: user.email, ip })).toEqual({ outcome: 'try-later' })
    expect(await resetEmailsFor(user.id)).toEqual([])
    expect(await requestPasswordReset({ email: user.email, ip: '203.0.113.46' })).toEqual({ outcome: 'accepted' })
    expect(await resetEmailsFor(user.id)).toHaveLength(1)
  })
})

describe('using a reset link', () => {
  test('sets the new password once: the old password and a second use of the link no longer work', async () => {
    const user = await createUser()
    await requestPasswordReset({ email: user.email, ip: freshAddress() })
    const { token } = await linkFor(user.id)
    expect(await findResetLink({ token })).toEqual({ userId: user.id, name: user.name })

    const done = await completePasswordReset({ token, newPassword: NEW_PASSWORD })
    expect(done.ok).toBe(true)
    expect(await canSignIn(user.email, TEST_PASSWORD)).toBe(false)
    expect(await canSignIn(user.email, NEW_PASSWORD)).toBe(true)

    expect(await findResetLink({ token })).toBeNull()
    expect(await completePasswordReset({ token, newPassword: 'someone else’s choice' })).toEqual({
      ok: false,
      reason: 'expired',
    })
    expect(await canSignIn(user.email, NEW_PASSWORD)).toBe(true)
  })

  test('works for 60 minutes and not after', async () => {
    const user = await createUser()
    const sent = new Date()
    await requestPasswordReset({ email: user.email, ip: freshAddress(), now: sent })
    const { token } = await linkFor(user.id)
    const after = (minutes: number) => new Date(sent.getTime() + minutes * MINUTE)
    expect(await findResetLink({ token, now: after(59) })).toEqual({ userId: user.id, name: user.name })
    expect(await findResetLink({ token, now: after(60) })).toBeNull()
    expect(await completePasswordReset({ token, newPassword: NEW_PASSWORD, now: after(61) })).toEqual({
      ok: false,
      reason: 'expired',
    })
    expect(await canSignIn(user.email, TEST_PASSWORD)).toBe(true)
  })

  test('ends every session the person had, stops their other links, and signs them in afresh', async () => {
    const user = await createUser()
    const phone = await createSession({ userId: user.id })
    const desktop = await createSession({ userId: user.id })
    await requestPasswordReset({ email: user.email, ip: freshAddress() })
    await requestPasswordReset({ email: user.email, ip: freshAddress() })
    const [older, newer] = await resetEmailsFor(user.id)
    if (!older || !newer) throw new Error('expected two links')

    const done = await completePasswordReset({ token: older.token, newPassword: NEW_PASSWORD })
    if (!done.ok) throw new Error('the link should have worked')
    expect(await validateSessionToken({ token: phone.token })).toBeNull()
    expect(await validateSessionToken({ token: desktop.token })).toBeNull()
    expect((await validateSessionToken({ token: done.session.token }))?.user.id).toBe(user.id)
    expect(await findResetLink({ token: newer.token })).toBeNull()
  })

  test('gives a password to someone who has never had one (staff loaded from HR)', async () => {
    const user = await createUser()
    const { users } = schema()
    await db().update(users).set({ passwordHash: null }).where(eq(users.id, user.id))
    await requestPasswordReset({ email: user.email, ip: freshAddress() })
    const { token } = await linkFor(user.id)
    expect((await completePasswordReset({ token, newPassword: NEW_PASSWORD })).ok).toBe(true)
    expect(await canSignIn(user.email, NEW_PASSWORD)).toBe(true)
  })

  test('anything that is not a link we sent does not work', async () => {
    for (const token of ['', 'short', 'a'.repeat(52), '../../etc/passwd', 'A'.repeat(52)]) {
      expect(await findResetLink({ token })).toBeNull()
    }
  })
})

describe('an administrator sending a link', () => {
  test('queues the email and records who sent it, to which address, in the audit log', async () => {
    const admin = await createUser({ isAdmin: true })
    const person = await createUser()
    const sentAt = new Date()
    expect(await sendResetLinkAsAdmin({ actor: admin, userId: person.id, now: sentAt })).toEqual({ ok: true })
    const { token } = await linkFor(person.id)
    expect(await findResetLink({ token })).toEqual({ userId: person.id, name: person.name })

    const { auditEvents } = schema()
    const entries = await db().select().from(auditEvents).where(eq(auditEvents.subjectId, person.id))
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'person.password-reset-sent',
        actorId: admin.id,
        actorName: admin.name,
        subjectType: 'person',
        subjectName: person.name,
        after: { sentTo: person.email },
      }),
    ])
    expect(entries[0]?.at.getTime()).toBe(sentAt.getTime())
  })

  test('is refused for a suspended person, with nothing sent or recorded', async () => {
    const admin = await createUser({ isAdmin: true })
    const person = await createUser()
    await suspend(person.id)
    expect(await sendResetLinkAsAdmin({ actor: admin, userId: person.id })).toEqual({
      ok: false,
      problem: `${person.name} is suspended. Restore them before sending a password reset link.`,
    })
    expect(await resetEmailsFor(person.id)).toEqual([])
    const { auditEvents } = schema()
    expect(await db().select().from(auditEvents).where(eq(auditEvents.subjectId, person.id))).toEqual([])
  })

  test(`shares the limit of ${RESET_REQUESTS_PER_EMAIL} links per email in 15 minutes with requests from the sign-in page`, async () => {
    const admin = await createUser({ isAdmin: true })
    const person = await createUser()
    const start = new Date()
    for (let i = 0; i < RESET_REQUESTS_PER_EMAIL - 1; i++)
      await requestPasswordReset({ email: person.email!, ip: freshAddress(), now: start })
    expect(await sendResetLinkAsAdmin({ actor: admin, userId: person.id, now: start })).toEqual({ ok: true })
    expect(await sendResetLinkAsAdmin({ actor: admin, userId: person.id, now: start })).toEqual({
      ok: false,
      problem: `${person.name} has been sent ${RESET_REQUESTS_PER_EMAIL} password reset links in the last 15 minutes. Wait a few minutes before sending another.`,
    })
    expect(await resetEmailsFor(person.id)).toHaveLength(RESET_REQUESTS_PER_EMAIL)
    const later = new Date(start.getTime() + 16 * MINUTE)
    expect(await sendResetLinkAsAdmin({ actor: admin, userId: person.id, now: later })).toEqual({ ok: true })
  })

  test('is for administrators only, and answers null for someone who does not exist', async () => {
    const learner = await createUser()
    const admin = await createUser({ isAdmin: true })
    await expect(sendResetLinkAsAdmin({ actor: learner, userId: admin.id })).rejects.toThrow('only administrators')
    expect(await sendResetLinkAsAdmin({ actor: admin, userId: 'no-such-person' })).toBeNull()
  })
})
