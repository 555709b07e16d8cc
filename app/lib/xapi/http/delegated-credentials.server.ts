import type { AccountAgent } from '#app/lib/xapi/model/agents.ts'

// Credentials the LRS accepts on behalf of another domain, limited to one learner and one registration: the
// cmi5 courses' launch sessions issue them to the content they launch. The xapi domain must not import courses,
// so the issuing domain registers how to recognise its credentials here, from app/lib/install-effects.server.ts
// (the same arrangement as the statement effects, docs/decisions/009).

type Json = Record<string, unknown>

/** What a delegated credential lets its holder do; anything else is refused with 403. */
export interface DelegatedAccess {
  /** For messages: what the credentials were issued for (e.g. "this course launch"). */
  purpose: string
  /** The only agent it may write statements about and use documents for. */
  agent: AccountAgent
  /** The only registration its statements and State documents may carry. */
  registration: string
  /** The only activity whose State documents it may use. */
  activityId: string
  /** State documents it may read but never change or delete. */
  readOnlyStateIds: readonly string[]
  /** Recorded as the authority of what it writes: never trusted as evidence. */
  authority: AccountAgent
  userId: string
  /**
   * Further rules the statements must meet, checked inside the storing transaction under the statement write
   * lock, so two requests at once are judged one after the other. Throws an XapiError to refuse.
   */
  checkStatements(statements: Json[]): Promise<void>
}

export type DelegatedResolver = (credentials: { key: string; secret: string }) => Promise<DelegatedAccess | null>

const resolvers = new Map<string, DelegatedResolver>()

export const delegatedCredentials = {
  /** Adds a resolver, or replaces the one registered under this name (installing twice changes nothing). */
  register(name: string, resolver: DelegatedResolver) {
    resolvers.set(name, resolver)
  },
  /** The access the first resolver recognises these credentials for, or null. */
  async resolve(credentials: { key: string; secret: string }): Promise<DelegatedAccess | null> {
    for (const resolver of resolvers.values()) {
      const access = await resolver(credentials)
      if (access) return access
    }
    return null
  },
}
