import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db/connection';
import { migrateSqlite } from '@/db/migrate';
import { events, incidents } from '@/db/schema';
import { generateDemoIncidents } from '@/lib/demo/generate';
import { seedDemoData, seedIfEmpty } from '@/db/services/demo-seed';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'fw-seed-'));
const db = openDatabase(join(dir, 'seed.db'));
migrateSqlite(db, { reportTimeZone: 'Asia/Karachi' });
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (where = sql`1`) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(incidents)
    .where(where)
    .get()!.n;

describe('seedIfEmpty', () => {
  it('writes the whole demo set into an empty database, all dataset=demo, with outbox events', () => {
    const expected = generateDemoIncidents({ now: NOW }).length;
    expect(seedIfEmpty(db, { now: NOW })).toBe(expected);
    expect(count()).toBe(expected);
    expect(count(sql`${incidents.dataset} = 'demo' AND ${incidents.source} = 'demo'`)).toBe(expected);
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(events)
        .where(sql`${events.type} = 'incident'`)
        .get()!.n,
    ).toBe(expected);
  });

  it('stores the calibrated totals and regions', () => {
    const pk2024 = sql`${incidents.country} = 'PK' AND ${incidents.occurredAt} >= ${Date.UTC(2024, 0, 1)} AND ${incidents.occurredAt} < ${Date.UTC(2025, 0, 1)}`;
    expect(count(pk2024)).toBe(521);
    expect(count(sql`${pk2024} AND ${incidents.region} IN ('kp', 'balochistan')`) / 521).toBeGreaterThanOrEqual(0.95);
    expect(count(sql`${incidents.region} = 'barmal' AND ${incidents.timePrecision} = 3`)).toBe(1);
  });

  it('writes nothing when the table already has rows', () => {
    expect(seedIfEmpty(db, { now: NOW })).toBe(0);
  });

  it('re-seeding upserts by stable id: nothing changes for the same now', () => {
    const r = seedDemoData(db, { now: NOW });
    expect(r).toMatchObject({ inserted: 0, updated: 0 });
    expect(r.unchanged).toBe(count());
  });
});
