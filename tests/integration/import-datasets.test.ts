// @engines sqlite postgres
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { POST as IMPORT } from '@/app/api/import/route';
import { GET as EXPORT } from '@/app/api/incidents/export/route';
import { rows as rowsOf } from '@/db/engine';
import { EXPORT_COLUMNS } from '@/lib/acled/export-row';
import { HXL_ROW } from '@/lib/acled/hxl';
import { get, postCsv, useTempDb, type TempDb } from '../support/api-db';

let t: TempDb;
const csvRows = (text: string, opts: { bom: boolean }): string[][] => parse(text, opts);
const fixture = (name: string) => readFileSync(`tests/fixtures/datasets/${name}.csv`, 'utf8');
interface Report {
  inserted: number;
  updated: number;
  unchanged: number;
  errors: { row: number; column: string; message: string }[];
}

async function run(csv: string, query: string): Promise<[number, Report]> {
  const res = await IMPORT(postCsv(`/api/import?${query}`, csv, t.analyst));
  return [res.status, (await res.json()) as Report];
}

/** Incidents and their killed total per source, through the store, so both engines answer alike. */
async function tally(source: string): Promise<{ n: number; killed: number }> {
  const [r] = await rowsOf<{ n: number; killed: number | null }>(
    t.store,
    sql`SELECT count(*) AS n, sum(killed) AS killed FROM incidents WHERE source = ${source}`,
  );
  return { n: Number(r.n), killed: Number(r.killed ?? 0) };
}

beforeAll(async () => {
  t = await useTempDb();
});
afterAll(() => t.cleanup());

describe('POST /api/import?format=ucdp', () => {
  it('a file with bad rows: 422 naming every row and column, nothing written', async () => {
    const [status, body] = await run(fixture('ucdp-ged-bad'), 'format=ucdp');
    expect(status).toBe(422);
    expect(body.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'latitude'],
      [3, 'longitude'],
      [4, 'date_prec'],
      [5, 'type_of_violence'],
    ]);
    expect(await tally('ucdp')).toEqual({ n: 0, killed: 0 });
  });
  it('imports the GED file, then re-imports it unchanged', async () => {
    const [status, body] = await run(fixture('ucdp-ged'), 'format=ucdp');
    expect(status).toBe(200);
    expect(body).toMatchObject({ errors: [], inserted: 6 });
    expect(await tally('ucdp')).toEqual({ n: 6, killed: 7 + 55 + 5 + 6 + 3 + 2 });
    const [again, report] = await run(fixture('ucdp-ged'), 'format=ucdp');
    expect(again).toBe(200);
    expect(report).toMatchObject({ errors: [], inserted: 0, updated: 0, unchanged: 6 });
  });
});

describe('POST /api/import?format=gtd', () => {
  it('a file with bad rows: 422, nothing written', async () => {
    const [status, body] = await run(fixture('gtd-bad'), 'format=gtd');
    expect(status).toBe(422);
    expect(body.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'iday'],
      [3, 'imonth'],
      [4, 'attacktype1_txt'],
    ]);
    expect(await tally('gtd')).toEqual({ n: 0, killed: 0 });
  });
  it('imports the GTD file (day 0, month 0, approximate dates), then re-imports it unchanged', async () => {
    const [status, body] = await run(fixture('gtd'), 'format=gtd');
    expect(status).toBe(200);
    expect(body).toMatchObject({ errors: [], inserted: 5 });
    expect(await tally('gtd')).toEqual({ n: 5, killed: 6 + 3 + 0 + 1 });
    const [, report] = await run(fixture('gtd'), 'format=gtd');
    expect(report).toMatchObject({ errors: [], inserted: 0, updated: 0, unchanged: 5 });
  });
});

describe('POST /api/import?format=acled with a dyadic file', () => {
  it('two rows per event become one incident each; fatalities counted once; re-import unchanged', async () => {
    const [status, body] = await run(fixture('acled-dyadic'), 'format=acled');
    expect(status).toBe(200);
    expect(body).toMatchObject({ errors: [], inserted: 3 });
    expect(await tally('acled')).toEqual({ n: 3, killed: 8 + 3 + 2 });
    const [, report] = await run(fixture('acled-dyadic'), 'format=acled');
    expect(report).toMatchObject({ errors: [], inserted: 0, updated: 0, unchanged: 3 });
  });
});

describe('GET /api/incidents/export?format=csv&hxl=true', () => {
  it('puts the hashtag row under the header, then the incidents', async () => {
    const res = await EXPORT(get('/api/incidents/export?format=csv&hxl=true'));
    expect(res.status).toBe(200);
    const [header, tags, ...data] = csvRows(await res.text(), { bom: true });
    expect(header).toEqual(EXPORT_COLUMNS);
    expect(tags).toEqual(HXL_ROW);
    expect(data).toHaveLength(6 + 5 + 3);
    const ucdp = data.find((r) => r[header.indexOf('event_id_cnty')] === 'ucdp:500001')!;
    expect(ucdp[header.indexOf('group_name')]).toBe('Tehrik-i-Taliban Pakistan');
  });
  it('without hxl (or hxl=false) no hashtag row; anything else is a 400 naming hxl', async () => {
    for (const q of ['', '&hxl=false']) {
      const [, second] = csvRows(await (await EXPORT(get(`/api/incidents/export?format=csv${q}`))).text(), { bom: true });
      expect(second[0], q).not.toMatch(/^#/);
    }
    const bad = await EXPORT(get('/api/incidents/export?format=csv&hxl=yes'));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/hxl/);
  });
});
