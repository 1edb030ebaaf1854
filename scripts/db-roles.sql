-- Linli: the app's least-privilege database role, for PostgreSQL (the same statements `linli db:roles` runs;
-- db/roles.test.ts checks this file against the code). Run as the owner of the tables — the account in
-- DATABASE_OWNER_URL that ran the migrations — with CREATEROLE, in the app's database:
--   psql "$DATABASE_OWNER_URL" -v ON_ERROR_STOP=1 -f scripts/db-roles.sql
--   psql "$DATABASE_OWNER_URL" -c "ALTER ROLE linli_app PASSWORD '…'"
-- then DATABASE_URL=postgres://linli_app:…@host/db. Re-run after every migration (linli migrate does it
-- by itself when DATABASE_OWNER_URL and DATABASE_URL are both set).
DO $$ BEGIN CREATE ROLE "linli_app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
ALTER ROLE "linli_app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;
DO $$ BEGIN EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO "linli_app"', current_database()); END $$;
GRANT USAGE ON SCHEMA "public" TO "linli_app";
REVOKE CREATE ON SCHEMA "public" FROM "linli_app";
REVOKE CREATE ON SCHEMA "public" FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "public" TO "linli_app";
REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA "public" FROM "linli_app";
REVOKE UPDATE, DELETE ON "public"."audit_log", "public"."points_ledger" FROM "linli_app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "public" TO "linli_app";
ALTER DEFAULT PRIVILEGES IN SCHEMA "public" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "linli_app";
ALTER DEFAULT PRIVILEGES IN SCHEMA "public" GRANT USAGE, SELECT ON SEQUENCES TO "linli_app";
