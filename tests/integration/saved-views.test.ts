// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { auditLog } from '@/db/schema';
import { createApiToken } from '@/db/services/tokens';
import { readView, startView } from '@/db/services/saved-views';
import { GET as listRoute, POST as createRoute } from '@/app/api/views/route';
import { DELETE as deleteRoute } from '@/app/api/views/[id]/route';
import { PUT as startRoute } from '@/app/api/views/start/route';
import { ctx, get, postJson, useTempDb, type TempDb } from '../support/api-db';

let t: TempDb;
let admin: string;
let analystId: string;
beforeAll(async () => {
  t = await useTempDb();
  admin = (await createApiToken(t.store, { name: 'views-admin', role: 'admin' })).token;
  // The analyst token useTempDb made is the first one: its principal id is token:1.
  analystId = 'token:1';
});
afterAll(() => t.cleanup());

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const view = (over: Record<string, unknown> = {}) => ({
  name: 'TTP in KP',
  query: 'group=ttp&region=kp&mode=heat',
  map: { lat: 33.2, lon: 70.9, zoom: 7 },
  ...over,
});
async function json(res: Response) {
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
const list = async (token: string) => (await json(await listRoute(get('/api/views', auth(token))))).body.items as Record<string, any>[];

describe('saved views API', () => {
  let mineId: number;
  it('saves a view for the caller (201) with the query normalised and the map position', async () => {
    const res = await json(
      await createRoute(postJson('/api/views', view({ query: '?group=ttp&region=kp&mode=heat&incident=4&view=9' }), t.analyst)),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'TTP in KP', query: 'group=ttp&region=kp&mode=heat', map: { lat: 33.2, lon: 70.9, zoom: 7 } });
    expect(res.body).toMatchObject({ shared: false, mine: true, start: false });
    mineId = res.body.id;
    const [row] = await builder(t.store)
      .select({ actor: auditLog.actor })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'view'), eq(auditLog.entityId, String(mineId))));
    expect(row.actor).toBe(analystId);
  });

  it('refuses bad input with a 400 that names the field, and a taken name with 409', async () => {
    const bad = async (body: unknown) => json(await createRoute(postJson('/api/views', body, t.analyst)));
    expect((await bad(view({ query: 'from=2024-13-45' }))).body.error.message).toMatch(/from/);
    expect((await bad(view({ name: '  ' }))).body.error.issues[0].path).toBe('name');
    expect((await bad(view({ name: 'a\nb' }))).status).toBe(400);
    expect((await bad(view({ map: { lat: 91, lon: 70, zoom: 7 } }))).body.error.issues[0].path).toBe('map.lat');
    expect((await bad(view({ map: { lat: 30, lon: 70, zoom: 7.5 } }))).status).toBe(400);
    expect((await bad(view({ extra: 1 }))).status).toBe(400);
    expect((await bad(view({ query: 'q=' + 'x'.repeat(2100) }))).status).toBe(400);
    const dup = await bad(view());
    expect(dup.status).toBe(409);
    expect(dup.body.error.issues[0].path).toBe('name');
  });

  it('needs a principal; only an admin may share', async () => {
    expect((await createRoute(postJson('/api/views', view({ name: 'x' })))).status).toBe(401);
    expect((await createRoute(postJson('/api/views', view({ name: 'x', shared: true }), t.analyst))).status).toBe(403);
    const shared = await json(
      await createRoute(postJson('/api/views', view({ name: 'Balochistan watch', query: 'region=balochistan', shared: true }), admin)),
    );
    expect(shared.status).toBe(201);
    expect(shared.body.shared).toBe(true);
  });

  it('lists the caller’s own views first, then shared ones; never another’s private view', async () => {
    await json(await createRoute(postJson('/api/views', view({ name: 'Admin private' }), admin)));
    const forAnalyst = await list(t.analyst);
    expect(forAnalyst.map((v) => [v.name, v.mine])).toEqual([
      ['TTP in KP', true],
      ['Balochistan watch', false],
    ]);
    const forViewer = await list(t.viewer);
    expect(forViewer.map((v) => v.name)).toEqual(['Balochistan watch']);
    expect(await readView(t.store, mineId, 'token:2')).toBeNull();
  });

  it('sets and clears the start page; only a readable view can be one', async () => {
    const set = await json(await startRoute(postJson('/api/views/start', { id: mineId }, t.analyst, 'PUT')));
    expect(set.status).toBe(200);
    expect(set.body.start).toMatchObject({ id: mineId, start: true });
    expect((await list(t.analyst)).find((v) => v.id === mineId)?.start).toBe(true);
    expect((await startView(t.store, analystId))?.id).toBe(mineId);
    expect((await startRoute(postJson('/api/views/start', { id: mineId }, t.viewer, 'PUT'))).status).toBe(404);
    expect((await startRoute(postJson('/api/views/start', { id: 'x' }, t.viewer, 'PUT'))).status).toBe(400);
    const cleared = await json(await startRoute(postJson('/api/views/start', { id: null }, t.analyst, 'PUT')));
    expect(cleared.body.start).toBeNull();
    expect(await startView(t.store, analystId)).toBeNull();
  });

  it('deletes own views; an admin may delete a shared one; others get 404', async () => {
    await startRoute(postJson('/api/views/start', { id: mineId }, t.analyst, 'PUT'));
    const del = (id: number, token: string) => deleteRoute(postJson(`/api/views/${id}`, {}, token, 'DELETE'), ctx({ id: String(id) }));
    expect((await del(mineId, admin)).status).toBe(404);
    expect((await del(mineId, t.viewer)).status).toBe(404);
    expect((await del(mineId, t.analyst)).status).toBe(204);
    expect((await del(mineId, t.analyst)).status).toBe(404);
    // Deleting the view took the start page with it.
    expect(await startView(t.store, analystId)).toBeNull();
    const shared = (await list(t.analyst)).find((v) => v.shared)!;
    expect((await del(shared.id, t.analyst)).status).toBe(404);
    expect((await del(shared.id, admin)).status).toBe(204);
    expect((await list(t.viewer)).length).toBe(0);
  });
});
