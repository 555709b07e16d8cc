import { desc, eq } from 'drizzle-orm'
import { db, type Schema, schema } from '#app/lib/db.server.ts'
import type { FileProblem, RowProblem } from '#app/lib/workforce/staff-file.schema.ts'
import type { StaffImportOutcome } from '#app/lib/workforce/staff-import.server.ts'

// Every import run is recorded: who started it, when, which file (name, SHA-256, size), what it found and
// what it changed, and its row problems for the downloadable error report. A web upload also keeps its file
// until it is applied, so that whichever app instance gets the confirmation can apply it.

export type ImportRun = Schema['importRuns']['$inferSelect']

export interface ImportRunSummary {
  organisations: StaffImportOutcome['organisations']
  totals: StaffImportOutcome['totals']
  lines: number
  encoding: string
  problems: number
  warnings: number
  /** The planned changes' fingerprint (StaffImportOutcome), checked again when the preview is applied. */
  fingerprint?: string
}

export interface RecordedProblem extends RowProblem {
  /** Left out of the import, or applied with something missing or assumed. */
  severity: 'problem' | 'warning'
}

export async function recordImportRun({
  startedBy,
  fileName,
  file,
  status,
  outcome,
  fileProblem,
  content,
  appliedBy,
  now = new Date(),
}: {
  startedBy: { id: string | null; name: string }
  fileName: string
  file: { sha256: string; bytes: number }
  status: ImportRun['status']
  outcome: StaffImportOutcome | null
  fileProblem?: FileProblem | null
  /** The file itself, kept for a preview that will be applied later. */
  content?: Buffer
  appliedBy?: string | null
  now?: Date
}): Promise<ImportRun> {
  const { importRuns, importFiles } = schema()
  const [run] = await db()
    .insert(importRuns)
    .values({
      createdAt: now,
      startedBy: startedBy.id,
      startedByName: startedBy.name,
      fileName,
      fileSha256: file.sha256,
      fileBytes: file.bytes,
      status,
      ...outcomeColumns(outcome),
      fileProblem: fileProblem ? describeFileProblem(fileProblem) : null,
      appliedAt: status === 'applied' ? now : null,
      appliedBy: status === 'applied' ? (appliedBy ?? startedBy.id) : null,
    })
    .returning()
  if (!run) throw new Error('insert returned no import run')
  if (content)
    await db()
      .insert(importFiles)
      .values({ runId: run.id, contentBase64: content.toString('base64') })
  return run
}

/** After a preview is applied (or refused again): its new outcome; the kept file is dropped once applied. */
export async function updateImportRun({
  runId,
  status,
  outcome,
  appliedBy,
  now = new Date(),
}: {
  runId: string
  status: ImportRun['status']
  outcome: StaffImportOutcome | null
  appliedBy: string | null
  now?: Date
}) {
  const { importRuns, importFiles } = schema()
  await db()
    .update(importRuns)
    .set({
      status,
      ...(outcome ? outcomeColumns(outcome) : {}),
      appliedAt: status === 'applied' ? now : null,
      appliedBy: status === 'applied' ? appliedBy : null,
    })
    .where(eq(importRuns.id, runId))
  if (status === 'applied' || status === 'discarded') await db().delete(importFiles).where(eq(importFiles.runId, runId))
}

function outcomeColumns(outcome: StaffImportOutcome | null) {
  if (!outcome) return { summary: null, changes: null, problems: null }
  const summary: ImportRunSummary = {
    organisations: outcome.organisations,
    totals: outcome.totals,
    lines: outcome.lines,
    encoding: outcome.encoding,
    problems: outcome.problems.length,
    warnings: outcome.warnings.length,
    fingerprint: outcome.fingerprint,
  }
  const problems: RecordedProblem[] = [
    ...outcome.problems.map((problem) => ({ ...problem, severity: 'problem' as const })),
    ...outcome.warnings.map((problem) => ({ ...problem, severity: 'warning' as const })),
  ].sort((a, b) => a.line - b.line)
  return { summary: summary as unknown as Record<string, unknown>, changes: outcome.changes, problems }
}

export function describeFileProblem(problem: FileProblem): string {
  return problem.line ? `Line ${problem.line}: ${problem.message}` : problem.message
}

export async function importRunHistory({ limit = 50 }: { limit?: number } = {}) {
  const { importRuns } = schema()
  return db()
    .select({
      id: importRuns.id,
      createdAt: importRuns.createdAt,
      startedByName: importRuns.startedByName,
      fileName: importRuns.fileName,
      status: importRuns.status,
      summary: importRuns.summary,
      fileProblem: importRuns.fileProblem,
      appliedAt: importRuns.appliedAt,
    })
    .from(importRuns)
    .orderBy(desc(importRuns.createdAt))
    .limit(limit)
}

export async function importRun({ runId }: { runId: string }) {
  const { importRuns } = schema()
  const [run] = await db().select().from(importRuns).where(eq(importRuns.id, runId))
  return run ?? null
}

export async function importRunFile({ runId }: { runId: string }): Promise<Buffer | null> {
  const { importFiles } = schema()
  const [row] = await db().select().from(importFiles).where(eq(importFiles.runId, runId))
  return row ? Buffer.from(row.contentBase64, 'base64') : null
}
