import { and, eq } from 'drizzle-orm'
import { db, schema } from '../db.server.ts'

// "Resume where you stopped", stored per person on the server (the xAPI State resource takes this over).
export async function saveBookmark({ userId, moduleSlug, section }: { userId: string; moduleSlug: string; section: number }) {
  const { moduleBookmarks } = schema()
  const updatedAt = new Date()
  await db()
    .insert(moduleBookmarks)
    .values({ userId, moduleSlug, section, updatedAt })
    .onConflictDoUpdate({ target: [moduleBookmarks.userId, moduleBookmarks.moduleSlug], set: { section, updatedAt } })
}

export async function getBookmark({ userId, moduleSlug }: { userId: string; moduleSlug: string }): Promise<number | null> {
  const { moduleBookmarks } = schema()
  const [row] = await db()
    .select({ section: moduleBookmarks.section })
    .from(moduleBookmarks)
    .where(and(eq(moduleBookmarks.userId, userId), eq(moduleBookmarks.moduleSlug, moduleSlug)))
  return row?.section ?? null
}

export async function clearBookmark({ userId, moduleSlug }: { userId: string; moduleSlug: string }) {
  const { moduleBookmarks } = schema()
  await db()
    .delete(moduleBookmarks)
    .where(and(eq(moduleBookmarks.userId, userId), eq(moduleBookmarks.moduleSlug, moduleSlug)))
}

export async function bookmarksOf({ userId }: { userId: string }) {
  const { moduleBookmarks } = schema()
  return db()
    .select({ moduleSlug: moduleBookmarks.moduleSlug, section: moduleBookmarks.section, updatedAt: moduleBookmarks.updatedAt })
    .from(moduleBookmarks)
    .where(eq(moduleBookmarks.userId, userId))
}
