import { schema, db } from './db.server.ts'

export async function checkDatabase(): Promise<boolean> {
  try {
    await db().select({ id: schema().users.id }).from(schema().users).limit(1)
    return true
  } catch {
    return false
  }
}
