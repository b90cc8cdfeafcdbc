// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { GET as EXPORT } from '@/app/api/incidents/export/route';
import { importCsv } from '@/server/import/import';
import { ACLED_COLUMNS } from '@/lib/acled/columns';
import { get, useTempDb, type TempDb } from '../support/api-db';
import { acledCsv, acledRow } from '../support/api-acled';
import { incidentBody, storeIncidents } from '../support/api-factory';

let t: TempDb;
const EVIL = "=cmd|'/c calc'!A1";

beforeAll(async () => {
  t = await useTempDb();
  await storeIncidents(t.store, [
    incidentBody({
      sourceId: 'evil',
      notes: EVIL,
      location: '+SUM(1,2)',
      admin3: '@import',
      sources: ['-2+3', '\tTAB', '\uFF1D1+1', 'https://example.org/ok'],
    }),
    incidentBody({
      sourceId: 'west',
      lat: -33.9,
      lon: -70.6,
      country: 'CL',
      admin1: null,
      admin2: null,
      location: 'Santiago',
      occurredAt: '2024-11-01',
    }),
  ]);
  const report = await importCsv(
    t.store,
    acledCsv([
      acledRow({
        event_id_cnty: 'PAK42',
        assoc_actor_2: 'Police Forces of Pakistan (2018-)',
        tags: 'crowd size=no report',
        disorder_type: 'Political violence',
      }),
    ]),
    { format: 'acled', timeZone: 'Asia/Karachi' },
  );
  expect(report.errors).toEqual([]);
});
afterAll(() => t.cleanup());

async function csvRows(query = ''): Promise<{ res: Response; rows: Record<string, string>[] }> {
  const res = await EXPORT(get(`/api/incidents/export?format=csv${query}`));
  const text = await res.text();
  return { res, rows: parse<Record<string, string>>(text, { bom: true, columns: true }) };
}

describe('GET /api/incidents/export?format=csv', () => {
  it('is an attachment with ACLED columns first, then ours', async () => {
    const res = await EXPORT(get('/api/incidents/export?format=csv'));
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="frontier-watch-incidents-.*\.csv"$/);
    const header = parse(await res.text(), { bom: true, to_line: 1 })[0];
    expect(header.slice(0, 31)).toEqual([...ACLED_COLUMNS]);
    expect(header.slice(31)).toEqual(
      expect.arrayContaining([
        'id',
        'monitored_region',
        'group',
        'claim_status',
        'target',
        'killed',
        'injured',
        'killed_security',
        'cross_border',
        'verification',
        'dataset',
        'occurred_at',
      ]),
    );
  });
  it('neutralises formula cells', async () => {
    const { rows } = await csvRows();
    const evil = rows.find((r) => r.notes.includes('cmd'))!;
    expect(evil.notes).toBe(`'${EVIL}`);
    expect(evil.location).toBe(`'+SUM(1,2)`);
    expect(evil.admin3).toBe(`'@import`);
    expect(evil.source.startsWith("'-2+3")).toBe(true);
    for (const row of rows) {
      for (const [col, cell] of Object.entries(row)) {
        if (col === 'latitude' || col === 'longitude') continue;
        expect(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell), `${col}: ${cell}`).toBe(false);
      }
    }
  });
  it('round-trips ACLED columns kept from an import and honours filters', async () => {
    const { rows } = await csvRows('&q=bannu');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event_id_cnty: 'PAK42',
      event_date: '2024-12-15',
      iso: '586',
      country: 'Pakistan',
      disorder_type: 'Political violence',
      assoc_actor_2: 'Police Forces of Pakistan (2018-)',
      tags: 'crowd size=no report',
      actor1: 'TTP: Tehrik-i-Taliban Pakistan',
      fatalities: '5',
      source: 'Dawn; Express Tribune',
      group: 'ttp',
      monitored_region: 'kp',
    });
    expect((await csvRows('&region=none')).rows.map((r) => r.location)).toEqual(['Santiago']);
  });
  it('an exported ACLED import re-imports unchanged', async () => {
    const res = await EXPORT(get('/api/incidents/export?format=csv&q=bannu'));
    const report = await importCsv(t.store, await res.text(), { format: 'acled', timeZone: 'Asia/Karachi' });
    expect(report).toMatchObject({ errors: [], inserted: 0, updated: 0, unchanged: 1 });
  });
  it('400 for a missing or bad format and unknown parameters', async () => {
    for (const q of ['', '?format=xlsx', '?format=csv&limit=5', '?format=csv&minKilled=x']) {
      expect((await EXPORT(get(`/api/incidents/export${q}`))).status, q).toBe(400);
    }
  });
});

describe('GET /api/incidents/export?format=geojson', () => {
  it('is an RFC 7946 FeatureCollection with lon,lat points', async () => {
    const res = await EXPORT(get('/api/incidents/export?format=geojson'));
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const fc = (await res.json()) as {
      type: string;
      crs?: unknown;
      features: { type: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[];
    };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc).not.toHaveProperty('crs');
    expect(fc.features).toHaveLength(3);
    for (const f of fc.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Point');
      const [lon, lat] = f.geometry.coordinates;
      expect(f.geometry.coordinates).toHaveLength(2);
      expect(Number.isFinite(lon) && lon >= -180 && lon <= 180).toBe(true);
      expect(Number.isFinite(lat) && lat >= -90 && lat <= 90).toBe(true);
    }
    const santiago = fc.features.find((f) => f.properties.location === 'Santiago')!;
    expect(santiago.geometry.coordinates).toEqual([-70.6, -33.9]);
    expect(santiago.properties).not.toHaveProperty('lat');
  });
  it('an empty result is still a valid FeatureCollection', async () => {
    const res = await EXPORT(get('/api/incidents/export?format=geojson&group=nobody'));
    expect(await res.json()).toEqual({ type: 'FeatureCollection', features: [] });
  });
});
