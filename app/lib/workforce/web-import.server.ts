import { createHash } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { readUploadForm } from '#app/lib/forms/read-form.server.ts'
import { errorReportRows } from '#app/lib/workforce/import-report.ts'
import { MAX_STAFF_LIST_BYTES, STAFF_LIST_TOO_LARGE } from '#app/lib/workforce/import-forms.ts'
import {
  describeFileProblem,
  type ImportRun,
  type ImportRunSummary,
  importRun,
  importRunFile,
  importRunHistory,
  type RecordedProblem,
  recordImportRun,
  updateImportRun,
} from '#app/lib/workforce/import-runs.server.ts'
import type { OpenStaffFile } from '#app/lib/workforce/sniff-staff-file.ts'
import { rowProblemSchema } from '#app/lib/workforce/staff-file.schema.ts'
import { type ChangeKind, changeKinds, type PlannedChange } from '#app/lib/workforce/staff-import-plan.ts'
import { runStaffImport, type StaffImportOutcome } from '#app/lib/workforce/staff-import.server.ts'
import { staffFieldLabels, type StaffField } from '#app/lib/workforce/staff-mapping.ts'
import { loadStaffMapping } from '#app/lib/workforce/workforce-files.server.ts'

// Staff imports from the admin pages: an upload is previewed (a dry run of the one import path) and kept, file
// and all, in the database; an administrator then applies it, which plans it again against the platform as
// it is then, or discards it. Any app instance can apply a preview another one made, and a run is applied
// at most once however many people press the button.

/** Who is doing it: the signed-in administrator. */
export interface ImportAdmin {
  id: string
  name: string
}

/** Runs that can still be applied or discarded: previewed, or refused (too many suspensions) and kept. */
const PENDING_STATUSES: ImportRun['status'][] = ['previewed', 'refused']

export const isPendingRun = (status: ImportRun['status']) => PENDING_STATUSES.includes(status)

const CHUNK_BYTES = 64 * 1024

/** The kept file as the import reads it: from the start, in chunks, as often as it is opened. */
function openBuffer(content: Buffer): OpenStaffFile {
  return async function* () {
    for (let start = 0; start < content.length; start += CHUNK_BYTES) yield content.subarray(start, start + CHUNK_BYTES)
  }
}

/**
 * The upload form, with its file held in memory up to `maxBytes`. A larger file is refused with the form's
 * message rather than read to its end; a body that is not a multipart form is a 400.
 */
export function readStaffListUpload(request: Request, { maxBytes = MAX_STAFF_LIST_BYTES }: { maxBytes?: number } = {}) {
  return readUploadForm(request, { maxBytes, tooLarge: STAFF_LIST_TOO_LARGE })
}

/**
 * Checks an uploaded staff list against the platform without changing anything, and records the run: a
 * 'previewed' run keeping the file and what it would change, or a 'failed' run with the problem that stops
 * the whole file (a missing column, not a CSV file).
 */
export async function previewUpload({
  file,
  admin,
  now = new Date(),
}: {
  file: File
  admin: ImportAdmin
  now?: Date
}): Promise<ImportRun> {
  const content = Buffer.from(await file.arrayBuffer())
  const facts = { sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length }
  const result = await runStaffImport({
    open: openBuffer(content),
    actor: { id: admin.id, name: admin.name },
    dryRun: true,
    now,
  })
  const fileName = file.name.trim().slice(0, 255) || 'staff-list.csv'
  const startedBy = { id: admin.id, name: admin.name }
  if (!result.ok)
    return recordImportRun({
      startedBy,
      fileName,
      file: facts,
      status: 'failed',
      outcome: null,
      fileProblem: result.problem,
      now,
    })
  // The run and its file together, or neither.
  return transaction(() =>
    recordImportRun({ startedBy, fileName, file: facts, status: 'previewed', outcome: result.outcome, content, now }),
  )
}

export type ApplyResult =
  | { ok: true; outcome: StaffImportOutcome }
  /** More than a tenth of an organisation's active staff would be suspended, and that was not confirmed. */
  | { ok: false; reason: 'refused'; outcome: StaffImportOutcome }
  /** Applied, discarded or failed already: nothing was done. */
  | { ok: false; reason: 'not-pending'; status: ImportRun['status'] }
  | { ok: false; reason: 'not-found' }
  /** Things changed since the preview (another import, an administrator): the run now shows the new preview. */
  | { ok: false; reason: 'stale'; outcome: StaffImportOutcome }
  /** The kept file cannot be read now (the mapping changed since the preview, say): nothing was done. */
  | { ok: false; reason: 'file-problem'; message: string }

/** Thrown inside a transaction to undo it and answer with `result`. */
class Rollback extends Error {
  constructor(readonly result: ApplyResult) {
    super('rolled back')
  }
}

/**
 * Applies a previewed run: reads its kept file and runs the import again, for real, so that it is planned
 * against the platform as it is now. The run is claimed first, in the same transaction, by an update that
 * only matches while it is pending: on PostgreSQL a second administrator's apply waits for the first and
 * then finds it applied; on SQLite transactions run one at a time. Every audit entry names the run.
 */
export async function applyPreviewedRun({
  runId,
  admin,
  confirmMassSuspension,
  now = new Date(),
}: {
  runId: string
  admin: ImportAdmin
  confirmMassSuspension: boolean
  now?: Date
}): Promise<ApplyResult> {
  const { importRuns } = schema()
  try {
    return await transaction(async () => {
      const claimed = await db()
        .update(importRuns)
        .set({ appliedBy: admin.id })
        .where(and(eq(importRuns.id, runId), inArray(importRuns.status, PENDING_STATUSES)))
        .returning({ id: importRuns.id })
      if (claimed.length === 0) {
        const run = await importRun({ runId })
        return run ? { ok: false, reason: 'not-pending', status: run.status } : { ok: false, reason: 'not-found' }
      }
      const content = await importRunFile({ runId })
      if (!content)
        throw new Rollback({
          ok: false,
          reason: 'file-problem',
          message: 'The uploaded file is no longer kept. Upload the staff list again.',
        })
      const previewed = await importRun({ runId })
      const result = await runStaffImport({
        open: openBuffer(content),
        actor: { id: admin.id, name: admin.name, importRunId: runId },
        dryRun: false,
        confirmMassSuspension,
        expectedFingerprint: readSummary(previewed?.summary)?.fingerprint,
        now,
      })
      if (!result.ok)
        throw new Rollback({ ok: false, reason: 'file-problem', message: describeFileProblem(result.problem) })
      const { outcome } = result
      if (outcome.result === 'stale') {
        await updateImportRun({ runId, status: 'previewed', outcome, appliedBy: null, now })
        return { ok: false, reason: 'stale', outcome }
      }
      const applied = outcome.result === 'applied'
      await updateImportRun({
        runId,
        status: applied ? 'applied' : 'refused',
        outcome,
        appliedBy: applied ? admin.id : null,
        now,
      })
      return applied ? { ok: true, outcome } : { ok: false, reason: 'refused', outcome }
    })
  } catch (error) {
    if (error instanceof Rollback) return error.result
    throw error
  }
}

/** Drops a pending run and its kept file; nothing else changes. */
export async function discardPreviewedRun({
  runId,
}: {
  runId: string
}): Promise<
  { ok: true } | { ok: false; reason: 'not-pending'; status: ImportRun['status'] } | { ok: false; reason: 'not-found' }
> {
  const { importRuns } = schema()
  return transaction(async () => {
    const claimed = await db()
      .update(importRuns)
      .set({ status: 'discarded' })
      .where(and(eq(importRuns.id, runId), inArray(importRuns.status, PENDING_STATUSES)))
      .returning({ id: importRuns.id })
    if (claimed.length === 0) {
      const run = await importRun({ runId })
      return run ? { ok: false, reason: 'not-pending', status: run.status } : { ok: false, reason: 'not-found' }
    }
    await updateImportRun({ runId, status: 'discarded', outcome: null, appliedBy: null })
    return { ok: true }
  })
}

// What a run keeps, checked as it is read back: the columns are JSON.

const countsSchema = z.object({
  new: z.number(),
  changed: z.number(),
  moved: z.number(),
  suspended: z.number(),
  revived: z.number(),
  unchanged: z.number(),
})

const summarySchema = z.object({
  organisations: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      counts: countsSchema,
      activeBefore: z.number(),
      massSuspension: z.boolean(),
    }),
  ),
  totals: countsSchema,
  lines: z.number(),
  encoding: z.string(),
  problems: z.number(),
  warnings: z.number(),
  fingerprint: z.string().optional(),
}) satisfies z.ZodType<ImportRunSummary>

const changesSchema = z.array(
  z.object({
    kind: z.enum(changeKinds),
    line: z.number().nullable(),
    organisationCode: z.string(),
    employeeNumber: z.string(),
    name: z.string(),
    detail: z.string(),
  }),
) satisfies z.ZodType<PlannedChange[]>

const problemsSchema = z.array(
  rowProblemSchema.extend({ severity: z.enum(['problem', 'warning']) }),
) satisfies z.ZodType<RecordedProblem[]>

const readSummary = (value: unknown): ImportRunSummary | null => (value ? summarySchema.parse(value) : null)
const readChanges = (value: unknown): PlannedChange[] => (value ? changesSchema.parse(value) : [])
const readProblems = (value: unknown): RecordedProblem[] => (value ? problemsSchema.parse(value) : [])

/** The history of imports, newest first, with each run's counts. */
export async function importRunList({ limit = 50 }: { limit?: number } = {}) {
  const runs = await importRunHistory({ limit })
  return runs.map((run) => ({
    id: run.id,
    createdAt: run.createdAt,
    startedByName: run.startedByName,
    fileName: run.fileName,
    status: run.status,
    totals: readSummary(run.summary)?.totals ?? null,
  }))
}

export interface ShownRows<T> {
  total: number
  /** The first `limit`, in file order. */
  rows: T[]
}

export type ImportRunView = NonNullable<Awaited<ReturnType<typeof importRunView>>>

/**
 * One run for its page: what it is, what it found or changed per organisation, and the first `limit` rows
 * of each kind of change, of the rows left out and of the warnings.
 */
export async function importRunView({ runId, limit = 100 }: { runId: string; limit?: number }) {
  const { importRuns, users } = schema()
  const [row] = await db()
    .select({ run: importRuns, appliedByName: users.name })
    .from(importRuns)
    .leftJoin(users, eq(users.id, importRuns.appliedBy))
    .where(eq(importRuns.id, runId))
  if (!row) return null
  const { run } = row
  const summary = readSummary(run.summary)
  const changes = readChanges(run.changes)
  const problems = readProblems(run.problems)
  const byKind = new Map<ChangeKind, PlannedChange[]>(changeKinds.map((kind) => [kind, []]))
  for (const change of changes) byKind.get(change.kind)?.push(change)
  const shown = <T>(rows: T[]): ShownRows<T> => ({ total: rows.length, rows: rows.slice(0, limit) })
  return {
    id: run.id,
    fileName: run.fileName,
    startedByName: run.startedByName,
    createdAt: run.createdAt,
    status: run.status,
    pending: isPendingRun(run.status),
    appliedAt: run.status === 'applied' ? run.appliedAt : null,
    appliedByName: run.status === 'applied' ? row.appliedByName : null,
    fileProblem: run.fileProblem,
    summary,
    changes: changeKinds.map((kind) => ({ kind, ...shown(byKind.get(kind) ?? []) })),
    problems: shown(problems.filter((problem) => problem.severity === 'problem')),
    warnings: shown(problems.filter((problem) => problem.severity === 'warning')),
  }
}

/** A download's file name from the uploaded file's: "staff-list-changes.csv". */
function downloadName(fileName: string, suffix: string): string {
  const base =
    fileName
      .replace(/\.csv$/i, '')
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'staff-list'
  return `${base}-${suffix}.csv`
}

export const CHANGES_CSV_HEADER = ['Line', 'Organisation code', 'Employee number', 'Name', 'Change', 'Detail']

/** Every change a run planned or made, for its CSV; null when there is no such run. */
export async function importRunChangesCsv({ runId }: { runId: string }) {
  const run = await importRun({ runId })
  if (!run) return null
  const labels: Record<ChangeKind, string> = {
    new: 'New',
    changed: 'Changed',
    moved: 'Moved team',
    suspended: 'Suspended',
    revived: 'Restored',
  }
  return {
    filename: downloadName(run.fileName, 'changes'),
    header: CHANGES_CSV_HEADER,
    rows: readChanges(run.changes).map((change) => [
      change.line,
      change.organisationCode,
      change.employeeNumber,
      change.name,
      labels[change.kind],
      change.detail,
    ]),
  }
}

/** A run's error report (every row problem and warning by line); null when there is no such run. */
export async function importRunErrorsCsv({ runId }: { runId: string }) {
  const run = await importRun({ runId })
  if (!run) return null
  const [header = [], ...rows] = errorReportRows(readProblems(run.problems))
  return { filename: downloadName(run.fileName, 'errors'), header, rows }
}

/** What the upload page says about the file: each column the mapping reads, in its order. */
export function expectedStaffColumns() {
  const mapping = loadStaffMapping()
  if (!mapping.ok) throw new Error(`The staff list mapping has problems: ${mapping.problems[0]?.message ?? ''}`)
  const { columns, dateFormat, inactiveStatuses } = mapping.value
  const notes: Partial<Record<StaffField, string>> = {
    employeeNumber: 'With the organisation code, this is how a person is recognised',
    assignmentNumber: 'One row per assignment: a person with two jobs has two rows',
    email: 'Used to invite people, never to recognise them',
    organisationCode: 'For example RXN',
    primaryAssignment: 'Yes or No',
    assignmentStatus: 'For example Active Assignment',
    assignmentStart: `Written ${dateFormat}`,
    assignmentEnd: `Written ${dateFormat}; blank if it has not ended`,
  }
  const rows: { header: string; holds: string }[] = []
  for (const [key, value] of Object.entries(columns)) {
    if (key === 'hierarchySeparator' || value === undefined) continue
    if (key === 'hierarchy' && Array.isArray(value)) {
      rows.push({
        header: value.join(', '),
        holds: 'The organisation levels below the organisation, highest first (such as directorate, then team)',
      })
    } else if (key === 'hierarchyPath' && typeof value === 'string') {
      rows.push({
        header: value,
        holds: `The whole organisation path, levels separated by ${columns.hierarchySeparator ?? '|'}`,
      })
    } else if (key in staffFieldLabels && typeof value === 'string') {
      const field = key as StaffField
      const label = staffFieldLabels[field]
      const holds = label.charAt(0).toUpperCase() + label.slice(1)
      rows.push({ header: value, holds: notes[field] ? `${holds}. ${notes[field]}` : holds })
    }
  }
  return { columns: rows, dateFormat, inactiveStatuses }
}
