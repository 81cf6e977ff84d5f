-- SQLite's BINARY collation already compares names exactly (no padding).
-- Audit rows may now be deleted, by the retention job only
-- (lib/audit/prune-audit.ts), which exports them first and audits itself.
-- Updates stay refused.
DROP TRIGGER IF EXISTS "audit_events_no_delete";
