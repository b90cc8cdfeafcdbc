// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count as countRows, eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { GET as LIST, POST } from '@/app/api/incidents/route';
import { DELETE, GET as ONE, PATCH } from '@/app/api/incidents/[id]/route';
import { events, incidents } from '@/db/schema';
import { createApiToken, revokeApiToken } from '@/db/services/tokens';
import { ctx, get, postJson, useTempDb, type TempDb } from '../support/api-db';
import { incidentBody } from '../support/api-factory';

let t: TempDb;
const count = async () => (await builder(t.store).select({ n: countRows() }).from(incidents))[0];
/** The outbox actions about one incident, oldest first. */
const outboxActions = async (id: number) =>
  (await builder(t.store).select().from(events).where(eq(events.refId, id)).orderBy(asc(events.seq))).map((e) => e.action);

beforeAll(async () => {
  t = await useTempDb();
});
afterAll(() => t.cleanup());

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string; issues?: { path?: string }[] } }).error;
}

describe('POST /api/incidents', () => {
  it('stores an incident and returns it with 201', async () => {
    const res = await POST(
      postJson('/api/incidents', incidentBody({ sourceId: 'p1', group: 'TTP: Tehrik-i-Taliban Pakistan' }), t.analyst),
    );
    expect(res.status).toBe(201);
    const item = (await res.json()) as Record<string, unknown> & { id: number };
    expect(item).toMatchObject({
      sourceId: 'p1',
      group: 'ttp',
      groupName: 'Tehrik-i-Taliban Pakistan',
      region: 'kp',
      occurredDate: '2024-12-15',
      killed: 2,
      injured: 3,
      sources: ['Dawn'],
    });
    const again = await ONE(get(`/api/incidents/${item.id}`), ctx({ id: String(item.id) }));
    // The single GET adds the incident's reports and claims ledger (none for an API post).
    expect(await again.json()).toEqual({ ...item, sourceRecords: [], claims: [] });
    expect(await outboxActions(item.id)).toEqual(['created']);
  });
  it('is idempotent on source + sourceId (200, no new row)', async () => {
    const before = (await count()).n;
    const res = await POST(postJson('/api/incidents', incidentBody({ sourceId: 'p1', group: 'ttp' }), t.analyst));
    expect(res.status).toBe(200);
    expect((await count()).n).toBe(before);
  });
  it('generates a sourceId when none is given', async () => {
    const { sourceId: _drop, ...body } = incidentBody();
    const res = await POST(postJson('/api/incidents', body, t.analyst));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { sourceId: string }).sourceId).toMatch(/^api-/);
  });
  it('401 without a token, with a wrong token, with a revoked token; nothing written', async () => {
    const before = (await count()).n;
    const revoked = await createApiToken(t.store, { name: 'gone', role: 'analyst' });
    await revokeApiToken(t.store, revoked.id);
    for (const token of [undefined, 'fw_not-a-real-token', revoked.token]) {
      const res = await POST(postJson('/api/incidents', incidentBody(), token));
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe('unauthorized');
    }
    expect((await count()).n).toBe(before);
  });
  it('403 for a viewer token', async () => {
    expect((await POST(postJson('/api/incidents', incidentBody(), t.viewer))).status).toBe(403);
  });
  it('400 for malformed JSON', async () => {
    const res = await POST(postJson('/api/incidents', '{"lat": 3', t.analyst));
    expect(res.status).toBe(400);
  });
  it('400 naming unknown and invalid fields', async () => {
    let res = await POST(postJson('/api/incidents', incidentBody({ colour: 'red' }), t.analyst));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await errorOf(res))).toContain('colour');
    res = await POST(postJson('/api/incidents', incidentBody({ lat: 123, subEventType: 'Picnic' }), t.analyst));
    const err = await errorOf(res);
    expect(res.status).toBe(400);
    expect(err.issues!.map((i) => i.path)).toEqual(expect.arrayContaining(['lat', 'subEventType']));
    res = await POST(postJson('/api/incidents', [1, 2], t.analyst));
    expect(res.status).toBe(400);
  });
  it('413 over 1 MB, 415 for non-JSON', async () => {
    const big = incidentBody({ notes: 'x'.repeat(1024 * 1024 + 10) });
    expect((await POST(postJson('/api/incidents', big, t.analyst))).status).toBe(413);
    const req = new Request('http://127.0.0.1/api/incidents', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.analyst}`, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect((await POST(req)).status).toBe(415);
  });
});

describe('GET/PATCH/DELETE /api/incidents/{id}', () => {
  it('404 for a missing id, 400 for a non-integer id', async () => {
    expect((await ONE(get('/api/incidents/999999'), ctx({ id: '999999' }))).status).toBe(404);
    for (const id of ['abc', '1.5', '-1', '0', '1e3', '99999999999999999999']) {
      const res = await ONE(get(`/api/incidents/${id}`), ctx({ id }));
      expect(res.status, id).toBe(400);
      expect((await errorOf(res)).issues![0].path).toBe('id');
    }
  });
  it('PATCH changes only the given fields and records an update', async () => {
    const created = (await (await POST(postJson('/api/incidents', incidentBody({ sourceId: 'patch-me' }), t.analyst))).json()) as {
      id: number;
    };
    const id = String(created.id);
    expect((await PATCH(postJson(`/api/incidents/${id}`, { killed: 7 }, undefined, 'PATCH'), ctx({ id }))).status).toBe(401);
    const res = await PATCH(postJson(`/api/incidents/${id}`, { killed: 7, verification: 'confirmed' }, t.analyst, 'PATCH'), ctx({ id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: created.id, killed: 7, injured: 3, verification: 'confirmed', group: 'ttp' });
    const bad = await PATCH(postJson(`/api/incidents/${id}`, { killed: -1 }, t.analyst, 'PATCH'), ctx({ id }));
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues![0].path).toBe('killed');
    expect((await PATCH(postJson(`/api/incidents/${id}`, { sourceId: 'x' }, t.analyst, 'PATCH'), ctx({ id }))).status).toBe(400);
    expect((await PATCH(postJson('/api/incidents/999999', { killed: 1 }, t.analyst, 'PATCH'), ctx({ id: '999999' }))).status).toBe(404);
    expect(await outboxActions(created.id)).toEqual(['created', 'updated']);
  });
  it('DELETE removes the incident and appends a deleted event', async () => {
    const created = (await (await POST(postJson('/api/incidents', incidentBody(), t.analyst))).json()) as { id: number };
    const id = String(created.id);
    const del = (token?: string) =>
      DELETE(
        new Request(`http://127.0.0.1/api/incidents/${id}`, {
          method: 'DELETE',
          headers: token ? { authorization: `Bearer ${token}` } : {},
        }),
        ctx({ id }),
      );
    expect((await del()).status).toBe(401);
    expect((await del(t.analyst)).status).toBe(204);
    expect((await del(t.analyst)).status).toBe(404);
    expect(await builder(t.store).select().from(incidents).where(eq(incidents.id, created.id))).toHaveLength(0);
    expect(await outboxActions(created.id)).toContain('deleted');
    expect((await LIST(get('/api/incidents?limit=1000'))).status).toBe(200);
  });
});
