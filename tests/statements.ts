import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { publicUrl, xapiActivityBase } from '#app/lib/env.server.ts'
import { contentVersionExtension, moduleActivityId } from '#app/lib/learning/module-statements.ts'
import { learnerAgent } from '#app/lib/xapi/model/agents.ts'
import type { statementSchemas } from '#app/lib/xapi/model/statement-schema.ts'
import { verbs } from '#app/lib/xapi/model/vocabulary.ts'

// The one way tests make xAPI statements: createStatement gives a valid statement of its own (a new learner by
// email experiencing a new activity) and takes any part to change; the helpers below give the parts the app
// itself uses (its learners, its modules, registrations, scores). Deliberately malformed statements for the
// validator live in tests/fixtures/xapi.

/** A statement as a client sends it (the schema's input: a lone context Activity is allowed, for example). */
export type StatementInput = z.input<(typeof statementSchemas)['2.0.0']>

let made = 0

/**
 * A valid statement of its own; `parts` replace whole properties. They are not checked against the schema, so
 * LRS tests can send what a careless client would; the LRS judges them.
 */
export function createStatement<Parts extends Record<string, unknown> = Record<never, never>>(
  parts: Parts = {} as Parts,
) {
  made++
  const defaults = {
    actor: { objectType: 'Agent' as const, mbox: `mailto:learner${made}@example.test`, name: `Learner ${made}` },
    verb: verb('experienced'),
    object: { objectType: 'Activity' as const, id: `https://example.test/activities/${made}` },
  }
  return { ...defaults, ...parts } as Omit<typeof defaults, keyof Parts> & Parts
}

/** One of the app's verbs, with its display name. */
export const verb = (name: keyof typeof verbs) => ({ id: verbs[name], display: { 'en-GB': name } })

/** One of this app's learners, as the app names them in statements (an account on PUBLIC_URL). */
export const learnerActor = (userId: string, name = 'Learner') =>
  learnerAgent({ publicUrl, user: { id: userId, name } })

/** A module's activity, or one of its numbered sections. */
export function moduleActivity(slug: string, { section }: { section?: number } = {}) {
  const moduleId = moduleActivityId(xapiActivityBase, slug)
  return { objectType: 'Activity' as const, id: section === undefined ? moduleId : `${moduleId}/sections/${section}` }
}

/** The context the module player records: the attempt's registration, and the content version when given. */
export function moduleContext({
  registration = randomUUID(),
  contentVersion,
  parentSlug,
}: {
  registration?: string
  contentVersion?: string
  /** Names the module as parent, as statements about its sections do. */
  parentSlug?: string
}) {
  return {
    registration,
    ...(parentSlug === undefined ? {} : { contextActivities: { parent: [moduleActivity(parentSlug)] } }),
    ...(contentVersion === undefined ? {} : { extensions: { [contentVersionExtension(publicUrl)]: contentVersion } }),
  }
}

/** A scored result; a pass or fail says whether it succeeded. */
export const scored = (scaled: number, success?: boolean) => ({
  score: { scaled },
  ...(success === undefined ? {} : { success }),
})

/**
 * A learner's statement about a module in one attempt, as the module player records it (with an id, and the
 * content version, v1 unless given): about the module, or with `section` about one of its sections (with the
 * module as parent).
 */
export function createModuleStatement({
  userId,
  slug,
  verb: verbName,
  registration = randomUUID(),
  at = new Date(),
  section,
  scaled,
  contentVersion = 'v1',
  id = randomUUID(),
}: {
  userId: string
  slug: string
  verb: keyof typeof verbs
  registration?: string
  at?: Date
  section?: number
  scaled?: number
  contentVersion?: string
  id?: string
}) {
  return createStatement({
    id,
    actor: learnerActor(userId),
    verb: verb(verbName),
    object: moduleActivity(slug, { section }),
    ...(scaled === undefined ? {} : { result: scored(scaled, verbName === 'passed') }),
    context: moduleContext({
      registration,
      contentVersion,
      parentSlug: section === undefined ? undefined : slug,
    }),
    timestamp: at.toISOString(),
  })
}

/** A statement voiding another. */
export const createVoiding = <Parts extends Record<string, unknown>>(targetId: string, parts: Parts) =>
  createStatement({ verb: verb('voided'), object: { objectType: 'StatementRef' as const, id: targetId }, ...parts })
