// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { closeStore, openStore, type Store } from '@/db/store';
import { events, groups, incidents } from '@/db/schema';
import { deleteIncident, patchIncident, saveIncident } from '@/db/services/incident-writes';
import { incidentInputSchema } from '@/lib/incidents/input';
import { openTestStore, type TestStore } from '../support/engine';
import { incidentBody, storeIncidents } from '../support/api-factory';

/**
 * Writers racing on one incident, as several app instances do on PostgreSQL (each its own pool
 * on the same database): the upsert on (source, source_id) must neither lose nor duplicate the
 * row, and the outbox must say what happened exactly once. On SQLite the same calls run one after
 * another under the write lock and must give the same answers.
 */
const TZ = 'Asia/Karachi';
const N = 8;
let t: TestStore;
let instances: Store[];

beforeAll(async () => {
  t = await openTestStore({ timeZone: TZ });
  instances = t.engine === 'postgres' ? [0, 1, 2].map(() => openStore(t.target, { poolMax: 3 })) : [t.store];
});
afterAll(async () => {
  if (t.engine === 'postgres') await Promise.all(instances.map((s) => closeStore(s)));
  await t.close();
});

const on = (i: number) => instances[i % instances.length];
const input = (over: Record<string, unknown>) => incidentInputSchema.parse(incidentBody(over));
const rowsOf = (sourceId: string) =>
  builder(t.store)
    .select({ id: incidents.id, killed: incidents.killed })
    .from(incidents)
    .where(and(eq(incidents.source, 'api'), eq(incidents.sourceId, sourceId)));
const actionsOf = async (id: number) =>
  (await builder(t.store).select().from(events).where(eq(events.refId, id)).orderBy(asc(events.seq))).map((e) => e.action);

describe('concurrent incident writes', () => {
  it(`${N} saves of one (source, sourceId) at once: one row, one 201, one 'created' event`, async () => {
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) => saveIncident(on(i), input({ sourceId: 'race-1' }), { timeZone: TZ })),
    );
    const rows = await rowsOf('race-1');
    expect(rows).toHaveLength(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.item.id))).toEqual(new Set([rows[0].id]));
    expect(await actionsOf(rows[0].id)).toEqual(['created']);
  });

  it(`${N} identical changes at once: the row changes once, one 'updated' event`, async () => {
    const [{ id }] = await rowsOf('race-1');
    await Promise.all(Array.from({ length: N }, (_, i) => saveIncident(on(i), input({ sourceId: 'race-1', killed: 9 }), { timeZone: TZ })));
    expect(await rowsOf('race-1')).toEqual([{ id, killed: 9 }]);
    expect(await actionsOf(id)).toEqual(['created', 'updated']);
  });

  it('different changes at once: every one is applied in turn, each with its event', async () => {
    const [{ id }] = await rowsOf('race-1');
    await Promise.all(
      Array.from({ length: N }, (_, i) => saveIncident(on(i), input({ sourceId: 'race-1', killed: 100 + i }), { timeZone: TZ })),
    );
    const [row] = await rowsOf('race-1');
    expect(row.killed).toBeGreaterThanOrEqual(100);
    expect(await actionsOf(id)).toEqual(['created', 'updated', ...Array<string>(N).fill('updated')]);
  });

  it('batches racing over the same new rows leave one copy of each', async () => {
    const bodies = Array.from({ length: 30 }, (_, i) => incidentBody({ sourceId: `batch-${i}`, source: 'api' }));
    await Promise.all(Array.from({ length: 4 }, (_, i) => storeIncidents(on(i), bodies)));
    for (const i of [0, 17, 29]) {
      const rows = await rowsOf(`batch-${i}`);
      expect(rows).toHaveLength(1);
      expect(await actionsOf(rows[0].id)).toEqual(['created']);
    }
  });

  it('a batch naming one incident twice inserts it, then updates it', async () => {
    const ids = await storeIncidents(t.store, [
      incidentBody({ sourceId: 'twice', killed: 1 }),
      incidentBody({ sourceId: 'twice', killed: 2 }),
      incidentBody({ sourceId: 'twice', killed: 2 }),
    ]);
    const rows = await rowsOf('twice');
    expect(rows).toEqual([{ id: rows[0].id, killed: 2 }]);
    expect(ids).toEqual([rows[0].id, rows[0].id]);
    expect(await actionsOf(rows[0].id)).toEqual(['created', 'updated']);
  });

  it('PATCHes at once each merge onto the row the one before left', async () => {
    const [{ id }] = await rowsOf('batch-0');
    await Promise.all([
      patchIncident(on(0), id, { killed: 31 }, { timeZone: TZ }),
      patchIncident(on(1), id, { injured: 32 }, { timeZone: TZ }),
      patchIncident(on(2), id, { notes: 'both' }, { timeZone: TZ }),
    ]);
    const [row] = await builder(t.store).select().from(incidents).where(eq(incidents.id, id));
    expect(row).toMatchObject({ killed: 31, injured: 32, notes: 'both' });
  });

  it('a group another instance adds after this one built its group matcher is matched by the next write', async () => {
    // 'ZFX: Tehrik-i-Taliban Pakistan' names TTP by its full name until a group with the
    // abbreviation ZFX exists; then the abbreviation wins (lib/taxonomy/groups.ts).
    const actor = 'ZFX: Tehrik-i-Taliban Pakistan';
    expect((await saveIncident(on(0), input({ sourceId: 'grp-1', group: actor }), { timeZone: TZ })).item.group).toBe('ttp');
    await builder(t.store).insert(groups).values({ id: 'zfx-front', name: 'Zfx Front', abbreviation: 'ZFX', colour: '#123456' });
    const { item } = await saveIncident(on(1), input({ sourceId: 'grp-2', group: actor }), { timeZone: TZ });
    expect(item.group).toBe('zfx-front');
    expect(item.groupName).toBe('Zfx Front');
  });

  it(`${N} deletes of one incident at once: one succeeds, one 'deleted' event`, async () => {
    const [{ id }] = await rowsOf('batch-1');
    const gone = await Promise.all(Array.from({ length: N }, (_, i) => deleteIncident(on(i), id)));
    expect(gone.filter(Boolean)).toHaveLength(1);
    expect(await rowsOf('batch-1')).toEqual([]);
    expect(await actionsOf(id)).toEqual(['created', 'deleted']);
  });
});
