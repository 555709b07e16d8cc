import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Answers } from '#app/lib/content/knowledge-check.server.ts'
import { gradeKnowledgeCheck, type GradedAttempt } from '#app/lib/content/knowledge-check.server.ts'
import type { ModuleSource } from '#app/lib/content/module-source.server.ts'
import { transaction } from '#app/lib/db.server.ts'
import { publicUrl, xapiActivityBase } from '#app/lib/env.server.ts'
import { appAuthority, learnerAgent } from '#app/lib/xapi/model/agents.ts'
import { deleteDocument, putDocument, readDocument, type DocumentKey } from '#app/lib/xapi/store/documents.server.ts'
import { agentKey } from '#app/lib/xapi/model/statement-schema.ts'
import { uuidSchema } from '#app/lib/xapi/model/uuid.ts'
import { storeStatements } from '#app/lib/xapi/store/statement-store.server.ts'
import {
  knowledgeCheckStatements,
  launchedStatement,
  moduleActivityId,
  sectionStatements,
  suspendedStatement,
  type StatementSetting,
} from './module-statements.ts'

// A learner's attempt at a module, recorded as xAPI: statements for what happened, and a State document
// ("bookmark") saying which attempt is open and where they are, so they resume exactly there.

interface Learner {
  id: string
  name: string
}

const bookmarkSchema = z.object({ registration: uuidSchema, section: z.number().int().min(1) })
export type Bookmark = z.infer<typeof bookmarkSchema>
export const BOOKMARK_STATE_ID = 'bookmark'

function bookmarkKey(user: Learner, module: ModuleSource): DocumentKey {
  return {
    kind: 'state',
    activityId: moduleActivityId(xapiActivityBase, module.slug),
    agentKey: agentKey(learnerAgent({ publicUrl, user })),
    registration: '',
    documentId: BOOKMARK_STATE_ID,
  }
}

export async function getBookmark({ user, module }: { user: Learner; module: ModuleSource }): Promise<Bookmark | null> {
  const document = await readDocument({ key: bookmarkKey(user, module) })
  if (!document) return null
  try {
    const parsed = bookmarkSchema.safeParse(JSON.parse(document.content.toString('utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Also used by the demo seed, to leave its half-finished attempts where the player would. */
export async function saveBookmark({
  user,
  module,
  bookmark,
}: {
  user: Learner
  module: ModuleSource
  bookmark: Bookmark
}) {
  await putDocument({
    key: bookmarkKey(user, module),
    content: Buffer.from(JSON.stringify(bookmark)),
    contentType: 'application/json',
    requirePrecondition: false,
  })
}

/** Who is learning which module, in which attempt: what every statement of an attempt carries. Also used by the demo seed. */
export function statementSetting(user: Learner, module: ModuleSource, registration: string): StatementSetting {
  return {
    activityBase: xapiActivityBase,
    publicUrl,
    actor: learnerAgent({ publicUrl, user }),
    module: {
      slug: module.slug,
      title: module.frontmatter.title,
      summary: module.frontmatter.summary,
      version: module.version,
    },
    registration,
  }
}

async function record(user: Learner, statements: Record<string, unknown>[]) {
  await storeStatements({
    statements,
    authority: appAuthority({ publicUrl }) as unknown as Record<string, unknown>,
    version: '2.0.0',
    userId: user.id,
  })
}

/** Statements and the bookmark move together, so the learner never resumes somewhere the record does not show. */
async function recordAndMoveBookmark(
  user: Learner,
  module: ModuleSource,
  { statements, bookmark }: { statements: Record<string, unknown>[]; bookmark: Bookmark },
) {
  await transaction(async () => {
    await record(user, statements)
    await saveBookmark({ user, module, bookmark })
  })
}

/** Starts a new attempt (a new registration) at the first section. */
export async function startAttempt({ user, module }: { user: Learner; module: ModuleSource }): Promise<Bookmark> {
  const bookmark = { registration: randomUUID(), section: 1 }
  await recordAndMoveBookmark(user, module, {
    statements: [launchedStatement(statementSetting(user, module, bookmark.registration))],
    bookmark,
  })
  return bookmark
}

/** The open attempt, or a new one when the learner arrives without one (a shared link, say). */
async function currentAttempt(user: Learner, module: ModuleSource): Promise<Bookmark> {
  return (await getBookmark({ user, module })) ?? startAttempt({ user, module })
}

/** A learner on one section of a module. */
interface AtSection {
  user: Learner
  module: ModuleSource
  section: number
}

/** Where the learner is now: seeing a page moves the bookmark there. */
export async function markSectionSeen({ user, module, section }: AtSection) {
  const attempt = await currentAttempt(user, module)
  if (attempt.section !== section) await saveBookmark({ user, module, bookmark: { ...attempt, section } })
}

/** The learner finished reading a section: experienced + progressed, and the bookmark moves on. */
export async function completeSection({
  user,
  module,
  section,
  title,
  total,
}: AtSection & { title: string; total: number }) {
  const attempt = await currentAttempt(user, module)
  await recordAndMoveBookmark(user, module, {
    statements: sectionStatements(statementSetting(user, module, attempt.registration), {
      number: section,
      title,
      total,
    }),
    bookmark: { ...attempt, section: Math.min(section + 1, total) },
  })
}

/** "Save and leave": the attempt stays open at this section. */
export async function suspendAttempt({ user, module, section }: AtSection) {
  const attempt = await currentAttempt(user, module)
  await recordAndMoveBookmark(user, module, {
    statements: [suspendedStatement(statementSetting(user, module, attempt.registration))],
    bookmark: { ...attempt, section },
  })
}

/**
 * The one place a knowledge check is marked and recorded: answered per question, passed or failed,
 * completed when passed. The attempt then closes; the next visit starts a new one.
 */
export async function submitKnowledgeCheck({
  user,
  module,
  answers,
}: {
  user: Learner
  module: ModuleSource
  answers: Answers
}): Promise<GradedAttempt> {
  const attempt = gradeKnowledgeCheck({ module, answers })
  const open = await currentAttempt(user, module)
  await transaction(async () => {
    await record(
      user,
      knowledgeCheckStatements(
        statementSetting(user, module, open.registration),
        attempt,
        module.questions?.questions ?? [],
      ),
    )
    await deleteDocument({ key: bookmarkKey(user, module) })
  })
  return attempt
}
