import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertTriggerAsBulk } from '@/db/trigger-bulk-sql';

/** CREATE TRIGGER statements as the committed migrations leave them (a later migration's definition wins). */
const migrationTriggers = [
  ...new Map(
    readdirSync(join(process.cwd(), 'db/migrations'))
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .flatMap((f) => readFileSync(join(process.cwd(), 'db/migrations', f), 'utf8').split('--> statement-breakpoint'))
      .map((s) => s.replace(/^(\s*--[^\n]*\n)+/, '').trim())
      .filter((s) => /^CREATE TRIGGER/i.test(s))
      .map((s) => [/^CREATE TRIGGER\s+`?(\w+)`?/i.exec(s)![1], s] as const),
  ).values(),
];

describe('insertTriggerAsBulk', () => {
  it('turns both AFTER INSERT triggers of the migrations into one INSERT … SELECT over new rows', () => {
    const bulk = migrationTriggers.map((sql) => insertTriggerAsBulk(sql, 'incidents')).filter(Boolean);
    expect(bulk).toHaveLength(2);
    const fts = bulk.find((s) => s!.includes('incidents_fts'))!;
    expect(fts).toMatch(/^INSERT INTO `incidents_fts`\(rowid, `location`, `actors`, `notes`\) SELECT new\.`id`,/);
    expect(fts).toMatch(/new\.`notes` FROM `incidents` AS new NOT INDEXED WHERE new\.id > \?$/);
    const stats = bulk.find((s) => s!.includes('incident_day_stats'))!;
    expect(stats).toMatch(/SELECT NEW\.occurred_day, COALESCE\(NEW\.region, 'none'\)/);
    expect(stats).toMatch(
      /FROM `incidents` AS new NOT INDEXED WHERE new\.id > \? ON CONFLICT \(day, region, group_id, event_type\) DO UPDATE SET/,
    );
  });

  it('leaves every other trigger shape alone', () => {
    const t = (body: string, when = 'AFTER INSERT ON incidents') =>
      insertTriggerAsBulk(`CREATE TRIGGER x ${when} BEGIN ${body} END;`, 'incidents');
    expect(t("INSERT INTO log (id, note) VALUES (new.id, 'a ) ; b');")).toBe(
      "INSERT INTO log (id, note) SELECT new.id, 'a ) ; b' FROM `incidents` AS new NOT INDEXED WHERE new.id > ?",
    );
    expect(t('INSERT INTO log (id) VALUES (new.id); DELETE FROM log;')).toBeNull();
    expect(t('INSERT INTO log (id) SELECT new.id;')).toBeNull();
    expect(t('UPDATE log SET n = n + 1;')).toBeNull();
    expect(t('INSERT INTO log (id) VALUES (new.id);', 'AFTER UPDATE ON incidents')).toBeNull();
    expect(t('INSERT INTO log (id) VALUES (new.id);', 'AFTER INSERT ON incidents WHEN new.id > 3')).toBeNull();
    expect(t('INSERT INTO log (id) VALUES (new.id);', 'AFTER INSERT ON groups')).toBeNull();
    expect(t('INSERT INTO log (id) VALUES (new.id), (new.id + 1);')).toBeNull();
  });
});
