import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as lite from '@/db/schema';
import * as pgs from '@/db/schema-pg';
import { localDay } from '@/lib/time/zone';
import { toTsQuery } from '@/lib/validation/fts';
import { useTempDb, type TempDb } from '../support/api-db';
import { HOSTILE_QUERIES, sqliteFtsIds } from '../support/fts-ids';
import { freshPgDatabase, pgSkipReason, PG_MIGRATIONS, type FreshPg } from '../support/pg-fresh';
import { generateInputs, writeGenerated } from '../support/weekly-data';

/**
 * db/migrations-pg applied to an empty PostgreSQL database answers as SQLite does: the same
 * incidents written to both engines give the same incident_day_stats rows through inserts,
 * updates and deletes, the same full-text hits, and the same local days.
 */
let t: TempDb;
let p: FreshPg;

const STATS = 'SELECT * FROM incident_day_stats ORDER BY day, region, group_id, event_type';

async function sameStats() {
  const want = t.db.$client.prepare(STATS).all();
  const got = (await p.pool.query(STATS)).rows;
  expect(got.length).toBeGreaterThan(10);
  expect(got).toEqual(want);
}

const run = pgSkipReason ? describe.skip : describe;
if (pgSkipReason) console.warn(`tests/integration/pg-migrations.test.ts skipped: ${pgSkipReason}`);

run(`PostgreSQL migrations${pgSkipReason ? ` (skipped: ${pgSkipReason})` : ''}`, () => {
  beforeAll(async () => {
    t = await useTempDb({ timeZone: 'Asia/Karachi' });
    writeGenerated(t.db, generateInputs(19, 600, '2024-10-01', '2024-12-31'), 'Asia/Karachi');
    p = await freshPgDatabase();
    await p.db.insert(pgs.groups).values(t.db.select().from(lite.groups).all());
    const batches = t.db.select().from(lite.importBatches).all();
    if (batches.length) await p.db.insert(pgs.importBatches).values(batches);
    const rows = t.db.select().from(lite.incidents).all();
    for (let i = 0; i < rows.length; i += 200) await p.db.insert(pgs.incidents).values(rows.slice(i, i + 200));
    // Rows copied with their ids leave the identity behind them, as a copied installation would.
    await p.pool.query("SELECT setval(pg_get_serial_sequence('incidents', 'id'), (SELECT max(id) FROM incidents))");
  });
  afterAll(async () => {
    await p?.drop();
    await t?.cleanup();
  });

  it('records every migration once, and applying them again changes nothing', async () => {
    const journal = JSON.parse(readFileSync(join(PG_MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    await migrate(p.db, { migrationsFolder: PG_MIGRATIONS });
    const { rows } = await p.pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    expect(rows[0].n).toBe(journal.entries.length);
  });

  it('refuses a database whose LC_CTYPE would drop non-ASCII letters from search, saying why', async () => {
    const c = await freshPgDatabase({ ctype: 'C', migrate: false });
    try {
      // drizzle wraps the database's error; its cause is PostgreSQL's own, with the reason.
      const failure: unknown = await migrate(c.db, { migrationsFolder: PG_MIGRATIONS }).catch((err: unknown) => err);
      expect((failure as Error).cause).toMatchObject({
        message: 'Frontier Watch needs a UTF8 database with a UTF-8 LC_CTYPE (found encoding UTF8, LC_CTYPE C)',
      });
      expect(await c.pool.query("SELECT to_regclass('incidents') AS t").then((r) => r.rows[0].t)).toBeNull();
    } finally {
      await c.drop();
    }
  });

  it('keeps incident_day_stats equal to SQLite through inserts, updates and deletes', async () => {
    await sameStats();
    // Each statement runs on both engines: casualties and claims, the rollup key, the flags,
    // the day, a column the rollup ignores, and deletes.
    const steps = [
      "UPDATE incidents SET killed = 99, killed_security = 40, claim_status = 'claimed' WHERE id % 7 = 0",
      "UPDATE incidents SET region = NULL, group_id = 'iskp', event_type = 'Battles' WHERE id % 7 = 1",
      "UPDATE incidents SET dataset = 'live', cross_border = NOT cross_border, time_precision = 3 WHERE id % 7 = 2",
      'UPDATE incidents SET occurred_day = occurred_day + 7, occurred_at = occurred_at + 604800000 WHERE id % 7 = 3',
      "UPDATE incidents SET notes = 'touched' WHERE id % 7 = 4",
      'DELETE FROM incidents WHERE id % 7 = 5',
    ];
    for (const step of steps) {
      t.db.$client.exec(step);
      await p.pool.query(step);
      await sameStats();
    }
  });

  it('keeps the rollup exact under concurrent writers to the same day-group', async () => {
    const key = { day: 20_100, region: 'kp', group: 'ttp', type: 'Explosions/Remote violence' };
    const writer = async (w: number) => {
      const c = await p.pool.connect();
      try {
        await c.query('BEGIN');
        for (let i = 0; i < 25; i++) {
          await c.query(
            `INSERT INTO incidents (source, source_id, occurred_at, occurred_day, country, lat, lon, region, event_type, sub_event_type, group_id, killed, killed_civilians, created_at, updated_at)
             VALUES ('race', $1, $2, $3, 'PK', 34, 71.5, $4, $5, 'Remote explosive/landmine/IED', $6, 2, 1, 0, 0)`,
            [`w${w}-${i}`, key.day * 86_400_000, key.day, key.region, key.type, key.group],
          );
        }
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK');
        throw err;
      } finally {
        c.release();
      }
    };
    await Promise.all([0, 1, 2, 3].map(writer));
    const { rows } = await p.pool.query(
      'SELECT incidents, killed, killed_civilians, killed_unattributed, live FROM incident_day_stats WHERE day = $1 AND region = $2 AND group_id = $3 AND event_type = $4',
      [key.day, key.region, key.group, key.type],
    );
    expect(rows).toEqual([{ incidents: 100, killed: 200, killed_civilians: 100, killed_unattributed: 100, live: 100 }]);
    await p.pool.query("DELETE FROM incidents WHERE source = 'race'");
    expect((await p.pool.query('SELECT count(*)::int AS n FROM incident_day_stats WHERE day = $1', [key.day])).rows[0].n).toBe(0);
  });

  it('finds the same incidents as FTS5 for prefix words, accents and scripts, and never fails on user syntax', async () => {
    const notes = [
      'Mīr Ali checkpoint attack',
      'claimed by Jaish-ul-Adl',
      'پشاور میں دھماکہ',
      'reported at www.dawn.com/news/1',
      "O'Brien: AND/OR NOT (x) & y | !z",
    ];
    const ids = t.db.select({ id: lite.incidents.id }).from(lite.incidents).limit(notes.length).all();
    for (const [i, { id }] of ids.entries()) {
      t.db.$client.prepare('UPDATE incidents SET notes = ? WHERE id = ?').run(notes[i], id);
      await p.pool.query('UPDATE incidents SET notes = $1 WHERE id = $2', [notes[i], id]);
    }
    const searches = [
      'mir al',
      'MĪR',
      'jaish ul',
      'jaïsh',
      'پشا',
      'dawn',
      'dawn.com',
      'pesh',
      'bannu',
      'khyber pakh',
      'ttp',
      'brien',
      'cmd calc',
    ];
    const pgIds = async (q: string) => {
      const m = toTsQuery(q);
      if (m === null) return [];
      const { rows } = await p.pool.query<{ id: number }>(
        `SELECT id FROM incidents WHERE incidents_search_doc(location, admin3, admin2, admin1, actor1, assoc_actors, actor2, group_id, notes)
           @@ to_tsquery('public.frontier_search', $1) ORDER BY id`,
        [m],
      );
      return rows.map((r) => r.id);
    };
    let found = 0;
    for (const q of [...searches, ...HOSTILE_QUERIES]) {
      const want = sqliteFtsIds(t.db.$client, q);
      expect(await pgIds(q), q).toEqual(want);
      if (want.length) found++;
    }
    expect(found).toBeGreaterThanOrEqual(searches.length);
  });

  it('searches reports by title and text as reports_fts does', async () => {
    const { rows } = await p.pool.query<{ id: number }>(
      `INSERT INTO reports (title, text, fetched_at, is_incident, draft, created_at)
       VALUES ('Blast in Bannu', 'Police said the device was remote-controlled', 0, true, '{}', 0) RETURNING id`,
    );
    const hits = async (q: string) =>
      (
        await p.pool.query(`SELECT id FROM reports WHERE reports_search_doc(title, text) @@ to_tsquery('public.frontier_search', $1)`, [
          toTsQuery(q),
        ])
      ).rows;
    expect(await hits('bann remote')).toEqual(rows);
    expect(await hits('remote-controlled police')).toEqual(rows);
    expect(await hits('quetta')).toEqual([]);
  });

  it("keeps 0001's search document through 0005's shortcuts, so the indexes built before stay valid", async () => {
    // 0001's search_doc, inline: NFKC, punctuation to spaces, frontier_search (unaccent, simple).
    const v0001 = (arg: string) =>
      `to_tsvector('public.frontier_search'::regconfig, regexp_replace(normalize(coalesce(${arg}, ''), NFKC), '[^[:alnum:]]+', ' ', 'g'))`;
    const texts = [
      null,
      '',
      'Bannu',
      'al-Qaeda TTP/JuA a.b.c example.com x@y.org http://foo.bar/baz?q=1&r=2',
      "Peshawar's 3.5 -12 +7 1e5 0x1F v1.2.3 a_b 10% #x $5 [1] {2} |3| ^4 `5` ~/f.txt <b>tag</b> &amp;",
      'tab\there\nnewline \u0001ctl\u007f',
      'Émigré Bārān Zürich Muḥammad Khān',
      'e\u0301migre Ǆ ﬁ ① Ｔｅｓｔ Ⅻ ½ ²',
      'پشاور کابل Душанбе',
    ];
    const { rows } = await p.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM unnest($1::text[]) s WHERE search_doc(s) IS DISTINCT FROM ${v0001('s')}`,
      [texts],
    );
    expect(rows[0].n).toBe(0);
    const doc = `concat_ws(' ', location, admin3, admin2, admin1, actor1, assoc_actors, actor2, group_id, notes)`;
    const stored = await p.pool.query<{ n: number; differ: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE search_doc(${doc}) IS DISTINCT FROM ${v0001(doc)})::int AS differ FROM incidents`,
    );
    expect(stored.rows[0]).toEqual({ n: expect.any(Number) as number, differ: 0 });
    expect(stored.rows[0].n).toBeGreaterThan(100);
  });

  it('computes local_day as lib/time/zone.ts does, across midnight and DST changes', async () => {
    const cases: [number, string][] = [];
    for (const zone of ['Asia/Karachi', 'Asia/Kabul', 'Asia/Dushanbe', 'Europe/London', 'America/New_York', 'UTC']) {
      for (const at of [
        0,
        -1,
        1_700_000_000_000,
        Date.UTC(2024, 2, 31, 0, 59, 59, 999),
        Date.UTC(2024, 10, 3, 4, 0),
        Date.UTC(2024, 11, 31, 19, 0) - 1,
      ]) {
        cases.push([at, zone]);
      }
    }
    for (const [at, zone] of cases) {
      const { rows } = await p.db.execute<{ d: number }>(sql`SELECT local_day(${at}::bigint, ${zone}) AS d`);
      expect(rows[0].d, `${at} ${zone}`).toBe(localDay(at, zone));
    }
  });
});
