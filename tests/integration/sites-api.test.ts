// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as listSitesRoute, POST as createSiteRoute } from '@/app/api/sites/route';
import { DELETE as deleteSiteRoute, PATCH as patchSiteRoute } from '@/app/api/sites/[id]/route';
import { createApiToken } from '@/db/services/tokens';
import { SEED_SITES } from '@/db/services/sites';
import { ctx, get, postJson, useTempDb, type TempDb } from '../support/api-db';

let t: TempDb;
let admin: string;
beforeAll(async () => {
  t = await useTempDb();
  admin = (await createApiToken(t.store, { name: 'test-admin', role: 'admin' })).token;
});
afterAll(() => t.cleanup());

async function json(res: Response) {
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
const site = { name: 'Khyber police lines', lat: 34.02, lon: 71.55, kind: 'military' };

describe('sites API', () => {
  it('every role reads the seeded sites, with the public landmarks flagged as examples', async () => {
    const list = await json(await listSitesRoute(get('/api/sites')));
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { name: string }) => s.name)).toEqual(SEED_SITES.map((s) => s.name));
    const examples = list.body.items.filter((s: { example: boolean }) => s.example).map((s: { name: string }) => s.name);
    expect(examples).toEqual(['Gwadar Port', 'Dasu hydropower project', 'Panji Poyon bridge']);
    expect((await listSitesRoute(new Request('http://127.0.0.1/api/sites'))).status).toBe(401);
  });

  it('only an admin writes: 401 without a principal, 403 for viewer and analyst', async () => {
    expect((await createSiteRoute(postJson('/api/sites', site))).status).toBe(401);
    expect((await createSiteRoute(postJson('/api/sites', site, t.viewer))).status).toBe(403);
    expect((await createSiteRoute(postJson('/api/sites', site, t.analyst))).status).toBe(403);
    expect((await patchSiteRoute(postJson('/api/sites/1', { name: 'x' }, t.analyst, 'PATCH'), ctx({ id: '1' }))).status).toBe(403);
    expect((await deleteSiteRoute(postJson('/api/sites/1', {}, t.analyst, 'DELETE'), ctx({ id: '1' }))).status).toBe(403);
  });

  it('rejects invalid sites with 400 and issues that name the field', async () => {
    const bad = await json(await createSiteRoute(postJson('/api/sites', { ...site, lat: 91, lon: 'x' }, admin)));
    expect(bad.status).toBe(400);
    const issues = bad.body.error.issues as { path: string; message: string }[];
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'lat', message: 'must be between -90 and 90' },
        expect.objectContaining({ path: 'lon', message: expect.stringMatching(/number/) }),
      ]),
    );
    const noName = await json(await createSiteRoute(postJson('/api/sites', { ...site, name: '  ' }, admin)));
    expect(noName.body.error.issues).toEqual([{ path: 'name', message: 'must not be empty' }]);
    const kind = await json(await createSiteRoute(postJson('/api/sites', { ...site, kind: 'embassy' }, admin)));
    expect(kind.body.error.issues[0].path).toBe('kind');
    expect((await createSiteRoute(postJson('/api/sites', { ...site, extra: 1 }, admin))).status).toBe(400);
  });

  it('an admin creates, edits and deletes a site; edits validate, unknown ids are 404', async () => {
    const created = await json(await createSiteRoute(postJson('/api/sites', site, admin)));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...site, example: false });
    const id = String(created.body.id);
    const patched = await json(
      await patchSiteRoute(postJson(`/api/sites/${id}`, { name: 'Khyber lines', lon: 71.56, notes: 'moved' }, admin, 'PATCH'), ctx({ id })),
    );
    expect(patched).toMatchObject({
      status: 200,
      body: { id: created.body.id, name: 'Khyber lines', lat: 34.02, lon: 71.56, notes: 'moved' },
    });
    const badPatch = await json(await patchSiteRoute(postJson(`/api/sites/${id}`, { lat: -100 }, admin, 'PATCH'), ctx({ id })));
    expect(badPatch.body.error.issues).toEqual([{ path: 'lat', message: 'must be between -90 and 90' }]);
    expect((await patchSiteRoute(postJson(`/api/sites/${id}`, {}, admin, 'PATCH'), ctx({ id }))).status).toBe(400);
    expect((await patchSiteRoute(postJson('/api/sites/99999', { name: 'x' }, admin, 'PATCH'), ctx({ id: '99999' }))).status).toBe(404);
    expect((await deleteSiteRoute(postJson(`/api/sites/${id}`, {}, admin, 'DELETE'), ctx({ id }))).status).toBe(204);
    expect((await deleteSiteRoute(postJson(`/api/sites/${id}`, {}, admin, 'DELETE'), ctx({ id }))).status).toBe(404);
    const list = await json(await listSitesRoute(get('/api/sites')));
    expect(list.body.items.map((s: { id: number }) => s.id)).not.toContain(created.body.id);
  });
});
