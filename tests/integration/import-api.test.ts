// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as IMPORT } from '@/app/api/import/route';
import { GET as LIST } from '@/app/api/incidents/route';
import { asc, sql } from 'drizzle-orm';
import { builder, execute, rows as rowsOf } from '@/db/engine';
import { importBatches } from '@/db/schema';
import { get, postCsv, useTempDb, type TempDb } from '../support/api-db';
import { acledCsv, acledRow } from '../support/api-acled';

let t: TempDb;
// Through the store and the routes, not SQLite directly, so the file runs on both engines.
const count = async () => (await rowsOf<{ n: number }>(t.store, sql`SELECT count(*) AS n FROM incidents`))[0].n;
const batches = () => builder(t.store).select().from(importBatches).orderBy(asc(importBatches.id));
interface Report {
  inserted: number;
  updated: number;
  unchanged: number;
  errors: { row: number; column: string; message: string }[];
}

const good = () => [
  acledRow({ event_id_cnty: 'PAK1', notes: 'Line one,\r\nline "two"' }),
  acledRow({
    event_id_cnty: 'PAK2',
    inter1: 'State forces',
    inter2: 'Rebel group',
    event_date: '15 December 2024',
    actor1: 'Military Forces of Pakistan (2018-)',
    actor2: 'TTP: Tehrik-i-Taliban Pakistan',
    sub_event_type: 'Armed clash',
    event_type: 'Battles',
  }),
  acledRow({
    event_id_cnty: 'AFG3',
    event_date: '2024-12-24',
    time_precision: 3,
    iso: 4,
    country: 'Afghanistan',
    admin1: 'Paktika',
    admin2: 'Barmal',
    admin3: '',
    location: 'Barmal',
    latitude: 32.7,
    longitude: 69.4,
    actor1: 'Military Forces of Pakistan (2018-)',
    actor2: 'TTP: Tehrik-i-Taliban Pakistan',
    sub_event_type: 'Air/drone strike',
    fatalities: 46,
    tags: 'cross-border',
  }),
];

async function run(csv: string, query = 'format=acled', token = t.analyst): Promise<[number, Report]> {
  const res = await IMPORT(postCsv(`/api/import?${query}`, csv, token));
  return [res.status, (await res.json()) as Report];
}

beforeAll(async () => {
  t = await useTempDb();
});
afterAll(() => t.cleanup());

describe('POST /api/import', () => {
  it('rejects a file with bad rows: 422, every bad row listed, nothing written', async () => {
    const rows = [
      ...good(),
      acledRow({ event_id_cnty: 'BAD4', event_date: '31 February 2024' }),
      acledRow({ event_id_cnty: 'BAD5', latitude: 'north', sub_event_type: 'Picnic' }),
      acledRow({ event_id_cnty: 'PAK1' }),
      acledRow({ event_id_cnty: '' }),
    ];
    const [status, body] = await run(acledCsv(rows));
    expect(status).toBe(422);
    expect(body.errors).toEqual([
      { row: 5, column: 'event_date', message: expect.stringMatching(/not a date/) },
      { row: 6, column: 'latitude', message: expect.stringMatching(/not a number/) },
      { row: 7, column: 'event_id_cnty', message: expect.stringMatching(/duplicate.*row 2/) },
      { row: 8, column: 'event_id_cnty', message: expect.stringMatching(/required/) },
    ]);
    expect(await count()).toBe(0);
    expect(await batches()).toHaveLength(0);
  });
  it('reports schema errors against ACLED column names', async () => {
    const [status, body] = await run(acledCsv([acledRow({ sub_event_type: 'Picnic', fatalities: -3, iso: 999, country: 'Atlantis' })]));
    expect(status).toBe(422);
    expect(body.errors.map((e) => e.column).sort()).toEqual(['fatalities', 'iso', 'sub_event_type']);
    expect(body.errors.every((e) => e.row === 2)).toBe(true);
  });
  it('a missing required header is one clear error', async () => {
    const csv = acledCsv([acledRow()], ['event_id_cnty', 'event_date', 'event_type', 'actor1']);
    const [status, body] = await run(csv);
    expect(status).toBe(422);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ row: 1, message: expect.stringContaining('sub_event_type, latitude, longitude') });
  });
  it('a row with the wrong number of cells is a row error', async () => {
    const csv = `${acledCsv([acledRow()])}PAK9,2024-01-01\r\n`;
    const [status, body] = await run(csv);
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ row: 3, column: '', message: expect.stringMatching(/2 cells/) }]);
  });
  it('dryRun validates and counts without writing', async () => {
    const [status, body] = await run(acledCsv(good()), 'format=acled&dryRun=true');
    expect(status).toBe(200);
    expect(body).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, errors: [] });
    expect(await count()).toBe(0);
  });
  it('imports a valid file (BOM, CRLF, quoted newline), maps actors and regions', async () => {
    const [status, body] = await run(`\uFEFF${acledCsv(good())}`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, errors: [] });
    const list = (await (await LIST(get('/api/incidents'))).json()) as { items: Record<string, unknown>[] };
    const by = Object.fromEntries(list.items.map((i) => [i.sourceId, i]));
    expect(by.PAK1).toMatchObject({
      source: 'acled',
      group: 'ttp',
      region: 'kp',
      killed: 5,
      injured: null,
      notes: 'Line one,\r\nline "two"',
      sources: ['Dawn', 'Express Tribune'],
    });
    expect(by.PAK2).toMatchObject({ group: 'ttp', occurredDate: '2024-12-15', target: 'security-forces' });
    expect(by.AFG3).toMatchObject({
      group: 'pakistan-military',
      region: 'barmal',
      timePrecision: 3,
      country: 'AF',
      crossBorder: true,
      killed: 46,
    });
    expect(await batches()).toHaveLength(1);
  });
  it('protesters or civilians as the only actor become an "other" group, not a militant one', async () => {
    const [status] = await run(
      acledCsv([
        acledRow({
          event_id_cnty: 'PRO1',
          event_type: 'Riots',
          sub_event_type: 'Mob violence',
          actor1: 'Rioters (Pakistan)',
          inter1: 'Rioters',
          actor2: '',
          inter2: '',
        }),
      ]),
    );
    expect(status).toBe(200);
    expect(await rowsOf(t.store, sql`SELECT kind FROM groups WHERE id = 'rioters'`)).toEqual([{ kind: 'other' }]);
    await execute(t.store, sql`DELETE FROM incidents WHERE source_id = 'PRO1'`);
  });
  it('re-importing the same file changes nothing; a changed row updates', async () => {
    let [status, body] = await run(acledCsv(good()));
    expect(status).toBe(200);
    expect(body).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    const rows = good();
    rows[1].fatalities = 9;
    [status, body] = await run(acledCsv(rows));
    expect(body).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    expect(await count()).toBe(3);
  });
  it('accepts a multipart upload with a file field', async () => {
    const form = new FormData();
    form.set('file', new Blob([acledCsv([acledRow({ event_id_cnty: 'PAK77' })])], { type: 'text/csv' }), 'acled.csv');
    const res = await IMPORT(
      new Request('http://127.0.0.1/api/import?format=acled', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.analyst}` },
        body: form,
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ inserted: 1 });
    expect((await batches()).at(-1)).toMatchObject({ fileName: 'acled.csv', format: 'acled', inserted: 1 });
  });
  it('imports the native format', async () => {
    const csv = [
      'sourceId,occurredAt,country,lat,lon,eventType,subEventType,group,killed,injured,killed_security,crossBorder,sources,notes',
      'n1,2024-11-02T08:15:00+05:00,PK,33.0,70.07,Battles,Armed clash,TTP,4,2,3,false,Dawn | https://example.org/a,Attack on a post',
      'n2,2024-11-03,Tajikistan,37.3,68.7,Violence against civilians,Attack,Jamaat Ansarullah,1,4,,yes,,Chinese workers attacked',
    ].join('\n');
    const [status, body] = await run(csv, 'format=native');
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.inserted).toBe(2);
    const [bad, errs] = await run(
      'sourceId,occurredAt,country,lat,lon,eventType,subEventType,group,colour\nx,2024-01-01,PK,1,1,Battles,Armed clash,ttp,red\n',
      'format=native',
    );
    expect(bad).toBe(422);
    expect(errs.errors[0]).toMatchObject({ row: 1, column: 'colour' });
    const [bad2, errs2] = await run(
      'sourceId,occurredAt,country,lat,lon,eventType,subEventType,group,killed,killedSecurity\nx,2024-01-01,PK,1,1,Battles,Armed clash,ttp,1,5\n',
      'format=native',
    );
    expect(bad2).toBe(422);
    expect(errs2.errors[0]).toMatchObject({ row: 2, column: 'killedBy' });
  });
  it('401 without or with a bad token, 415, 400 for bad parameters, 413 past the limit', async () => {
    expect((await IMPORT(postCsv('/api/import', acledCsv(good())))).status).toBe(401);
    expect((await IMPORT(postCsv('/api/import', acledCsv(good()), 'fw_wrong'))).status).toBe(401);
    const json = new Request('http://127.0.0.1/api/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.analyst}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect((await IMPORT(json)).status).toBe(415);
    for (const q of ['format=xlsx', 'dryRun=maybe', 'sheet=1']) {
      const res = await IMPORT(postCsv(`/api/import?${q}`, acledCsv(good()), t.analyst));
      expect(res.status, q).toBe(400);
    }
    const huge = new Request('http://127.0.0.1/api/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.analyst}`, 'content-type': 'text/csv', 'content-length': String(300 * 1024 * 1024) },
      body: 'a',
    });
    expect((await IMPORT(huge)).status).toBe(413);
  });
});
