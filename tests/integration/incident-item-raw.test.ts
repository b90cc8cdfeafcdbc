// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transact } from '@/db/engine';
import { getIncident } from '@/db/queries/incidents';
import { incidentItemByIdRaw } from '@/db/queries/incident-rows';
import { batchingReads } from '@/db/pg/read-batch';
import { useTempDb, type TempDb } from '../support/api-db';
import { incidentBody, storeIncidents } from '../support/api-factory';

/** A write's answer is read raw (batched with its alert reads on PostgreSQL): it must be getIncident's item. */
describe('incidentItemByIdRaw', () => {
  let t: TempDb;
  let ids: number[];
  beforeAll(async () => {
    t = await useTempDb();
    ids = await storeIncidents(t.store, [
      incidentBody({ killed: 3, injured: null, notes: 'with notes' }),
      incidentBody({ occurredAt: '2024-12-14', killed: null, group: 'bla', country: 'PK' }),
    ]);
  });
  afterAll(() => t.cleanup());

  it('answers the item getIncident answers, alone and batched in a transaction', async () => {
    for (const id of ids) {
      const expected = await getIncident(t.store, id);
      expect(expected).not.toBeNull();
      expect(await incidentItemByIdRaw(t.store, id)).toEqual(expected);
      const [batched, again] = await transact(t.store, (tx) => {
        const view = batchingReads(tx);
        return Promise.all([incidentItemByIdRaw(view, id), incidentItemByIdRaw(view, id)]);
      });
      expect(batched).toEqual(expected);
      expect(again).toEqual(expected);
    }
    expect(await incidentItemByIdRaw(t.store, 999_999)).toBeNull();
  });
});
