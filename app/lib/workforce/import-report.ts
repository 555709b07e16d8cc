import type { RecordedProblem } from '#app/lib/workforce/import-runs.server.ts'
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

export const countOrder = ['new', 'changed', 'moved', 'suspended', 'revived', 'unchanged'] as const

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
