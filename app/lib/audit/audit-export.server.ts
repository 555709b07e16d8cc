import { isoDay } from '#app/lib/dates/dates.ts'
import { valuesText } from './audit-change.ts'
import type { AuditFilters } from './audit-filters.server.ts'
import { auditEntries } from './audit-query.server.ts'
import { actionLabel, subjectTypeLabel } from './audit-words.server.ts'

// The audit log as a spreadsheet: the same filtered list as the page, every page of it, in words. When is the
// exact instant in ISO 8601 (UTC), which spreadsheets sort and convert reliably. The route streams these rows
// through reports' csvResponse (audit cannot import reports: reports reads org, and org writes the audit log).

export const AUDIT_CSV_HEADER = ['When', 'Who', 'Action', 'Subject type', 'Subject', 'Before', 'After']

export async function* auditCsvRows({ filters }: { filters: AuditFilters }): AsyncGenerator<(string | Date)[]> {
  for await (const entry of auditEntries({ filters })) {
    yield [
      entry.at,
      entry.actorName,
      actionLabel(entry.action),
      subjectTypeLabel(entry.subjectType),
      entry.subjectName,
      valuesText(entry.before),
      valuesText(entry.after),
    ]
  }
}

export function auditCsvFilename(now: Date): string {
  return `audit-log-${isoDay(now)}.csv`
}
