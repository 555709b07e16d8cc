import { createHash } from 'node:crypto'
import type { AuditActor } from '#app/lib/audit/audit-log.server.ts'
import { isoDay } from '#app/lib/dates/dates.ts'
import type { OpenStaffFile } from '#app/lib/workforce/sniff-staff-file.ts'
import type { RoleProfileRules } from '#app/lib/workforce/role-profile-rules.ts'
import type { FileProblem, RowProblem } from '#app/lib/workforce/staff-file.schema.ts'
import { applyStaffImportPlan } from '#app/lib/workforce/staff-import-apply.server.ts'
import { type OrganisationSummary, type PlannedChange, planStaffImport } from '#app/lib/workforce/staff-import-plan.ts'
import { loadCurrentWorkforce } from '#app/lib/workforce/staff-import-state.server.ts'
import type { StaffMapping } from '#app/lib/workforce/staff-mapping.ts'
import { loadRoleProfileRules, loadStaffMapping } from '#app/lib/workforce/workforce-files.server.ts'
import { readStaffFile } from '#app/lib/workforce/read-staff-file.server.ts'

// One path for every staff import, from the command line or the admin pages: read the file, compare it with
// what the platform holds, and (unless it is a preview) apply the changes. A run that would suspend more
// than a tenth of an organisation's active staff is refused unless that was confirmed.

export type StaffImportStage = 'reading' | 'comparing' | 'applying' | 'done'

export interface StaffImportOutcome {
  /** What the file holds and what it would change (or changed), per organisation. */
  organisations: OrganisationSummary[]
  totals: OrganisationSummary['counts']
  changes: PlannedChange[]
  problems: RowProblem[]
  warnings: RowProblem[]
  lines: number
  encoding: string
  /** Identifies the planned changes: a preview applied later is applied only if they are still the same. */
  fingerprint: string
  /**
   * 'applied': written. 'preview': nothing written. 'refused': nothing written, mass suspension not confirmed.
   * 'stale': nothing written, the changes are no longer the ones previewed (`expectedFingerprint`).
   */
  result: 'applied' | 'preview' | 'refused' | 'stale'
}

export type StaffImportResult = { ok: true; outcome: StaffImportOutcome } | { ok: false; problem: FileProblem }

export async function runStaffImport({
  open,
  actor,
  dryRun,
  confirmMassSuspension = false,
  expectedFingerprint,
  mapping = configured(loadStaffMapping(), 'mapping'),
  rules = configured(loadRoleProfileRules(), 'role profile rules'),
  now = new Date(),
  onProgress,
}: {
  open: OpenStaffFile
  actor: AuditActor
  dryRun: boolean
  confirmMassSuspension?: boolean
  /** Apply only if the plan is the one a preview showed (another import or an admin may have changed things since). */
  expectedFingerprint?: string
  mapping?: StaffMapping
  rules?: RoleProfileRules
  now?: Date
  onProgress?: (stage: StaffImportStage, linesRead?: number) => void
}): Promise<StaffImportResult> {
  onProgress?.('reading', 0)
  const read = await readStaffFile({
    open,
    mapping,
    today: isoDay(now),
    onProgress: (lines) => onProgress?.('reading', lines),
  })
  if (!read.ok) return { ok: false, problem: read.error }
  onProgress?.('comparing')
  const organisationCodes = [...new Set(read.rows.map((row) => row.organisationCode))].sort()
  const current = await loadCurrentWorkforce({ organisationCodes })
  const plan = planStaffImport({
    rows: read.rows,
    problems: read.problems,
    current,
    rules,
    headers: headersOf(mapping),
    now,
  })
  const refused = !confirmMassSuspension && plan.organisations.some((organisation) => organisation.massSuspension)
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([plan.changes, plan.organisations]))
    .digest('hex')
  const stale = expectedFingerprint !== undefined && expectedFingerprint !== fingerprint
  const result: StaffImportOutcome['result'] = dryRun ? 'preview' : stale ? 'stale' : refused ? 'refused' : 'applied'
  if (result === 'applied') {
    onProgress?.('applying')
    await applyStaffImportPlan({ plan, actor, now })
  }
  onProgress?.('done')
  const totals = { new: 0, changed: 0, moved: 0, suspended: 0, revived: 0, unchanged: 0 }
  for (const organisation of plan.organisations)
    for (const kind of Object.keys(totals) as (keyof typeof totals)[]) totals[kind] += organisation.counts[kind]
  return {
    ok: true,
    outcome: {
      organisations: plan.organisations,
      totals,
      changes: plan.changes,
      problems: plan.problems,
      warnings: plan.warnings,
      lines: read.lines,
      encoding: read.encoding,
      fingerprint,
      result,
    },
  }
}

function configured<T>(
  loaded: { ok: true; value: T } | { ok: false; problems: { file: string; line: number; message: string }[] },
  what: string,
): T {
  if (loaded.ok) return loaded.value
  const first = loaded.problems[0]
  throw new Error(
    `The staff import ${what} file has problems: ${first ? `${first.file}:${first.line}: ${first.message}` : ''}`,
  )
}

function headersOf(mapping: StaffMapping) {
  const { columns } = mapping
  return {
    hierarchy:
      columns.hierarchyPath ??
      (columns.hierarchy && columns.hierarchy.length > 1
        ? `${columns.hierarchy[0]} to ${columns.hierarchy.at(-1)}`
        : (columns.hierarchy?.[0] ?? 'Organisation hierarchy')),
    lineManager: columns.lineManagerAssignmentNumber ?? columns.lineManagerEmployeeNumber ?? 'Line manager',
    jobRole: columns.jobRole ?? columns.staffGroup ?? 'Job role',
    primaryAssignment: columns.primaryAssignment,
  }
}

/** SHA-256 of a file's bytes, read as a stream. */
export async function fileSha256(open: OpenStaffFile): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of open() as AsyncIterable<Uint8Array | string>) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    hash.update(data)
    bytes += data.length
  }
  return { sha256: hash.digest('hex'), bytes }
}
