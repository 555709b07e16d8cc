import { effectRegistry } from '#app/lib/effect-registry.ts'
import type { Statement } from '#app/lib/xapi/model/statement-schema.ts'

// What reacts to stored statements (the learning projections today; reminders and course completion later)
// registers here rather than being imported by the store (docs/decisions/009-statement-effects.md).

/** A statement as stored: complete (id, timestamp, stored, authority, version set) with its insertion order. */
export interface StoredStatement {
  seq: number
  statement: Statement
}

export interface StoredBatch {
  /** The statements this batch inserted, in `seq` order (repeats of stored statements are not among them). */
  inserted: StoredStatement[]
  /** Ids (lower case) of the statements the batch voided. */
  voidedIds: string[]
}

/** Run by storeStatements in its transaction, under the statement write lock, after the rows are written. */
export const statementsStored = effectRegistry<StoredBatch>('stored statements')
