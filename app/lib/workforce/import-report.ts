import type { ImportRun, RecordedProblem } from '#app/lib/workforce/import-runs.server.ts'
import type { ChangeKind } from '#app/lib/workforce/staff-import-plan.ts'

// Words for an import's results, shared by the command line, the admin pages and the error report.

export const changeKindLabels: Record<ChangeKind | 'unchanged', string> = {
  new: 'New',
  changed: 'Changed',
  moved: 'Moved team',
  suspended: 'Suspended (left)',
  revived: 'Restored (back in the list)',
  unchanged: 'Unchanged',
}

/** Column headings of the counts table, where the longer labels would not fit. */
export const countHeadings: Record<ChangeKind | 'unchanged', string> = {
  new: 'New',
  changed: 'Changed',
  moved: 'Moved team',
  suspended: 'Suspended',
  revived: 'Restored',
  unchanged: 'Unchanged',
}

export const countOrder = ['new', 'changed', 'moved', 'suspended', 'revived', 'unchanged'] as const

/** Each count in a sentence: "12 new, 3 moved, 1 suspended". */
const countWords: Record<ChangeKind | 'unchanged', string> = {
  new: 'new',
  changed: 'changed',
  moved: 'moved',
  suspended: 'suspended',
  revived: 'restored',
  unchanged: 'unchanged',
}

export const formatCount = (value: number) => value.toLocaleString('en-GB')

/**
 * The counts that are not zero, in words: "12 new, 3 moved, 1 suspended". Unchanged people are left out
 * unless asked for; "no changes" when nothing changes.
 */
export function countsInWords(
  counts: Record<ChangeKind | 'unchanged', number>,
  { unchanged = false }: { unchanged?: boolean } = {},
): string {
  const kinds = countOrder.filter((kind) => (kind !== 'unchanged' || unchanged) && counts[kind] > 0)
  const changed = kinds.some((kind) => kind !== 'unchanged')
  const words = kinds.map((kind) => `${formatCount(counts[kind])} ${countWords[kind]}`)
  return changed ? words.join(', ') : ['no changes', ...words].join(', ')
}

/** What became of an import run, in the history and on its page. */
export const runStatusLabels: Record<ImportRun['status'], string> = {
  applied: 'Applied',
  previewed: 'Previewed – not applied yet',
  refused: 'Refused – would suspend too many',
  failed: 'Could not be read',
  discarded: 'Discarded',
}

/** The error report: every problem and warning by line, as a spreadsheet. */
export function errorReportRows(problems: RecordedProblem[]): string[][] {
  return [
    ['Line', 'Column', 'Value', 'Problem', 'What happened'],
    ...problems.map((problem) => [
      String(problem.line),
      problem.field,
      problem.value,
      problem.message,
      problem.severity === 'problem' ? 'Row left out' : 'Row applied',
    ]),
  ]
}

/** Why a run's buttons did nothing: it is no longer waiting to be applied. */
export const notPendingMessages: Record<ImportRun['status'], string> = {
  applied: 'This staff list has already been applied. It was not applied again.',
  discarded: 'This staff list was discarded, so it cannot be applied. Upload the file again to check it.',
  failed: 'This file could not be read, so there is nothing to apply.',
  previewed: 'This staff list has not been applied yet.',
  refused: 'This staff list has not been applied yet.',
}
