import { eq } from 'drizzle-orm'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { hashPassword, verifyPassword } from './password.server.ts'
import { invalidateUserSessions } from './session.server.ts'

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** Creates an account; hash the password first with `hashPassword` (null: cannot sign in with a password). */
export async function createUser({
  email,
  name,
  passwordHash,
  isAdmin = false,
}: {
  email: string
  name: string
  passwordHash: string | null
  isAdmin?: boolean
}) {
  const { users } = schema()
  const [user] = await db()
    .insert(users)
    .values({
      email: normaliseEmail(email),
      name: name.trim(),
      passwordHash,
      isAdmin,
    })
    .returning()
  if (!user) throw new Error('insert returned no user')
  return user
}

/** Everyone with this email address: usually one person, but a shared mailbox can belong to several. */
export async function findUsersByEmail({ email }: { email: string }) {
  const { users } = schema()
  return db()
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .orderBy(users.createdAt)
    .limit(20)
}

/** The first account made with this email address, or null. */
export async function findUserByEmail({ email }: { email: string }) {
  const [user] = await findUsersByEmail({ email })
  return user ?? null
}

export async function recordSignIn({ userId, at = new Date() }: { userId: string; at?: Date }) {
  const { users } = schema()
  await db().update(users).set({ lastSignInAt: at }).where(eq(users.id, userId))
}

export async function findUserById({ id }: { id: string }) {
  const { users } = schema()
  const [user] = await db().select().from(users).where(eq(users.id, id))
  return user ?? null
}

export type ChangePasswordResult = { ok: true } | { ok: false; field: 'currentPassword'; message: string }

/** Changes the password and signs the user out everywhere; the caller issues a fresh session. */
export async function changePassword({
  userId,
  currentPassword,
  newPassword,
}: {
  userId: string
  currentPassword: string
  newPassword: string
}): Promise<ChangePasswordResult> {
  const user = await findUserById({ id: userId })
  if (!user?.passwordHash || !(await verifyPassword({ hash: user.passwordHash, password: currentPassword }))) {
    return { ok: false, field: 'currentPassword', message: 'Your current password is not right' }
  }
  await replacePassword({ userId, passwordHash: await hashPassword(newPassword) })
  return { ok: true }
}

/**
 * Stores a new password (hash it first with `hashPassword`) and ends every session of the person: whoever knew
 * the old one is signed out with it. Changing a password and using a reset link both come through here.
 */
export async function replacePassword({
  userId,
  passwordHash,
  at = new Date(),
}: {
  userId: string
  passwordHash: string
  at?: Date
}) {
  const { users } = schema()
  await transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: at }).where(eq(users.id, userId))
    await invalidateUserSessions({ userId })
  })
}
