-- The points ledger is append-only, like audit_log: no UPDATE, DELETE or TRUNCATE, whoever the SQL comes from.
CREATE OR REPLACE FUNCTION linli_points_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'points_ledger is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER points_ledger_no_update BEFORE UPDATE OR DELETE ON points_ledger
  FOR EACH ROW EXECUTE FUNCTION linli_points_append_only();
--> statement-breakpoint
CREATE TRIGGER points_ledger_no_truncate BEFORE TRUNCATE ON points_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION linli_points_append_only();
