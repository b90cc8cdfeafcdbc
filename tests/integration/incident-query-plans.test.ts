import { collect } from '../support/collect';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '@/db/connection';
import { migrateSqlite } from '@/db/migrate';
import { iterateIncidents } from '@/db/queries/incidents';
import { computeWeeklyReport } from '@/db/queries/weekly';
import type { ExportFilter } from '@/db/queries/export';
import { lazyWindowEvents, loadInsertedFacts, recentIds, scopeSql, spikeCounts, windowEvents } from '@/db/queries/alert-queries';
import { insertIncidents, incidentBody } from '../support/api-factory';

/**
 * sqlite_stat1 of the 1M-incident bench database, as a full ANALYZE leaves it and as the product
 * leaves it after five 200k-row imports (PRAGMA optimize after each: estimates from the first, 200k
 * rows, with an analysis limit). With them the planner chooses as on a large store, where a wrong
 * choice costs minutes (an export that sorts every matching row for each chunk), not microseconds.
 */
const STATS: Record<string, [string, string, string][]> = {
  'full ANALYZE': [
    ['incidents', 'incidents_source_uq', '1000000 1 1'],
    ['incidents', 'incidents_time_idx', '1000000 231 1 1 1 1'],
    ['incidents', 'incidents_group_time_idx', '1000000 71429 20'],
    ['incidents', 'incidents_region_time_idx', '1000000 200000 55'],
    ['incidents', 'incidents_day_idx', '1000000 231 55 11'],
    ['groups', 'sqlite_autoindex_groups_1', '15 1'],
    ['incident_day_stats', 'incident_day_stats', '50588 56 13 3 1'],
    ['incident_day_stats', 'incident_day_stats_pair_idx', '50588 1334 667 3'],
  ],
  'five imports': [
    ['incidents', 'incidents_source_uq', '200000 2001 1'],
    ['incidents', 'incidents_time_idx', '200000 126 1 1 1 1'],
    ['incidents', 'incidents_group_time_idx', '200000 1001 3'],
    ['incidents', 'incidents_region_time_idx', '200000 2001 25'],
    ['incidents', 'incidents_day_idx', '200000 223 49 11'],
    ['groups', 'sqlite_autoindex_groups_1', '15 1'],
    ['incident_day_stats', 'incident_day_stats', '50588 56 13 3 1'],
    ['incident_day_stats', 'incident_day_stats_pair_idx', '50588 1334 667 3'],
  ],
  // Since imports refresh with optimize=0x10002 (db/planner-stats.ts): exact estimates at 200k.
  'five imports, exact estimates': [
    ['incidents', 'incidents_source_uq', '200000 200000 1'],
    ['incidents', 'incidents_time_idx', '200000 198 1 1 1 1'],
    ['incidents', 'incidents_group_time_idx', '200000 14286 18'],
    ['incidents', 'incidents_region_time_idx', '200000 40000 48'],
    ['incidents', 'incidents_day_idx', '200000 198 48 10'],
    ['groups', 'sqlite_autoindex_groups_1', '15 1'],
    ['incident_day_stats', 'incident_day_stats', '50588 50 12 3 1'],
    ['incident_day_stats', 'incident_day_stats_pair_idx', '50588 10118 1446 3'],
    ['incidents_fts_data', '', '1301'],
  ],
};

function applyStats(db: Db, stats: [string, string, string][]): void {
  const c = db.$client;
  c.exec('ANALYZE');
  c.exec('DELETE FROM sqlite_stat1');
  // Samples of the few test rows would mislead range estimates: plan from the row counts alone.
  if (c.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat4'").get()) c.exec('DELETE FROM sqlite_stat4');
  const put = c.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)');
  for (const [tbl, idx, stat] of stats) put.run(tbl, idx || null, stat); // '' = the table's own row count
  c.exec('ANALYZE sqlite_schema'); // reload the statistics
}

/** The SQL texts `run` prepares on the connection. */
function preparedBy(db: Db, run: () => void): string[] {
  const seen: string[] = [];
  const prepare = db.$client.prepare.bind(db.$client);
  const spy = vi.spyOn(db.$client, 'prepare').mockImplementation((text: string) => (seen.push(text), prepare(text)));
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return seen;
}

/** preparedBy for an async run (the export's chunks and the weekly queries are awaited). */
async function preparedByAsync(db: Db, run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const prepare = db.$client.prepare.bind(db.$client);
  const spy = vi.spyOn(db.$client, 'prepare').mockImplementation((text: string) => (seen.push(text), prepare(text)));
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return seen;
}

/** EXPLAIN QUERY PLAN lines (parameters bound to NULL: the plan does not depend on their values here). */
function plan(db: Db, text: string): string[] {
  const named = [...new Set([...text.matchAll(/[@$]([A-Za-z_]\w*)/g)].map((m) => m[1]))];
  const args: unknown[] = Array((text.match(/\?/g) ?? []).length).fill(null);
  if (named.length) args.push(Object.fromEntries(named.map((k) => [k, null])));
  return (db.$client.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...args) as { detail: string }[]).map((r) => r.detail);
}

let db: Db;
function setUp(stats: [string, string, string][]): void {
  db = openDatabase(':memory:');
  migrateSqlite(db, { reportTimeZone: 'Asia/Karachi' });
  // Each export below matches several rows, so its keyset chunks run too.
  const kinds = [
    { eventType: 'Battles', subEventType: 'Armed clash', killed: 1 },
    { eventType: 'Explosions/Remote violence', subEventType: 'Suicide bomb', killed: 60 },
  ];
  insertIncidents(
    db,
    [0, 1, 2, 3, 4, 5].map((i) => incidentBody({ occurredAt: `2024-12-1${i}T10:00:00Z`, ...kinds[i % 2] })),
  );
  applyStats(db, stats);
}
afterEach(() => db.$client.close());

describe.each(Object.keys(STATS))('query plans at 1M incidents, statistics from %s', (name) => {
  beforeEach(() => setUp(STATS[name]));

  it('the incidents indexes are the upsert key, the time index (with the type columns) and the group, region and day indexes', () => {
    const indexes = db.$client
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'incidents' AND sql IS NOT NULL ORDER BY name")
      .all();
    expect(indexes.map((i) => (i as { name: string }).name)).toEqual([
      'incidents_day_idx',
      'incidents_group_time_idx',
      'incidents_region_time_idx',
      'incidents_source_uq',
      'incidents_time_idx',
    ]);
  });

  it.each<[string, ExportFilter]>([
    ['no filter', {}],
    ['an event type', { type: ['Battles'] }],
    ['a sub-event type and minKilled', { type: ['Suicide bomb'], minKilled: 5 }],
    ['minKilled', { minKilled: 50 }],
  ])('an export with %s reads the time index newest first, every chunk', async (_name, filter) => {
    const texts = await preparedByAsync(db, () => collect(iterateIncidents(db, filter, 1)));
    expect(texts.length).toBeGreaterThan(1); // the first chunk and keyset chunks after it
    for (const text of texts) {
      const lines = plan(db, text);
      expect(lines[0]).toMatch(/^(SCAN|SEARCH) incidents USING INDEX incidents_time_idx/);
      expect(lines.join('\n')).not.toMatch(/TEMP B-TREE|SCAN groups/);
    }
  });

  it.each<[string, ExportFilter]>([
    ['a group', { group: ['ttp'] }],
    ['a region and a type', { region: ['kp'], type: ['Battles'] }],
    ['a week of days', { from: '2024-12-09', to: '2024-12-15' }],
  ])('an export with %s keeps incidents the outer loop (groups are looked up per row)', async (_name, filter) => {
    for (const text of await preparedByAsync(db, () => collect(iterateIncidents(db, filter, 1)))) {
      const lines = plan(db, text);
      expect(lines[0]).toMatch(/^(SCAN|SEARCH) incidents /);
      expect(lines.join('\n')).not.toMatch(/SCAN groups/);
    }
  });

  it('type-scoped alert windows, spike counts and recent ids are read from the time index alone', () => {
    const scope = scopeSql({ type: ['Suicide bomb'] });
    const now = Date.parse('2024-12-15T12:00:00Z');
    const texts = preparedBy(db, () => {
      windowEvents(db, scope, now - 86_400_000 * 30, now);
      lazyWindowEvents(db, scope, now - 86_400_000 * 30, now).get(0);
      spikeCounts(db, scope, { baselineFrom: now - 86_400_000 * 63, observedFrom: now - 86_400_000 * 7, to: now });
      recentIds(db, scope, now - 86_400_000 * 7, now);
    });
    expect(texts).toHaveLength(4);
    for (const text of texts)
      expect(plan(db, text)).toEqual([
        expect.stringMatching(/^SEARCH incidents USING COVERING INDEX incidents_time_idx \(occurred_at>\? AND occurred_at<\?\)$/),
      ]);
  });

  it('group- and region-scoped alert reads keep their indexes', () => {
    const now = Date.parse('2024-12-15T12:00:00Z');
    const texts = preparedBy(db, () => {
      spikeCounts(db, scopeSql({ group: ['ttp'] }), { baselineFrom: now - 86_400_000 * 63, observedFrom: now - 86_400_000 * 7, to: now });
      windowEvents(db, scopeSql({ region: ['kp'], type: ['Battles'] }), now - 86_400_000 * 30, now);
    });
    expect(plan(db, texts[0]).join('\n')).toMatch(/COVERING INDEX incidents_group_time_idx/);
    expect(plan(db, texts[1]).join('\n')).toMatch(/INDEX incidents_region_time_idx/);
  });

  it('the incidents a post inserted are read by rowid for alert evaluation; a large backfill through the time index', () => {
    const [post] = preparedBy(db, () => loadInsertedFacts(db, [999_998, 999_999], 0));
    expect(plan(db, post)).toEqual(['SEARCH incidents USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)']);
    const [backfill] = preparedBy(db, () => loadInsertedFacts(db, [800_001, 1_000_000], 0));
    expect(plan(db, backfill)).toEqual([expect.stringMatching(/^SEARCH incidents USING INDEX incidents_time_idx \(occurred_at>\?\)$/)]);
  });

  it('the weekly report reads incidents only through the day index', async () => {
    const texts = (await preparedByAsync(db, () => computeWeeklyReport(db, { week: '2024-W50', timeZone: 'Asia/Karachi' }))).filter((t) =>
      /\bFROM incidents\b/i.test(t),
    );
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts)
      expect(
        plan(db, text)
          .filter((l) => / incidents | i /.test(l))
          .join('\n'),
      ).toMatch(/incidents_day_idx/);
  });
});
