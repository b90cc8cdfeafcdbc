// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/incidents/route';
import { get, useTempDb, type TempDb } from '../support/api-db';
import { incidentBody, storeIncidents } from '../support/api-factory';

let t: TempDb;

async function ids(query: string): Promise<string[]> {
  const res = await GET(get(`/api/incidents?${query}`));
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { items: { sourceId: string }[]; total: number };
  expect(body.total).toBe(body.items.length);
  return body.items.map((i) => i.sourceId).sort();
}

beforeAll(async () => {
  t = await useTempDb({ timeZone: 'Asia/Karachi' });
  await storeIncidents(t.store, [
    // 20:30Z on the 15th is 01:30 on the 16th in Karachi.
    incidentBody({ sourceId: 'A', occurredAt: '2024-12-15T20:30:00Z', group: 'ttp', killed: 2, notes: 'Roadside bomb hit a police van.' }),
    incidentBody({
      sourceId: 'B',
      occurredAt: '2024-12-15T10:00:00Z',
      group: 'BLA: Balochistan Liberation Army',
      eventType: 'Battles',
      subEventType: 'Armed clash',
      admin1: 'Balochistan',
      admin2: 'Quetta',
      location: 'Quetta',
      lat: 30.18,
      lon: 66.99,
      killed: 10,
      notes: 'Checkpoint attack repulsed.',
    }),
    incidentBody({
      sourceId: 'C',
      occurredAt: '2024-12-14',
      group: 'Unidentified Armed Group (Pakistan)',
      subEventType: 'Suicide bomb',
      admin1: 'Punjab',
      admin2: 'Lahore',
      location: 'Lahore',
      lat: 31.55,
      lon: 74.34,
      killed: 0,
      notes: 'Failed attempt near a market.',
    }),
    incidentBody({
      sourceId: 'D',
      occurredAt: '2024-10-01',
      country: 'TJ',
      admin1: 'Khatlon',
      admin2: null,
      location: 'Shamsiddin Shohin',
      lat: 37.3,
      lon: 68.7,
      group: 'Jamaat Ansarullah',
      eventType: 'Violence against civilians',
      subEventType: 'Attack',
      killed: 1,
      injured: 4,
      target: 'foreign-nationals',
      crossBorder: true,
      notes: 'Armed men crossed from Afghanistan and attacked Chinese mining personnel.',
    }),
  ]);
});
afterAll(() => t.cleanup());

describe('GET /api/incidents filters', () => {
  it('returns everything newest first without filters', async () => {
    const res = await GET(get('/api/incidents'));
    const body = (await res.json()) as { items: { sourceId: string }[]; total: number; nextCursor: string | null };
    expect(body.items.map((i) => i.sourceId)).toEqual(['A', 'B', 'C', 'D']);
    expect(body).toMatchObject({ total: 4, nextCursor: null });
  });
  it('from/to dates are local days in Asia/Karachi', async () => {
    expect(await ids('from=2024-12-16')).toEqual(['A']);
    expect(await ids('to=2024-12-15')).toEqual(['B', 'C', 'D']);
    expect(await ids('from=2024-12-15&to=2024-12-15')).toEqual(['B']);
    expect(await ids('from=2024-12-14&to=2024-12-14')).toEqual(['C']);
  });
  it('from/to instants compare the UTC instant', async () => {
    expect(await ids('from=2024-12-15T12:00:00Z')).toEqual(['A']);
    expect(await ids('to=2024-12-15T10:00:00Z')).toEqual(['B', 'C', 'D']);
    expect(await ids('from=2024-12-16T01:00:00%2B05:00&to=2024-12-16T02:00:00%2B05:00')).toEqual(['A']);
  });
  it('group (one or many, by slug)', async () => {
    expect(await ids('group=ttp')).toEqual(['A']);
    expect(await ids('group=ttp,bla')).toEqual(['A', 'B']);
    expect(await ids('group=unknown')).toEqual(['C']);
    expect(await ids('group=jamaat-ansarullah')).toEqual(['D']);
  });
  it('region including none', async () => {
    expect(await ids('region=kp')).toEqual(['A']);
    expect(await ids('region=none')).toEqual(['C']);
    expect(await ids('region=kp,none')).toEqual(['A', 'C']);
    expect(await ids('region=tajikistan')).toEqual(['D']);
    expect(await ids('region=balochistan&region=tajikistan')).toEqual(['B', 'D']);
  });
  it('type matches event or sub-event type', async () => {
    expect(await ids('type=Battles')).toEqual(['B']);
    expect(await ids('type=Suicide%20bomb')).toEqual(['C']);
    expect(await ids('type=Battles,Suicide%20bomb')).toEqual(['B', 'C']);
    expect(await ids('type=Explosions/Remote%20violence')).toEqual(['A', 'C']);
    expect(await ids('type=suicide%20BOMB,battles')).toEqual(['B', 'C']);
  });
  it('minKilled', async () => {
    expect(await ids('minKilled=2')).toEqual(['A', 'B']);
    expect(await ids('minKilled=0')).toEqual(['A', 'B', 'C', 'D']);
  });
  it('q searches location, notes and actors', async () => {
    expect(await ids('q=police')).toEqual(['A']);
    expect(await ids('q=quetta')).toEqual(['B']);
    expect(await ids('q=chinese%20mining')).toEqual(['D']);
    expect(await ids('q=ansarullah')).toEqual(['D']);
    expect(await ids('q=%22police%22%20OR%20NEAR(x)')).toEqual([]);
    expect(await ids('q=%2A%2A')).toEqual([]);
  });
  it('bbox west,south,east,north', async () => {
    expect(await ids('bbox=60,25,70,31')).toEqual(['B']);
    expect(await ids('bbox=60,25,80,40')).toEqual(['A', 'B', 'C', 'D']);
  });
  it('combines filters with AND', async () => {
    expect(await ids('group=ttp,bla&minKilled=5')).toEqual(['B']);
    expect(await ids('region=kp,balochistan&from=2024-12-16')).toEqual(['A']);
    expect(await ids('type=Explosions/Remote%20violence&region=none&q=market')).toEqual(['C']);
    expect(await ids('from=2024-12-01&to=2024-12-31&bbox=60,25,80,40&minKilled=1&group=ttp,bla,unknown')).toEqual(['A', 'B']);
  });
});

describe('GET /api/incidents bad parameters', () => {
  const cases: [string, string][] = [
    ['from=yesterday', 'from'],
    ['to=2024-13-01', 'to'],
    ['region=punjab', 'region'],
    ['minKilled=-1', 'minKilled'],
    ['minKilled=abc', 'minKilled'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=80,0,70,10', 'bbox'],
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['cursor=abc', 'cursor'],
    [`q=${'x'.repeat(201)}`, 'q'],
    ['colour=red', 'colour'],
  ];
  it.each(cases)('%s → 400 naming %s', async (query, field) => {
    const res = await GET(get(`/api/incidents?${query}`));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.issues.map((i) => i.path)).toContain(field);
  });
  it("facets=true adds the filter's facets to the page (same counts as /facets)", async () => {
    const { GET: FACETS } = await import('@/app/api/incidents/facets/route');
    const res = await GET(get('/api/incidents?facets=true&region=kp,balochistan&limit=1'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: unknown[]; total: number; facets: { total: number } };
    expect(body.items).toHaveLength(1);
    expect(body.facets).toEqual(await (await FACETS(get('/api/incidents/facets?region=kp,balochistan'))).json());
    expect(body.facets.total).toBe(body.total);
    expect('facets' in ((await (await GET(get('/api/incidents?facets=false'))).json()) as object)).toBe(false);
    const bad = await GET(get('/api/incidents?facets=maybe'));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/facets must be true or false/);
  });
});
