// @engines sqlite postgres
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { POST as IMPORT } from '@/app/api/import/route';
import { GET as MATCHES } from '@/app/api/matches/route';
import { POST as MERGE } from '@/app/api/matches/[id]/merge/route';
import { POST as UNDO } from '@/app/api/matches/[id]/undo/route';
import { builder, rows } from '@/db/engine';
import { alertIncidents, alerts } from '@/db/schema';
import { getAlert } from '@/db/queries/alerts';
import type { MatchPage } from '@/lib/datasets/match-types';
import { ctx, get, postCsv, postJson, useTempDb, type TempDb } from '../support/api-db';
import { addRule } from '../support/alert-seed';

/**
 * A merge on /matches takes the merged-away incident B off the map; the alerts that fired for B
 * must still lead to the event, so their links move to the kept incident A, and undo puts them back.
 */
let t: TempDb;
let a = 0;
let b = 0;
let matchId = 0;
const alertIds = { onlyB: 0, both: 0, onlyA: 0 };

const idOf = async (source: string, sourceId: string) =>
  Number(
    (await rows<{ id: number }>(t.store, sql`SELECT id FROM incidents WHERE source = ${source} AND source_id = ${sourceId}`))[0]?.id ?? 0,
  );
const linksOf = async (alertId: number) => (await getAlert(t.store, alertId))?.incidentIds ?? null;
const decide = async (op: typeof MERGE | typeof UNDO, id: number) => {
  const res = await (op as (r: Request, c: unknown) => Promise<Response>)(
    postJson(`/api/matches/${id}/x`, {}, t.analyst),
    ctx({ id: String(id) }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
};

async function addAlert(key: string, incidentIds: number[], ruleId: number): Promise<number> {
  const db = builder(t.store);
  const [{ id }] = await db
    .insert(alerts)
    .values({ ruleId, dedupeKey: key, severity: 'warning', status: 'firing', firedAt: Date.now(), summary: key, details: '{}' })
    .returning({ id: alerts.id });
  await db.insert(alertIncidents).values(incidentIds.map((incidentId) => ({ alertId: id, incidentId })));
  return id;
}

beforeAll(async () => {
  t = await useTempDb();
  for (const [name, format] of [
    ['overlap-acled', 'acled'],
    ['overlap-ucdp', 'ucdp'],
  ]) {
    const res = await IMPORT(
      postCsv(`/api/import?format=${format}`, readFileSync(`tests/fixtures/datasets/${name}.csv`, 'utf8'), t.analyst),
    );
    expect(res.status).toBe(200);
  }
  a = await idOf('acled', 'PAK9101');
  b = await idOf('ucdp', '600001');
  const page = (await (await MATCHES(get('/api/matches'))).json()) as MatchPage;
  matchId = page.items.find((m) => m.incidentA?.id === a && m.incidentB?.id === b)!.id;
  const rule = await addRule(t.store, { name: 'merge links', kind: 'mass-casualty', params: { killed: 1 }, enabled: false }, Date.now());
  alertIds.onlyB = await addAlert('only-b', [b], rule);
  alertIds.both = await addAlert('both', [a, b], rule);
  alertIds.onlyA = await addAlert('only-a', [a], rule);
});
afterAll(() => t.cleanup());

describe('alert links across a merge', () => {
  it('merge moves the merged-away incident’s alert links to the kept incident', async () => {
    await decide(MERGE, matchId);
    expect(await idOf('ucdp', '600001')).toBe(0);
    expect(await linksOf(alertIds.onlyB)).toEqual([a]);
    expect(await linksOf(alertIds.both)).toEqual([a]);
    expect(await linksOf(alertIds.onlyA)).toEqual([a]);
  });

  it('undo links them back to the restored incident, and A keeps only what it had', async () => {
    await decide(UNDO, matchId);
    expect(await idOf('ucdp', '600001')).toBe(b);
    expect(await linksOf(alertIds.onlyB)).toEqual([b]);
    expect(await linksOf(alertIds.both)).toEqual([a, b].sort((x, y) => x - y));
    expect(await linksOf(alertIds.onlyA)).toEqual([a]);
  });

  it('an alert deleted between merge and undo is skipped; the others come back', async () => {
    await decide(MERGE, matchId);
    await builder(t.store).delete(alerts).where(eq(alerts.id, alertIds.onlyB));
    await decide(UNDO, matchId);
    expect(await linksOf(alertIds.onlyB)).toBeNull();
    expect(await linksOf(alertIds.both)).toEqual([a, b].sort((x, y) => x - y));
    expect(await linksOf(alertIds.onlyA)).toEqual([a]);
  });
});
