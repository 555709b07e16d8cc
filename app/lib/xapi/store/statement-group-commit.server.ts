import { transaction } from '#app/lib/db.server.ts'
import { type PreparedStore, prepareStore, type StoreOptions, writeStores } from './statement-store.server.ts'

// Group commit for the Statements resource (docs/decisions/016-lrs-at-scale.md). Most xAPI content sends one
// statement a request, and a transaction each costs a lock, a commit and a dozen queries for one row. So the
// requests that reach the store while a group is being written (or in the same turn of the event loop) wait
// and are written together in the next transaction. Each is still checked on its own before it waits, and if
// their transaction fails, each is stored again on its own so that one request's error (a conflicting id, say)
// is its alone. Nothing here outlives a request: the queue holds only requests not yet answered.

interface Waiting {
  request: PreparedStore
  resolve: (ids: string[]) => void
  reject: (error: unknown) => void
}

/** A group stops growing at this many statements, so one transaction stays short. */
const MAX_GROUP_STATEMENTS = 1000

const waiting: Waiting[] = []
let writing = false

/**
 * Stores the request's statements like `storeStatements`, possibly in one transaction with other requests
 * made at about the same time. Resolves with the ids only once the transaction holding them has committed.
 * Not for use inside a transaction of the caller's: the statements would not be part of it.
 */
export function storeStatementsTogether(options: StoreOptions): Promise<string[]> {
  let request: PreparedStore
  try {
    request = prepareStore(options)
  } catch (error) {
    return Promise.reject(error)
  }
  return new Promise((resolve, reject) => {
    waiting.push({ request, resolve, reject })
    if (writing) return
    writing = true
    // Not at once: requests whose bodies arrived in this same turn of the event loop join the group.
    setImmediate(() => void writeWaiting())
  })
}

async function writeWaiting(): Promise<void> {
  try {
    while (waiting.length > 0) {
      await writeGroup(nextGroup())
      // Let the requests read meanwhile reach the queue before the next group is taken (on SQLite nothing else
      // runs during a transaction).
      if (waiting.length > 0) await new Promise((resolve) => setImmediate(resolve))
    }
  } finally {
    writing = false
  }
}

function nextGroup(): Waiting[] {
  const first = waiting.shift() as Waiting
  const group = [first]
  let statements = first.request.statements.length
  while (waiting.length > 0) {
    const next = waiting[0] as Waiting
    if (next.request.project !== first.request.project) break
    if (statements + next.request.statements.length > MAX_GROUP_STATEMENTS) break
    statements += next.request.statements.length
    group.push(next)
    waiting.shift()
  }
  return group
}

async function writeGroup(group: Waiting[]): Promise<void> {
  if (group.length > 1) {
    try {
      const ids = await transaction((tx) =>
        writeStores(
          tx,
          group.map((waiter) => waiter.request),
          group[0]?.request.project ?? true,
        ),
      )
      group.forEach((waiter, index) => waiter.resolve(ids[index] ?? []))
      return
    } catch {
      // Some request's error (or two requests that cannot share a transaction): each on its own below, in the
      // order they came, so each gets its own answer.
    }
  }
  for (const waiter of group) {
    try {
      const [ids] = await transaction((tx) => writeStores(tx, [waiter.request], waiter.request.project))
      waiter.resolve(ids ?? [])
    } catch (error) {
      waiter.reject(error)
    }
  }
}
