import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { openDatabase } from '@/db/connection';
import { MIGRATIONS_FOLDER, migrateSqlite } from '@/db/migrate';
import { listIncidents } from '@/db/queries/incidents';
import { deleteIncident, patchIncident } from '@/db/services/incident-writes';
import { incidentFilterSchema } from '@/lib/validation/incident-filter';
import { incidentBody, insertIncidents } from '../support/api-factory';
import { insertAtOldSchema } from '../support/old-schema';

const dir = mkdtempSync(join(tmpdir(), 'fw-fts-mig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The migrations folder as it was before `tag` (journal cut there). */
function migrationsBefore(tag: string): string {
  const folder = join(dir, 'migrations');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag === tag),
  );
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe('0005 full-text index without positions', () => {
  it('rebuilds the index of an existing database: old and new rows are found, edits and deletes follow', async () => {
    const db = openDatabase(join(dir, 'old.db'));
    migrate(db, { migrationsFolder: migrationsBefore('0005_incidents_fts_detail_none') });
    const [old] = insertAtOldSchema(db, [incidentBody({ sourceId: 'old', notes: 'Convoy ambushed near the Tochi checkpoint.' })]);
    migrateSqlite(db, { reportTimeZone: 'Asia/Karachi' });
    expect(db.$client.prepare("SELECT sql FROM sqlite_schema WHERE name = 'incidents_fts'").pluck().get()).toMatch(/detail=none/);
    insertIncidents(db, [incidentBody({ sourceId: 'new', notes: 'Tochi valley patrol hit by an IED.' })]);
    const ids = async (q: string) => (await listIncidents(db, incidentFilterSchema.parse({ q }))).items.map((i) => i.sourceId).sort();
    expect(await ids('tochi')).toEqual(['new', 'old']);
    expect(await ids('tochi checkpoint')).toEqual(['old']);
    expect(await ids('ambush')).toEqual(['old']);
    await patchIncident(db, old, { notes: 'Rewritten.' }, { timeZone: 'Asia/Karachi' });
    expect(await ids('ambush')).toEqual([]);
    expect(await deleteIncident(db, old + 1)).toBe(true);
    expect(await ids('tochi')).toEqual([]);
    db.$client.exec("INSERT INTO incidents_fts(incidents_fts, rank) VALUES('integrity-check', 0)");
    db.$client.close();
  });
});
