// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as importRoute } from '@/app/api/import/route';
import { POST as createRuleRoute } from '@/app/api/alert-rules/route';
import { GET as listAlertsRoute } from '@/app/api/alerts/route';
import { get, postCsv, postJson, useTempDb, type TempDb } from '../support/api-db';
import { hoursAgo, nativeCsv } from '../support/alert-import';

let t: TempDb;
beforeAll(async () => {
  t = await useTempDb();
});
afterAll(() => t.cleanup());

async function alertSummaries(): Promise<string[]> {
  const body = (await (await listAlertsRoute(get('/api/alerts?limit=200'))).json()) as { items: { summary: string }[] };
  return body.items.map((a) => a.summary).sort();
}

describe('alerts through POST /api/import', () => {
  it('fires each expected alert exactly once; re-importing the file fires none', async () => {
    const rules = [
      { name: 'mass', kind: 'mass-casualty', severity: 'critical', params: { killed: 10 } },
      { name: 'kp burst', kind: 'threshold', severity: 'warning', scope: { region: ['kp'] }, params: { count: 2, windowHours: 12 } },
      { name: 'cross', kind: 'cross-border', severity: 'info' },
    ];
    for (const r of rules) expect((await createRuleRoute(postJson('/api/alert-rules', r, t.analyst))).status).toBe(201);
    const now = Date.now();
    const csv = nativeCsv([
      { sourceId: 'r-1', occurredAt: hoursAgo(now, 3), lat: 34.01, lon: 71.58, killed: 14 },
      { sourceId: 'r-2', occurredAt: hoursAgo(now, 2), lat: 34.01, lon: 71.58 },
      { sourceId: 'r-3', occurredAt: hoursAgo(now, 1), country: 'TJ', lat: 37.6, lon: 69.3 },
      { sourceId: 'r-old', occurredAt: hoursAgo(now, 24 * 30), lat: 34.01, lon: 71.58, killed: 90 },
    ]);
    const first = await importRoute(postCsv('/api/import?format=native', csv, t.analyst));
    expect(first.status, await first.clone().text()).toBeLessThan(300);
    expect(await alertSummaries()).toEqual([
      '2 incidents in Khyber Pakhtunkhwa within 12 h (threshold 2)',
      'Cross-border incident: in Tajikistan',
      'Mass casualty: 14 killed, 0 injured in Khyber Pakhtunkhwa (threshold 10 killed)',
    ]);
    const again = await importRoute(postCsv('/api/import?format=native', csv, t.analyst));
    expect(again.status).toBeLessThan(300);
    expect(await alertSummaries()).toHaveLength(3);
  });
});
