-- The audit log is append-only: the database itself refuses to change or remove an entry, whatever code asks.
-- SQLite drops a table's triggers with it, so a later migration that rebuilds audit_events must create these again
-- (app/lib/audit/audit-append-only.db.test.ts fails until it does).
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events`
BEGIN
  SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events`
BEGIN
  SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
