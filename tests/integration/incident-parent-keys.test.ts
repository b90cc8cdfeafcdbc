// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { builder } from '@/db/engine';
import { groups, importBatches, incidents } from '@/db/schema';
import { openTestStore, type TestStore } from '../support/engine';
import { freshPgDatabase, PG_MIGRATIONS } from '../support/pg-fresh';

/*
 * incidents.group_id → groups and incidents.import_batch_id → import_batches: SQLite declares
 * them as foreign keys; PostgreSQL checks them with triggers (migration
 * 0012_incident_parent_triggers). Either way a write naming a parent that does not exist fails and
 * writes nothing, and a parent that incidents name cannot be deleted or given another id. On
 * PostgreSQL the error is the one its foreign keys raised before: SQLSTATE 23503 with the
 * constraint's name; and the checks hold against a writer on another connection.
 */
let t: TestStore;
let seq = 0;

beforeAll(async () => {
  t = await openTestStore();
});
afterAll(() => t.close());

const incident = (groupId: string, importBatchId: number | null = null) => ({
  source: 'parent-keys',
  sourceId: `pk-${++seq}`,
  occurredAt: Date.UTC(2024, 5, 1),
  occurredDay: 19875,
  country: 'Pakistan',
  region: 'kp',
  lat: 33.6,
  lon: 71.5,
  eventType: 'Battles',
  subEventType: 'Armed clash',
  groupId,
  importBatchId,
  createdAt: 1,
  updatedAt: 1,
});
const addGroups = (...ids: string[]) =>
  builder(t.store)
    .insert(groups)
    .values(ids.map((id) => ({ id, name: `Group ${id}`, colour: '#123456' })));
const batch = async () =>
  (
    await builder(t.store)
      .insert(importBatches)
      .values({ format: 'acled', checksum: `c${++seq}`, rows: 0, inserted: 0, updated: 0, unchanged: 0, createdAt: 1 })
      .returning({ id: importBatches.id })
  )[0].id;
const count = async () =>
  (await builder(t.store).select({ id: incidents.id }).from(incidents).where(like(incidents.source, 'parent-keys'))).length;

/** The driver's error (drizzle wraps it in `cause`). */
function driverError(err: unknown): Record<string, unknown> {
  let e = err as { cause?: unknown; code?: unknown };
  while (e.cause && typeof e.code !== 'string') e = e.cause;
  return e;
}

/** The error each engine's foreign key raised before this change: SQLite's, or PostgreSQL's 23503 naming the constraint. */
async function expectKeyError(write: Promise<unknown>, pgFields: { constraint: string; message: string; detail: string }) {
  const err = await write.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'the write should fail').not.toBeNull();
  const e = driverError(err);
  if (t.engine === 'sqlite') expect(e).toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY', message: 'FOREIGN KEY constraint failed' });
  else expect(e).toMatchObject({ code: '23503', ...pgFields });
}

const groupMissing = (key: string) => ({
  constraint: 'incidents_group_id_groups_id_fk',
  message: 'insert or update on table "incidents" violates foreign key constraint "incidents_group_id_groups_id_fk"',
  detail: `Key (group_id)=(${key}) is not present in table "groups".`,
});
const batchMissing = (key: number) => ({
  constraint: 'incidents_import_batch_id_import_batches_id_fk',
  message: 'insert or update on table "incidents" violates foreign key constraint "incidents_import_batch_id_import_batches_id_fk"',
  detail: `Key (import_batch_id)=(${key}) is not present in table "import_batches".`,
});
const stillNamed = (table: string, constraint: string, key: string | number) => ({
  constraint,
  message: `update or delete on table "${table}" violates foreign key constraint "${constraint}" on table "incidents"`,
  detail: `Key (id)=(${key}) is still referenced from table "incidents".`,
});

describe('incidents name existing groups and import batches', () => {
  it('inserts rows whose group and batch exist, several in one statement', async () => {
    await addGroups('pk-a', 'pk-b');
    const b = await batch();
    const before = await count();
    await builder(t.store)
      .insert(incidents)
      .values([incident('pk-a', b), incident('pk-b', b), incident('pk-a'), incident('pk-b', null)]);
    expect(await count()).toBe(before + 4);
  });

  it('refuses a statement naming a missing group or batch, writing none of its rows', async () => {
    const b = await batch();
    const before = await count();
    await expectKeyError(
      builder(t.store)
        .insert(incidents)
        .values([incident('pk-a', b), incident('pk-nowhere', b), incident('pk-b')]),
      groupMissing('pk-nowhere'),
    );
    await expectKeyError(
      builder(t.store)
        .insert(incidents)
        .values([incident('pk-a', b), incident('pk-b', b + 1000)]),
      batchMissing(b + 1000),
    );
    expect(await count()).toBe(before);
  });

  it('refuses an update to a missing group or batch and takes one to an existing one', async () => {
    const [{ id }] = await builder(t.store).insert(incidents).values(incident('pk-a')).returning({ id: incidents.id });
    await expectKeyError(
      builder(t.store).update(incidents).set({ groupId: 'pk-gone' }).where(eq(incidents.id, id)),
      groupMissing('pk-gone'),
    );
    await expectKeyError(
      builder(t.store).update(incidents).set({ importBatchId: 987654 }).where(eq(incidents.id, id)),
      batchMissing(987654),
    );
    const b = await batch();
    await builder(t.store).update(incidents).set({ groupId: 'pk-b', importBatchId: b, killed: 3 }).where(eq(incidents.id, id));
    // A row's other columns change without its keys being looked at again.
    await builder(t.store).update(incidents).set({ killed: 4 }).where(eq(incidents.id, id));
    const [row] = await builder(t.store).select().from(incidents).where(eq(incidents.id, id));
    expect(row).toMatchObject({ groupId: 'pk-b', importBatchId: b, killed: 4 });
  });

  it('refuses to delete or renumber a group or batch that incidents name; deletes one that none names', async () => {
    await addGroups('pk-c', 'pk-unused');
    const b = await batch();
    const unusedBatch = await batch();
    await builder(t.store).insert(incidents).values(incident('pk-c', b));
    await expectKeyError(
      builder(t.store).delete(groups).where(eq(groups.id, 'pk-c')),
      stillNamed('groups', 'incidents_group_id_groups_id_fk', 'pk-c'),
    );
    await expectKeyError(
      builder(t.store).update(groups).set({ id: 'pk-c2' }).where(eq(groups.id, 'pk-c')),
      stillNamed('groups', 'incidents_group_id_groups_id_fk', 'pk-c'),
    );
    await expectKeyError(
      builder(t.store).delete(importBatches).where(eq(importBatches.id, b)),
      stillNamed('import_batches', 'incidents_import_batch_id_import_batches_id_fk', b),
    );
    // A group's other columns still change (the weekly mail's tests rename groups).
    await builder(t.store).update(groups).set({ name: 'Renamed' }).where(eq(groups.id, 'pk-c'));
    await builder(t.store).delete(groups).where(eq(groups.id, 'pk-unused'));
    await builder(t.store).delete(importBatches).where(eq(importBatches.id, unusedBatch));
    const left = await builder(t.store).select({ id: groups.id, name: groups.name }).from(groups).where(like(groups.id, 'pk-%'));
    expect(left.map((g) => g.id).sort()).toEqual(['pk-a', 'pk-b', 'pk-c']);
  });
});

// --- PostgreSQL: TRUNCATE, other connections, isolation levels ---------------------------------

const onPg = describe.runIf(process.env.TEST_ENGINE === 'postgres');

onPg('PostgreSQL parent checks against other connections', () => {
  const clients: pg.Client[] = [];
  const client = async () => {
    const c = new pg.Client({ connectionString: t.target });
    await c.connect();
    clients.push(c);
    return c;
  };
  afterAll(async () => {
    for (const c of clients) await c.end();
  });
  /** Asked before the client's next query: a client runs its queries one after another. */
  const pid = async (c: pg.Client) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  /** Resolves once `pid` waits for a lock held by another session (pg_blocking_pids): no clock involved. */
  async function blocked(watch: pg.Client, waiting: number): Promise<void> {
    for (;;) {
      const { rows } = await watch.query<{ n: number }>('SELECT cardinality(pg_blocking_pids($1)) AS n', [waiting]);
      if (rows[0].n > 0) return;
      await new Promise((r) => setImmediate(r));
    }
  }
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as Record<string, unknown>,
    );
  const insertSql = (groupId: string, sourceId: string) => ({
    text: `INSERT INTO incidents (source, source_id, occurred_at, occurred_day, country, region, lat, lon, event_type, sub_event_type, group_id, created_at, updated_at)
           VALUES ('parent-keys', $1, 1717200000000, 19875, 'Pakistan', 'kp', 33.6, 71.5, 'Battles', 'Armed clash', $2, 1, 1)`,
    values: [sourceId, groupId],
  });
  const orphans = async (c: pg.Client) =>
    (
      await c.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM incidents i WHERE NOT EXISTS (SELECT 1 FROM groups g WHERE g.id = i.group_id)',
      )
    ).rows[0].n;

  it('child first: a group deleted while an insert naming it is uncommitted fails once the insert commits', async () => {
    const [child, parent, watch] = [await client(), await client(), await client()];
    await watch.query("INSERT INTO groups (id, name, colour) VALUES ('pk-race1', 'Race 1', '#000000')");
    await child.query('BEGIN');
    await child.query(insertSql('pk-race1', 'race-1'));
    const parentPid = await pid(parent);
    const deleting = failure(parent.query("DELETE FROM groups WHERE id = 'pk-race1'"));
    await blocked(watch, parentPid);
    await child.query('COMMIT');
    expect(await deleting).toMatchObject(stillNamed('groups', 'incidents_group_id_groups_id_fk', 'pk-race1'));
    expect((await watch.query("SELECT 1 FROM groups WHERE id = 'pk-race1'")).rowCount).toBe(1);
    expect(await orphans(watch)).toBe(0);
  });

  /** Group `pk-race<n>` deleted in an open transaction, an insert naming it waiting for that delete, which then ends with `end`. */
  async function parentFirst(n: number, end: 'COMMIT' | 'ROLLBACK') {
    const [child, parent, watch] = [await client(), await client(), await client()];
    await watch.query(`INSERT INTO groups (id, name, colour) VALUES ('pk-race${n}', 'Race ${n}', '#000000')`);
    await parent.query('BEGIN');
    await parent.query(`DELETE FROM groups WHERE id = 'pk-race${n}'`);
    const childPid = await pid(child);
    const inserting = failure(child.query(insertSql(`pk-race${n}`, `race-${n}`)));
    await blocked(watch, childPid);
    await parent.query(end);
    const err = await inserting;
    const stored = (await watch.query('SELECT 1 FROM incidents WHERE source_id = $1', [`race-${n}`])).rowCount;
    return { err, stored, orphans: await orphans(watch) };
  }

  it('parent first: an insert naming a group whose delete is uncommitted fails once the delete commits', async () => {
    expect(await parentFirst(2, 'COMMIT')).toMatchObject({ err: { code: '23503', ...groupMissing('pk-race2') }, stored: 0, orphans: 0 });
  });

  it('parent first, rolled back: the waiting insert goes through', async () => {
    expect(await parentFirst(3, 'ROLLBACK')).toEqual({ err: null, stored: 1, orphans: 0 });
  });

  it('refuses to delete, renumber or truncate parents above READ COMMITTED; children are checked at every level', async () => {
    const c = await client();
    await c.query("INSERT INTO groups (id, name, colour) VALUES ('pk-iso', 'Iso', '#000000')");
    const batchId = (
      await c.query<{ id: number }>(
        "INSERT INTO import_batches (format, checksum, rows, inserted, updated, unchanged, created_at) VALUES ('acled', 'iso', 0, 0, 0, 0, 1) RETURNING id",
      )
    ).rows[0].id;
    for (const level of ['REPEATABLE READ', 'SERIALIZABLE']) {
      for (const statement of [
        "DELETE FROM groups WHERE id = 'pk-iso'",
        "UPDATE groups SET id = 'pk-iso2' WHERE id = 'pk-iso'",
        `DELETE FROM import_batches WHERE id = ${batchId}`,
        'TRUNCATE groups',
      ]) {
        await c.query(`BEGIN ISOLATION LEVEL ${level}`);
        const err = await failure(c.query(statement));
        await c.query('ROLLBACK');
        expect(err, `${level}: ${statement}`).toMatchObject({ code: '0A000' });
        expect(String(err!.message)).toContain('needs READ COMMITTED');
      }
      await c.query(`BEGIN ISOLATION LEVEL ${level}`);
      // Other columns of a parent still change, and children are still checked.
      await c.query("UPDATE groups SET name = 'Iso renamed' WHERE id = 'pk-iso'");
      await c.query(insertSql('pk-iso', `iso-${level}`));
      const missing = await failure(c.query(insertSql('pk-iso-missing', `iso-missing-${level}`)));
      await c.query('ROLLBACK');
      expect(missing).toMatchObject({ code: '23503', ...groupMissing('pk-iso-missing') });
    }
    expect((await c.query("SELECT 1 FROM groups WHERE id = 'pk-iso'")).rowCount).toBe(1);
  });

  it('refuses TRUNCATE of a parent that incidents name, and takes one of parent and children together', async () => {
    const c = await client();
    await c.query('BEGIN');
    const err = await failure(c.query('TRUNCATE groups'));
    await c.query('ROLLBACK');
    expect(err).toMatchObject({ code: '23503', constraint: 'incidents_group_id_groups_id_fk' });
    await c.query('BEGIN');
    const batchErr = await failure(c.query('TRUNCATE import_batches'));
    await c.query('ROLLBACK');
    expect(batchErr).toMatchObject({ code: '23503', constraint: 'incidents_import_batch_id_import_batches_id_fk' });
    await c.query('BEGIN');
    await c.query('TRUNCATE incidents, groups, import_batches CASCADE');
    expect((await c.query('SELECT count(*)::int AS n FROM incidents')).rows[0].n).toBe(0);
    await c.query('ROLLBACK');
    expect(await count()).toBeGreaterThan(0);
  });
});

onPg('PostgreSQL: a database with the two foreign keys', () => {
  it('migrates to the triggers keeping its rows, and then checks as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-parent-keys-'));
    const p = await freshPgDatabase({ migrate: false });
    try {
      // db/migrations-pg up to the migration before the triggers, as a release with the constraints left it.
      const folder = join(dir, 'migrations-pg');
      cpSync(PG_MIGRATIONS, folder, { recursive: true });
      const journalPath = join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
      const at = journal.entries.findIndex((e) => e.tag === '0012_incident_parent_triggers');
      expect(at).toBeGreaterThan(0);
      writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
      await migrate(p.db, { migrationsFolder: folder });
      const constraints = "SELECT conname FROM pg_constraint WHERE conrelid = 'incidents'::regclass AND contype = 'f' ORDER BY conname";
      expect((await p.pool.query(constraints)).rows.map((r) => r.conname)).toEqual([
        'incidents_group_id_groups_id_fk',
        'incidents_import_batch_id_import_batches_id_fk',
      ]);
      await p.pool.query("INSERT INTO groups (id, name, colour) VALUES ('pk-old', 'Old', '#000000')");
      const batchId = (
        await p.pool.query<{ id: number }>(
          "INSERT INTO import_batches (format, checksum, rows, inserted, updated, unchanged, created_at) VALUES ('acled', 'old', 1, 1, 0, 0, 1) RETURNING id",
        )
      ).rows[0].id;
      const insert = (sourceId: string, groupId: string) =>
        p.pool.query(
          `INSERT INTO incidents (source, source_id, occurred_at, occurred_day, country, region, lat, lon, event_type, sub_event_type, group_id, import_batch_id, created_at, updated_at)
           VALUES ('parent-keys', $1, 1717200000000, 19875, 'Pakistan', 'kp', 33.6, 71.5, 'Battles', 'Armed clash', $2, $3, 1, 1)`,
          [sourceId, groupId, batchId],
        );
      await insert('old-1', 'pk-old');

      await migrate(p.db, { migrationsFolder: PG_MIGRATIONS });
      expect((await p.pool.query(constraints)).rows).toEqual([]);
      expect((await p.pool.query("SELECT source_id FROM incidents WHERE source = 'parent-keys'")).rows).toEqual([{ source_id: 'old-1' }]);
      const err = await insert('old-2', 'pk-none').then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: '23503', ...groupMissing('pk-none') });
      const del = await p.pool.query("DELETE FROM groups WHERE id = 'pk-old'").then(
        () => null,
        (e: unknown) => e,
      );
      expect(del).toMatchObject({ code: '23503', ...stillNamed('groups', 'incidents_group_id_groups_id_fk', 'pk-old') });
    } finally {
      await p.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
