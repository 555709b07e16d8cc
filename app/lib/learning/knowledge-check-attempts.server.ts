import type { Answers } from '../content/knowledge-check.server.ts'
import { gradeKnowledgeCheck, type GradedAttempt } from '../content/knowledge-check.server.ts'
import type { ModuleSource } from '../content/module-source.server.ts'
import { clearBookmark } from './bookmarks.server.ts'

/**
 * The one place a graded knowledge-check attempt is produced. Recording it as xAPI statements
 * (answered, passed/failed, completed) hooks in here.
 */
export async function submitKnowledgeCheck({
  userId,
  module,
  answers,
}: {
  userId: string
  module: ModuleSource
  answers: Answers
}): Promise<GradedAttempt> {
  const attempt = gradeKnowledgeCheck({ module, answers })
  await clearBookmark({ userId, moduleSlug: module.slug })
  return attempt
}
