import type { AuditEvent } from './audit-log.server.ts'
import { changeLines } from './audit-change.ts'
import type { AuditFilters } from './audit-filters.server.ts'
import { auditPage, importRunFor, latestSubjectName } from './audit-query.server.ts'
import { formatWhen } from './audit-time.ts'
import { actionLabel } from './audit-words.server.ts'

// The audit log page's content: a page of entries in words, and what the list is limited to when it follows a
// link from one import or one person's or unit's page.

/** Where an entry's subject is administered: people and units each have their page. */
const subjectPages: Record<AuditEvent['subjectType'], (subjectId: string) => string> = {
  person: (id) => `/admin/people/${id}`,
  unit: (id) => `/admin/units/${id}`,
  job: () => '/admin/jobs',
  setting: () => '/admin/notifications',
  course: (id) => `/admin/courses/${id}`,
}

function subjectHref(subjectType: AuditEvent['subjectType'], subjectId: string): string {
  return subjectPages[subjectType](subjectId)
}

export async function auditListPage({
  filters,
  before,
  after,
}: {
  filters: AuditFilters
  before?: number
  after?: number
}) {
  const [page, importRun, subjectName] = await Promise.all([
    auditPage({ filters, before, after }),
    filters.importRun ? importRunFor({ importRunId: filters.importRun }) : null,
    filters.subjectId ? latestSubjectName({ subjectId: filters.subjectId }) : null,
  ])
  return {
    rows: page.entries.map((entry) => ({
      key: String(entry.seq),
      when: formatWhen(entry.at),
      who: entry.actorName,
      importRunId: entry.importRunId,
      what: actionLabel(entry.action),
      subject: { name: entry.subjectName, href: subjectHref(entry.subjectType, entry.subjectId) },
      change: changeLines(entry.before, entry.after),
    })),
    olderBefore: page.olderBefore,
    newerAfter: page.newerAfter,
    limitedTo: {
      importRun: filters.importRun
        ? importRun
          ? { fileName: importRun.fileName, when: formatWhen(importRun.createdAt) }
          : { fileName: null, when: null }
        : null,
      subject: filters.subjectId ? (subjectName ?? 'one person or unit') : null,
    },
  }
}
