import { collect } from '../support/collect';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { openDatabase, type Db } from '@/db/connection';
import { migrateSqlite, MIGRATIONS_FOLDER } from '@/db/migrate';
import { groups, regions } from '@/db/schema';
import { KNOWN_GROUPS } from '@/lib/taxonomy/groups';
import { REGIONS } from '@/lib/taxonomy/regions';
import { iterateIncidents, listIncidents } from '@/db/queries/incidents';
import { incidentFilterSchema } from '@/lib/validation/incident-filter';
import { incidentBody } from '../support/api-factory';
import { insertAtOldSchema as insertIncidents } from '../support/old-schema';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A database file migrated up to and including `tag`, as a release with that schema left it. */
function databaseAt(tag: string): Db {
  const dir = mkdtempSync(join(tmpdir(), 'fw-upgrade-'));
  dirs.push(dir);
  const folder = join(dir, 'migrations');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === tag);
  expect(last).toBeGreaterThanOrEqual(0);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  const db = openDatabase(join(dir, 'test.db'));
  migrate(db, { migrationsFolder: folder });
  // Reference rows as start-up writes them, so incidents can be stored at this schema.
  for (const r of REGIONS) db.insert(regions).values(r).onConflictDoNothing().run();
  for (const g of KNOWN_GROUPS)
    db.insert(groups)
      .values({ ...g, aliases: JSON.stringify(g.aliases) })
      .onConflictDoNothing()
      .run();
  return db;
}

const incidentIndexes = (db: Db) =>
  db.$client
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'incidents' AND sql IS NOT NULL ORDER BY name")
    .pluck()
    .all() as string[];

describe('upgrading a database that holds incidents', () => {
  it('0006 drops the per-type and killed indexes, widens and analyzes the time index, and keeps every row', async () => {
    const db = databaseAt('0004_incident_day_stats_pair_idx');
    const ids = insertIncidents(db, [
      incidentBody({ occurredAt: '2024-12-10T10:00:00Z', eventType: 'Battles', subEventType: 'Armed clash', killed: 1 }),
      incidentBody({ occurredAt: '2024-12-11T10:00:00Z', subEventType: 'Suicide bomb', killed: 12 }),
      incidentBody({ occurredAt: '2024-12-12T10:00:00Z' }),
    ]);
    expect(incidentIndexes(db)).toEqual(
      expect.arrayContaining(['incidents_type_time_idx', 'incidents_subtype_time_idx', 'incidents_killed_idx']),
    );
    const before = db.$client.prepare('SELECT * FROM incidents ORDER BY id').all();

    migrateSqlite(db, { reportTimeZone: 'Asia/Karachi' });

    expect(incidentIndexes(db)).toEqual([
      'incidents_day_idx',
      'incidents_group_time_idx',
      'incidents_region_time_idx',
      'incidents_source_uq',
      'incidents_time_idx',
    ]);
    expect(db.$client.prepare("SELECT sql FROM sqlite_schema WHERE name = 'incidents_time_idx'").pluck().get()).toMatch(
      /"occurred_at" DESC,"id" DESC,`event_type`,`sub_event_type`,`killed`/,
    );
    expect(db.$client.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = 'incidents_time_idx'").pluck().get()).toMatch(/^3 /);
    // Every row as it was; later migrations only add columns (0008: source_count, default 1; 0012: merged_datasets, default 0).
    const after = db.$client.prepare('SELECT * FROM incidents ORDER BY id').all() as Record<string, unknown>[];
    expect(
      after.map(({ source_count, merged_datasets, ...row }) => (expect([source_count, merged_datasets]).toEqual([1, 0]), row)),
    ).toEqual(before);
    expect((await collect(iterateIncidents(db, { type: ['Suicide bomb'], minKilled: 10 }))).map((i) => i.id)).toEqual([ids[1]]);
    db.$client.close();
  });

  it('0005 rebuilds incidents_fts with detail=none: every stored incident is found again, and updates keep it in step', async () => {
    const db = databaseAt('0004_incident_day_stats_pair_idx');
    const [bannu, quetta] = insertIncidents(db, [
      incidentBody({ location: 'Bannu', admin2: 'Bannu', notes: 'Gunmen attacked a police checkpost.' }),
      incidentBody({
        location: 'Quetta',
        admin1: 'Balochistan',
        admin2: 'Quetta',
        group: 'bla',
        notes: 'IED hit a Frontier Corps convoy.',
      }),
    ]);
    const search = async (q: string) => (await collect(iterateIncidents(db, { q }))).map((i) => i.id).sort();
    // Before: the old index answers (read raw: today's readers expect today's columns).
    expect(db.$client.prepare(`SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH '"police"* "check"*'`).pluck().all()).toEqual([
      bannu,
    ]);

    migrateSqlite(db, { reportTimeZone: 'Asia/Karachi' });

    expect(db.$client.prepare("SELECT sql FROM sqlite_schema WHERE name = 'incidents_fts'").pluck().get()).toMatch(/detail=none/);
    expect(await search('police check')).toEqual([bannu]);
    expect(await search('frontier corps')).toEqual([quetta]);
    expect(await search('balochistan bla')).toEqual([quetta]); // admin names and group ids are indexed too
    expect(await search('ttp')).toEqual([bannu]);
    expect((await listIncidents(db, incidentFilterSchema.parse({ q: 'convoy' }))).items.map((i) => i.id)).toEqual([quetta]);
    db.$client.prepare("UPDATE incidents SET notes = 'Levies post shelled.' WHERE id = ?").run(quetta);
    expect(await search('convoy')).toEqual([]);
    expect(await search('levies')).toEqual([quetta]);
    db.$client.prepare('DELETE FROM incidents WHERE id = ?').run(bannu);
    expect(await search('police')).toEqual([]);
    db.$client.close();
  });
});
