// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { POST as IMPORT } from '@/app/api/import/route';
import { POST } from '@/app/api/incidents/route';
import { PATCH } from '@/app/api/incidents/[id]/route';
import { ctx, postCsv, postJson, useTempDb, type TempDb } from '../support/api-db';
import { acledCsv, acledRow } from '../support/api-acled';
import { incidentBody } from '../support/api-factory';

let t: TempDb;
beforeAll(async () => {
  t = await useTempDb();
});
afterAll(() => t.cleanup());

const not500 = (res: Response, what: string) => expect(res.status < 500, `${res.status} for ${what}`).toBe(true);

describe('no input produces a 500', () => {
  it('POST /api/incidents with arbitrary JSON and mutated valid bodies', async () => {
    const field = fc.constantFrom(
      ...Object.keys(incidentBody()),
      'killedBy',
      'injuredBy',
      'crossBorder',
      'timePrecision',
      'target',
      'claimStatus',
      'verification',
    );
    const anyValue = fc.oneof(
      fc.jsonValue(),
      fc.string({ maxLength: 30 }),
      fc.double(),
      fc.constantFrom(-1, 1e308, 0.5, '', '2024-02-30', 'Suicide bomb', 'Battles', 'XX'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => ({ raw: v })),
          fc.dictionary(field, anyValue, { maxKeys: 4 }),
        ),
        async (mut) => {
          const body = 'raw' in mut ? mut.raw : { ...incidentBody(), ...mut };
          const res = await POST(postJson('/api/incidents', JSON.stringify(body) ?? 'null', t.analyst));
          not500(res, JSON.stringify(body));
          if (res.status === 201 || res.status === 200) {
            const { id } = (await res.json()) as { id: number };
            const patched = await PATCH(postJson(`/api/incidents/${id}`, mut, t.analyst, 'PATCH'), ctx({ id: String(id) }));
            not500(patched, `PATCH ${JSON.stringify(mut)}`);
          }
        },
      ),
      { numRuns: 120 },
    );
  });
  it('POST /api/import with arbitrary and mutated CSV', async () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('"', '""', '\r\n', ',', '=1+1', '15 December 2024', 'NaN', '-0', 'Unidentified Armed Group (X)', '\uFEFF'),
    );
    const mutatedRow = fc.dictionary(
      fc.constantFrom(
        'event_id_cnty',
        'event_date',
        'time_precision',
        'actor1',
        'actor2',
        'sub_event_type',
        'event_type',
        'iso',
        'country',
        'latitude',
        'longitude',
        'fatalities',
        'source',
        'inter1',
        'admin1',
      ),
      cell,
      { maxKeys: 3 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc
            .array(mutatedRow, { minLength: 1, maxLength: 3 })
            .map((rows) => acledCsv(rows.map((r, i) => acledRow({ event_id_cnty: `F${i}`, ...r })))),
        ),
        fc.constantFrom('acled', 'native'),
        async (csv, format) => {
          const res = await IMPORT(postCsv(`/api/import?format=${format}&dryRun=true`, csv, t.analyst));
          not500(res, JSON.stringify(csv).slice(0, 300));
        },
      ),
      { numRuns: 120 },
    );
  });
});
