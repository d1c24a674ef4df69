-- Hand-written: the database itself refuses to change or remove audit events and checkpoints
-- (issue 9, item 9). Self-contained: it names only the two audit tables and the role it makes.

-- 1. Triggers: UPDATE, DELETE and TRUNCATE raise, whoever asks. The table owner can still
--    disable them (ALTER TABLE … DISABLE TRIGGER), which is why the portal should run as a role
--    that owns nothing (2.), and why the chain is keyed and checkpointed outside the database.
CREATE OR REPLACE FUNCTION "audit_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % refused: the audit log is append-only', TG_OP, TG_TABLE_NAME
    USING HINT = 'Audit events and checkpoints are never changed or removed; record a new event instead.';
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "audit_refuse_change"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "audit_refuse_change"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "audit_checkpoints_append_only" BEFORE UPDATE OR DELETE ON "audit_checkpoints" FOR EACH ROW EXECUTE FUNCTION "audit_refuse_change"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "audit_checkpoints_no_truncate" BEFORE TRUNCATE ON "audit_checkpoints" FOR EACH STATEMENT EXECUTE FUNCTION "audit_refuse_change"();
--> statement-breakpoint

-- 2. A role for the portal without those rights: NOLOGIN, used with SET ROLE (DATABASE_ROLE) or
--    granted to a login role. Roles belong to the whole cluster: made only when missing, and only
--    when the migrating user may make roles (a managed database may not let it: then a notice,
--    and an administrator makes the role and repeats the grants below).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'tongban_app') THEN
    BEGIN
      CREATE ROLE "tongban_app" NOLOGIN;
    EXCEPTION
      WHEN insufficient_privilege THEN
        RAISE NOTICE 'role tongban_app not created: % may not create roles. Create it (CREATE ROLE tongban_app NOLOGIN) and run the grants of drizzle/*_audit_protection.sql.', current_user;
      WHEN duplicate_object OR unique_violation THEN
        NULL; -- another database of this cluster made it at the same moment
    END;
  END IF;
END
$$;
--> statement-breakpoint

-- Everything the portal needs on its tables, but only SELECT and INSERT on the audit tables.
-- The default privileges cover tables and sequences that later migrations make (as the same
-- migrating user): a later append-only table must revoke UPDATE and DELETE itself.
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'tongban_app') THEN
    GRANT USAGE ON SCHEMA public TO "tongban_app";
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "tongban_app";
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "tongban_app";
    REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events", "audit_checkpoints" FROM "tongban_app";
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "tongban_app";
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "tongban_app";
  END IF;
EXCEPTION
  WHEN insufficient_privilege THEN
    RAISE NOTICE 'grants to tongban_app not given: % may not grant them.', current_user;
END
$$;
