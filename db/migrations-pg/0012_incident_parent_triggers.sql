-- incidents.group_id → groups.id and incidents.import_batch_id → import_batches.id are checked by
-- the triggers below instead of foreign-key constraints (db/schema-pg/incidents.ts,
-- incidentParentKeys). A constraint runs one locking look-up of the parent per inserted row and
-- key (`SELECT 1 FROM groups WHERE id = $1 FOR KEY SHARE` through SPI, after queueing an event for
-- every row): 13–17% of an import's database CPU, where an import's rows name one batch and a
-- few dozen groups. The statement trigger locks each distinct parent once per statement; it reads
-- the transition table the day rollup's statement trigger already captures (one capture per
-- statement serves both). Same errors: SQLSTATE 23503 with the constraint's name and PostgreSQL's
-- wording (when several keys are missing, one of them is named).
--
-- Why this is exact. A new child locks its parents FOR KEY SHARE before its statement ends, and
-- the lock is held to COMMIT; deleting a parent, or changing its id, takes a lock that conflicts.
-- * Child first: the parent's deleter waits for the child's transaction, and its trigger, which
--   runs after the row is deleted, looks for children with a new snapshot (READ COMMITTED takes
--   one per query) and sees the committed child: the delete fails.
-- * Parent first: the child's lock waits for the deleter; once it commits, the row is gone, the
--   lock returns nothing and the child fails (under REPEATABLE READ or SERIALIZABLE the lock
--   raises a serialization failure instead, as PostgreSQL's own check does). If the deleter's
--   look-up ran before the child committed, the child is the one that fails.
-- The child's check reads the parents with its statement's snapshot, as PostgreSQL's own check
-- does, so it is exact at every isolation level. The parent's check is not above READ COMMITTED:
-- its transaction snapshot cannot see a child committed after it (PostgreSQL's own check reads
-- with a cross-check snapshot that no trigger can have), so those triggers refuse to run there.
-- The application never deletes or renames groups or import batches.
ALTER TABLE "incidents" DROP CONSTRAINT "incidents_group_id_groups_id_fk";
--> statement-breakpoint
ALTER TABLE "incidents" DROP CONSTRAINT "incidents_import_batch_id_import_batches_id_fk";
--> statement-breakpoint
CREATE FUNCTION incidents_parents_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  missing_group text;
  missing_batch integer;
BEGIN
  -- One query per statement (each costs an executor start, and a POST inserts one row): the
  -- statement's distinct (group, batch) pairs, each parent locked FOR KEY SHARE; the first pair
  -- with a parent missing, if any. A pair's group is locked again for each of its batches: an
  -- import names one batch.
  IF TG_LEVEL = 'STATEMENT' THEN
    SELECT n.group_id, n.import_batch_id INTO missing_group, missing_batch
      FROM (SELECT DISTINCT group_id, import_batch_id FROM new_rows) AS n
     WHERE NOT EXISTS (SELECT 1 FROM groups AS g WHERE g.id = n.group_id FOR KEY SHARE)
        OR (n.import_batch_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM import_batches AS b WHERE b.id = n.import_batch_id FOR KEY SHARE))
     LIMIT 1;
  ELSE
    -- An UPDATE that changed a key (the trigger's WHEN): the new keys, as PostgreSQL checks them.
    SELECT NEW.group_id, NEW.import_batch_id INTO missing_group, missing_batch
     WHERE NOT EXISTS (SELECT 1 FROM groups AS g WHERE g.id = NEW.group_id FOR KEY SHARE)
        OR (NEW.import_batch_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM import_batches AS b WHERE b.id = NEW.import_batch_id FOR KEY SHARE));
  END IF;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM groups WHERE id = missing_group) THEN
    RAISE EXCEPTION 'insert or update on table "incidents" violates foreign key constraint "incidents_group_id_groups_id_fk"'
      USING ERRCODE = 'foreign_key_violation', SCHEMA = TG_TABLE_SCHEMA, TABLE = 'incidents',
        CONSTRAINT = 'incidents_group_id_groups_id_fk',
        DETAIL = format('Key (group_id)=(%s) is not present in table "groups".', missing_group);
  END IF;
  RAISE EXCEPTION 'insert or update on table "incidents" violates foreign key constraint "incidents_import_batch_id_import_batches_id_fk"'
    USING ERRCODE = 'foreign_key_violation', SCHEMA = TG_TABLE_SCHEMA, TABLE = 'incidents',
      CONSTRAINT = 'incidents_import_batch_id_import_batches_id_fk',
      DETAIL = format('Key (import_batch_id)=(%s) is not present in table "import_batches".', missing_batch);
END
$$;
--> statement-breakpoint
CREATE TRIGGER incidents_parents_ai AFTER INSERT ON incidents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incidents_parents_check();
--> statement-breakpoint
CREATE TRIGGER incidents_parents_au AFTER UPDATE OF group_id, import_batch_id ON incidents FOR EACH ROW
  WHEN (NEW.group_id IS DISTINCT FROM OLD.group_id OR NEW.import_batch_id IS DISTINCT FROM OLD.import_batch_id)
  EXECUTE FUNCTION incidents_parents_check();
--> statement-breakpoint
-- A parent deleted, truncated or given another id must leave no incident naming it. Arguments:
-- the parent's constraint name and the incidents column that names it.
CREATE FUNCTION incidents_parent_gone() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  col text := TG_ARGV[1];
  key text;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.id = OLD.id THEN
      RETURN NULL;
    END IF;
  END IF;
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'deleting, truncating or renumbering rows of "%" needs READ COMMITTED: its check for incidents that name them cannot see concurrent writes at %', TG_TABLE_NAME, current_setting('transaction_isolation')
      USING ERRCODE = 'feature_not_supported';
  END IF;
  IF TG_OP = 'TRUNCATE' THEN
    EXECUTE format('SELECT %I::text FROM incidents WHERE %I IS NOT NULL LIMIT 1', col, col) INTO key;
  ELSE
    EXECUTE format('SELECT %I::text FROM incidents WHERE %I = $1 LIMIT 1', col, col) INTO key USING OLD.id;
  END IF;
  IF key IS NOT NULL THEN
    RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "incidents"', TG_TABLE_NAME, TG_ARGV[0]
      USING ERRCODE = 'foreign_key_violation', SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, CONSTRAINT = TG_ARGV[0],
        DETAIL = format('Key (id)=(%s) is still referenced from table "incidents".', key);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER groups_incidents_ad AFTER DELETE OR UPDATE OF id ON groups FOR EACH ROW
  EXECUTE FUNCTION incidents_parent_gone('incidents_group_id_groups_id_fk', 'group_id');
--> statement-breakpoint
CREATE TRIGGER groups_incidents_at AFTER TRUNCATE ON groups FOR EACH STATEMENT
  EXECUTE FUNCTION incidents_parent_gone('incidents_group_id_groups_id_fk', 'group_id');
--> statement-breakpoint
CREATE TRIGGER import_batches_incidents_ad AFTER DELETE OR UPDATE OF id ON import_batches FOR EACH ROW
  EXECUTE FUNCTION incidents_parent_gone('incidents_import_batch_id_import_batches_id_fk', 'import_batch_id');
--> statement-breakpoint
CREATE TRIGGER import_batches_incidents_at AFTER TRUNCATE ON import_batches FOR EACH STATEMENT
  EXECUTE FUNCTION incidents_parent_gone('incidents_import_batch_id_import_batches_id_fk', 'import_batch_id');
