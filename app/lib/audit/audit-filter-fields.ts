// The audit log filter form's fields in page order, for its error summary; apart from the schema
// (audit-filters.server.ts) because the page's component needs them and cannot import server code.
export const AUDIT_FILTER_FIELDS = ['action', 'who', 'subject', { date: 'from' }, { date: 'to' }] as const
