// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { reports, sources } from '@/db/schema';
import { GET as LIST, POST } from '@/app/api/reports/route';
import { GET as ONE } from '@/app/api/reports/[id]/route';
import { POST as POST_INCIDENT } from '@/app/api/incidents/route';
import type { ReportItem, ReportPage } from '@/lib/intake/report-types';
import { ingestReports } from '@/server/intake/ingest-reports';
import { LABELLED_REPORTS, type LabelledReport } from '../fixtures/intake/reports/index';
import { BASE, ctx, get, postJson, useTempDb, type TempDb } from '../support/api-db';

let t: TempDb;
const byId = new Map(LABELLED_REPORTS.map((r) => [r.id, r]));
const body = (r: LabelledReport, extra: Record<string, unknown> = {}) => ({
  title: r.title,
  text: r.text,
  publishedAt: r.publishedAt,
  sourceName: r.outlet,
  ...extra,
});
const list = async (query: string) => {
  const res = await LIST(get(`/api/reports${query}`));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ReportPage;
};
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; issues?: { path?: string }[] } }).error;
let feedSource: number;

beforeAll(async () => {
  t = await useTempDb();
  const now = Date.now();
  const [source] = await builder(t.store)
    .insert(sources)
    .values({ name: 'Dawn RSS', url: 'https://dawn.example/feed', createdAt: now, updatedAt: now })
    .returning({ id: sources.id });
  feedSource = source.id;
});
afterAll(() => t.cleanup());

describe('POST /api/reports', () => {
  it('stores a pasted report with its draft and answers 201 with a location', async () => {
    const res = await POST(postJson('/api/reports', body(byId.get('kp-05')!, { url: 'https://thenews.example/mir-ali' }), t.analyst));
    expect(res.status).toBe(201);
    const r = (await res.json()) as ReportItem;
    expect(res.headers.get('location')).toBe(`/api/reports/${r.id}`);
    expect(r).toMatchObject({ status: 'new', isIncident: true, sourceId: null, sourceName: 'The News', region: 'kp', duplicateOf: null });
    expect(r.draft).toMatchObject({ admin2: 'North Waziristan', group: 'hafiz-gul-bahadur', sources: ['https://thenews.example/mir-ali'] });
  });

  it('answers 200 with the stored report when the same URL is pasted again', async () => {
    const again = await POST(postJson('/api/reports', body(byId.get('kp-05')!, { url: 'https://thenews.example/mir-ali' }), t.analyst));
    expect(again.status).toBe(200);
    expect(((await again.json()) as ReportItem).id).toBe(1);
    expect((await list('?limit=0')).total).toBe(1);
  });

  it('names the field at fault and stores nothing for bad input', async () => {
    const cases: [unknown, string][] = [
      [{ title: 'no text' }, 'text'],
      [{ text: '   ' }, 'text'],
      [{ text: 'x'.repeat(50_001) }, 'text'],
      [{ text: 'ok', url: 'javascript:alert(1)' }, 'url'],
      [{ text: 'ok', publishedAt: 'yesterday' }, 'publishedAt'],
      [{ text: 'ok', title: 7 }, 'title'],
      [{ text: 'ok', status: 'accepted' }, 'status'],
    ];
    for (const [payload, field] of cases) {
      const res = await POST(postJson('/api/reports', payload, t.analyst));
      expect(res.status, JSON.stringify(payload).slice(0, 60)).toBe(400);
      expect((await errorOf(res)).issues?.map((i) => i.path ?? '')).toContain(field);
    }
    expect((await POST(postJson('/api/reports', 'not json', t.analyst))).status).toBe(400);
    expect((await list('?limit=0')).total).toBe(1);
  });

  it('needs the analyst role to write and a principal to read', async () => {
    expect((await POST(postJson('/api/reports', { text: 'x' }, t.viewer))).status).toBe(403);
    expect((await POST(postJson('/api/reports', { text: 'x' }))).status).toBe(401);
    expect((await LIST(new Request(`${BASE}/api/reports`))).status).toBe(401);
    expect((await ONE(new Request(`${BASE}/api/reports/1`), ctx({ id: '1' }))).status).toBe(401);
  });
});

describe('the same story from two outlets', () => {
  it('becomes two reports, the later one a duplicate of the first, both offered the same candidates', async () => {
    const incident = await POST_INCIDENT(
      postJson(
        '/api/incidents',
        {
          sourceId: 'datta-khel-ibo',
          occurredAt: '2025-10-11',
          country: 'PK',
          admin1: 'Khyber Pakhtunkhwa',
          admin2: 'North Waziristan',
          location: 'Datta Khel',
          lat: 32.9,
          lon: 69.8,
          eventType: 'Battles',
          subEventType: 'Armed clash',
          group: 'ttp',
          killed: 10,
        },
        t.analyst,
      ),
    );
    const incidentId = ((await incident.json()) as { id: number }).id;
    const first = (await (await POST(postJson('/api/reports', body(byId.get('kp-03')!), t.analyst))).json()) as ReportItem;
    const later = (await (await POST(postJson('/api/reports', body(byId.get('kp-04')!), t.analyst))).json()) as ReportItem;
    expect(later.duplicateOf).toBe(first.id);
    expect(first.duplicateOf).toBeNull();
    const stored = (await (await ONE(get(`/api/reports/${first.id}`), ctx({ id: String(first.id) }))).json()) as ReportItem;
    expect(later.candidates[0]?.incidentId).toBe(incidentId);
    expect(stored.candidates).toEqual(later.candidates);
    // A third account, already in a feed batch, points at the first too (not at the second).
    const { created } = await ingestReports(
      t.store,
      [
        {
          ...body(byId.get('kp-04')!),
          title: 'N. Waziristan IBO: two soldiers martyred',
          url: null,
          sourceId: feedSource,
          itemKey: 'guid-3',
        },
      ],
      { timeZone: 'Asia/Karachi', now: Date.now() },
    );
    const third = (await (await ONE(get(`/api/reports/${created[0]}`), ctx({ id: String(created[0]) }))).json()) as ReportItem;
    expect(third.duplicateOf).toBe(first.id);
  });
});

describe('GET /api/reports', () => {
  beforeAll(async () => {
    const items = ['bn-06', 'af-01', 'ni-01', 'kp-19'].map((id, i) => ({
      ...body(byId.get(id)!),
      url: `https://feed.example/${id}`,
      sourceId: feedSource,
      itemKey: `feed-${i}`,
    }));
    await ingestReports(t.store, items, { timeZone: 'Asia/Karachi', now: Date.now() });
    await builder(t.store).update(reports).set({ status: 'dismissed' }).where(eq(reports.url, 'https://feed.example/ni-01'));
  });

  it('lists newest first with the count of every match', async () => {
    const page = await list('');
    expect(page.total).toBe(8);
    expect(page.items.map((r) => r.id)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(page.nextCursor).toBeNull();
  });

  it('filters by status, source, region and words of the title or text', async () => {
    expect((await list('?status=dismissed')).items.map((r) => r.url)).toEqual(['https://feed.example/ni-01']);
    expect((await list('?status=new')).total).toBe(7);
    expect((await list(`?sourceId=${feedSource}`)).total).toBe(5);
    expect((await list('?region=balochistan')).items.map((r) => r.url)).toEqual(['https://feed.example/bn-06']);
    expect((await list('?region=barmal')).total).toBe(1);
    expect((await list('?region=none')).items.every((r) => r.region === null)).toBe(true);
    expect((await list('?q=Datta%20khel')).total).toBe(3);
    expect((await list('?q=datta%20quetta')).total).toBe(0);
    // Wildcards are searched as typed, not as patterns.
    expect((await list('?q=%25')).total).toBe(0);
    expect((await list('?q=_')).total).toBe(0);
  });

  it('limit=0 answers only the count (the navigation’s badge)', async () => {
    expect(await list('?status=new&limit=0')).toEqual({ items: [], total: 7, nextCursor: null });
  });

  it('pages with an opaque cursor that stays valid while reports arrive', async () => {
    const p1 = await list('?limit=3');
    expect(p1.items.map((r) => r.id)).toEqual([8, 7, 6]);
    await ingestReports(t.store, [{ ...body(byId.get('hc-03')!), url: null, sourceId: null, itemKey: null }], {
      timeZone: 'Asia/Karachi',
      now: Date.now(),
    });
    const p2 = await list(`?limit=3&cursor=${p1.nextCursor}`);
    expect(p2.items.map((r) => r.id)).toEqual([5, 4, 3]);
    expect(p2.total).toBe(9);
    const p3 = await list(`?limit=3&cursor=${p2.nextCursor}`);
    expect(p3.items.map((r) => r.id)).toEqual([2, 1]);
    expect(p3.nextCursor).toBeNull();
  });

  it('rejects bad parameters naming each', async () => {
    for (const [q, field] of [
      ['?status=open', 'status'],
      ['?region=punjab', 'region'],
      ['?limit=201', 'limit'],
      ['?limit=-1', 'limit'],
      ['?cursor=12', 'cursor'],
      ['?sourceId=abc', 'sourceId'],
      [`?q=${'x'.repeat(201)}`, 'q'],
      ['?colour=red', 'colour'],
    ]) {
      const res = await LIST(get(`/api/reports${q}`));
      expect(res.status, q).toBe(400);
      expect((await errorOf(res)).issues?.map((i) => i.path)).toContain(field);
    }
  });
});

describe('GET /api/reports/{id}', () => {
  it('answers the report, 404 for an unknown id and 400 for a malformed one', async () => {
    const res = await ONE(get('/api/reports/2'), ctx({ id: '2' }));
    expect(res.status).toBe(200);
    const r = (await res.json()) as ReportItem;
    expect(r.id).toBe(2);
    const analysed = `${r.title ?? ''}\n${r.text}`;
    for (const s of r.spans) expect(analysed.slice(s.start, s.end)).toBe(s.text);
    expect((await ONE(get('/api/reports/999'), ctx({ id: '999' }))).status).toBe(404);
    expect((await ONE(get('/api/reports/x'), ctx({ id: 'x' }))).status).toBe(400);
  });
});

describe('search (q) on the full-text index', () => {
  /** The meaning of `q`, spelled out: every word (letters and digits) starts a word of the title or the text, any case or accent. */
  const words = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const stored = () =>
    builder(t.store)
      .select({
        id: reports.id,
        title: reports.title,
        text: reports.text,
        status: reports.status,
        sourceId: reports.sourceId,
        region: reports.region,
      })
      .from(reports);
  async function expected(qs: string): Promise<number[]> {
    const p = new URLSearchParams(qs);
    const terms = words(p.get('q') ?? '');
    return (await stored())
      .filter((r) => {
        const have = words(`${r.title ?? ''} ${r.text}`);
        return (
          terms.length > 0 &&
          terms.every((w) => have.some((h) => h.startsWith(w))) &&
          (!p.get('status') || r.status === p.get('status')) &&
          (!p.get('sourceId') || r.sourceId === Number(p.get('sourceId'))) &&
          (!p.get('region') || r.region === p.get('region'))
        );
      })
      .map((r) => r.id)
      .sort((a, b) => b - a);
  }

  it('finds every report whose words start with the words searched, counts included', async () => {
    const queries = [
      'q=Datta%20khel',
      'q=martyred',
      'q=martyr',
      'q=martyred&status=new',
      'q=Waziristan&region=kp',
      'q=khawarij&sourceId=1',
      'q=datta%20quetta',
      'q=%25',
      'q=%22',
      'q=MARTYRED&limit=0',
    ];
    let found = 0;
    for (const qs of queries) {
      const page = await list(`?${qs}`);
      const want = await expected(qs);
      found += want.length;
      expect(page.total, qs).toBe(want.length);
      if (!qs.includes('limit=0'))
        expect(
          page.items.map((r) => r.id),
          qs,
        ).toEqual(want.slice(0, 50));
    }
    expect(found).toBeGreaterThan(5);
    // Reports stored later are found through the table's trigger.
    await POST(
      postJson('/api/reports', { title: 'Zhob clash', text: 'Security forces repulsed an infiltration bid in Sambaza.' }, t.analyst),
    );
    expect((await list('?q=sambaza')).total).toBe(1);
  });
});
