// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIncident, getIncidentsByIds, iterateIncidents } from '@/db/queries/incidents';
import { iterateExportChunks, type ExportFilter } from '@/db/queries/export';
import { incidentFilterSchema } from '@/lib/validation/incident-filter';
import { openTestStore, type TestStore } from '../support/engine';
import { incidentBody, storeIncidents } from '../support/api-factory';
import { collect } from '../support/collect';

/** The SQL readers of incidents (exports, write responses) answer the same on both engines. */
let t: TestStore;
let ids: number[];

const bodies = [
  incidentBody({ sourceId: 'r0', occurredAt: '2024-12-10T10:00:00Z', killed: 0, notes: 'Police checkpost attacked in Bannu.' }),
  incidentBody({
    sourceId: 'r1',
    occurredAt: '2024-12-12T10:00:00Z',
    killed: 12,
    group: 'bla',
    location: 'Quetta',
    admin1: 'Balochistan',
    admin2: 'Quetta',
    lat: 30.18,
    lon: 67.0,
  }),
  incidentBody({ sourceId: 'r2', occurredAt: '2024-12-12T10:00:00Z', killed: 5, notes: 'Frontier Corps convoy hit by an IED.' }),
  incidentBody({ sourceId: 'r3', occurredAt: '2024-12-14', killed: 1, eventType: 'Battles', subEventType: 'Armed clash' }),
  incidentBody({
    sourceId: 'r4',
    occurredAt: '2024-12-15T23:30:00Z',
    killed: null,
    crossBorder: true,
    notes: 'Kabul-bound trucks halted at Torkham.',
  }),
];

beforeAll(async () => {
  t = await openTestStore({ timeZone: 'Asia/Karachi' });
  ids = await storeIncidents(t.store, bodies);
});
afterAll(async () => {
  await t.close();
});

const sourceIds = async (filter: ExportFilter, chunk = 2) =>
  (await collect(iterateIncidents(t.store, filter, chunk))).map((i) => i.sourceId);
const parse = (q: Record<string, string>): ExportFilter => {
  const { limit: _l, cursor: _c, ...f } = incidentFilterSchema.parse(q);
  return f;
};

describe('incident readers', () => {
  it('iterateIncidents walks every row newest first (ties by id), in keyset chunks of any size', async () => {
    for (const chunk of [1, 2, 5, 2000]) expect(await sourceIds({}, chunk)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
  });

  it.each<[Record<string, string>, string[]]>([
    [{ type: 'Battles' }, ['r3']],
    [{ minKilled: '5' }, ['r2', 'r1']],
    [{ group: 'bla' }, ['r1']],
    [{ region: 'balochistan' }, ['r1']],
    // Calendar dates are local days in Asia/Karachi: 23:30 UTC on the 15th is the 16th there.
    [{ from: '2024-12-12', to: '2024-12-15' }, ['r3', 'r2', 'r1']],
    [{ q: 'convoy' }, ['r2']],
    [{ q: 'police check' }, ['r0']],
    [{ q: 'torkh' }, ['r4']],
    [{ q: 'quetta' }, ['r1']],
    [{ q: "'&|!:( )" }, []],
  ])('filters like the list: %j', async (q, expected) => {
    expect(await sourceIds(parse(q))).toEqual(expected);
  });

  it('the export reads the same rows in chunks, with their ACLED extras', async () => {
    const chunks = await collect(iterateExportChunks(t.store, {}, 2));
    expect(chunks.map((c) => c.length)).toEqual([2, 2, 1]);
    expect(chunks.flat().map((c) => [c.item.sourceId, c.acledExtra])).toEqual(['r4', 'r3', 'r2', 'r1', 'r0'].map((s) => [s, null]));
  });

  it('getIncident and getIncidentsByIds read whole items in the given order, skipping missing ids', async () => {
    const one = await getIncident(t.store, ids[4]);
    expect(one).toMatchObject({ sourceId: 'r4', crossBorder: true, killed: null, group: 'ttp', groupName: 'Tehrik-i-Taliban Pakistan' });
    expect(await getIncident(t.store, 987_654)).toBeNull();
    const many = await getIncidentsByIds(t.store, [ids[2], 987_654, ids[0]]);
    expect(many.map((i) => i.sourceId)).toEqual(['r2', 'r0']);
    expect(await getIncidentsByIds(t.store, [])).toEqual([]);
  });
});
