// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GET } from '@/app/api/incidents/route';
import { GET as EXPORT } from '@/app/api/incidents/export/route';
import { get, useTempDb, type TempDb } from '../support/api-db';
import { incidentBody, storeIncidents } from '../support/api-factory';

let t: TempDb;
interface Page {
  items: { id: number; occurredAt: string }[];
  total: number;
  nextCursor: string | null;
}

beforeAll(async () => {
  t = await useTempDb();
  // 150 incidents over 30 instants: many share an occurredAt, so the id tiebreak matters.
  await storeIncidents(
    t.store,
    Array.from({ length: 150 }, (_, i) =>
      incidentBody({ sourceId: `pg-${i}`, occurredAt: new Date(Date.UTC(2024, 0, 1 + (i % 30), 6)).toISOString(), killed: i % 5 }),
    ),
  );
});
afterAll(() => t.cleanup());

async function walk(query: string, limit: number, during?: (page: number) => Promise<unknown>): Promise<Page['items']> {
  const seen: Page['items'] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const res = await GET(get(`/api/incidents?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Page;
    seen.push(...body.items);
    await during?.(page);
    cursor = body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('cursor walk did not end');
}

describe('pagination', () => {
  it.each([1, 7, 50, 150, 1000])('limit=%i walks every row exactly once, newest first', async (limit) => {
    const items = await walk('minKilled=0', limit);
    expect(items).toHaveLength(150);
    expect(new Set(items.map((i) => i.id)).size).toBe(150);
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1], items[i]];
      expect(a.occurredAt > b.occurredAt || (a.occurredAt === b.occurredAt && a.id > b.id)).toBe(true);
    }
  });
  it('stays complete and duplicate-free while new rows arrive', async () => {
    const before = new Set((await walk('', 1000)).map((i) => i.id));
    let n = 0;
    const items = await walk('', 9, () =>
      storeIncidents(t.store, [
        incidentBody({ sourceId: `late-${n++}`, occurredAt: '2024-01-15T06:00:00Z' }),
        incidentBody({ sourceId: `late-${n++}`, occurredAt: '2025-06-01T00:00:00Z' }),
      ]),
    );
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of before) expect(ids).toContain(id);
  });
  it('total counts all matches regardless of cursor', async () => {
    const first = (await (await GET(get('/api/incidents?limit=5&minKilled=4'))).json()) as Page;
    const second = (await (await GET(get(`/api/incidents?limit=5&minKilled=4&cursor=${first.nextCursor}`))).json()) as Page;
    expect(first.total).toBe(30);
    expect(second.total).toBe(30);
  });
});

describe('no input produces a 500', () => {
  const key = fc.constantFrom('from', 'to', 'group', 'region', 'type', 'minKilled', 'q', 'bbox', 'limit', 'cursor', 'format', 'x');
  const value = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom(
      '2024-12-15',
      '2024-02-30',
      '2024-12-15T20:30:00Z',
      'kp,none',
      '60,25,80,40',
      '-1',
      '1e309',
      'NaN',
      '1_1',
      '9'.repeat(20) + '_1',
      'csv',
      'geojson',
      '"',
      'NEAR(a b)',
      'col:x',
    ),
  );
  const params = fc.array(fc.tuple(key, value), { maxLength: 5 });
  it('GET /api/incidents and the export answer 200 or 4xx for any query', async () => {
    await fc.assert(
      fc.asyncProperty(params, async (pairs) => {
        const qs = new URLSearchParams(pairs).toString();
        for (const handler of [GET, EXPORT]) {
          const res = await handler(get(`/api/incidents?${qs}`));
          await res.text();
          expect(res.status === 200 || (res.status >= 400 && res.status < 500), `${res.status} for ?${qs}`).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
