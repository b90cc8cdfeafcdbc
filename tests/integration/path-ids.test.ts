import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as incident from '@/app/api/incidents/[id]/route';
import { GET as history } from '@/app/api/incidents/[id]/history/route';
import * as rule from '@/app/api/alert-rules/[id]/route';
import { POST as testRule } from '@/app/api/alert-rules/[id]/test/route';
import { POST as acknowledge } from '@/app/api/alerts/[id]/acknowledge/route';
import { POST as resolve } from '@/app/api/alerts/[id]/resolve/route';
import { DELETE as deleteSite } from '@/app/api/sites/[id]/route';
import { createApiToken } from '@/db/services/tokens';
import { parsePathId } from '@/lib/validation/path-id';
import { ctx, get, postJson, useTempDb, type TempDb } from '../support/api-db';

let t: TempDb;
let admin: string;
beforeAll(async () => {
  t = await useTempDb();
  admin = (await createApiToken(t.store, { name: 'ids-admin', role: 'admin' })).token;
});
afterAll(() => t.cleanup());

type Handler = (req: Request, c: { params: Promise<{ id: string }> }) => Promise<Response>;
/** Every route with an `[id]` segment, each called as its role allows. */
const routes: [string, (id: string) => Request, Handler][] = [
  ['GET /api/incidents/{id}', (id) => get(`/api/incidents/${id}`), incident.GET],
  ['PATCH /api/incidents/{id}', (id) => postJson(`/api/incidents/${id}`, { notes: 'x' }, t.analyst, 'PATCH'), incident.PATCH],
  ['DELETE /api/incidents/{id}', (id) => postJson(`/api/incidents/${id}`, {}, t.analyst, 'DELETE'), incident.DELETE],
  ['GET /api/incidents/{id}/history', (id) => get(`/api/incidents/${id}/history`), history],
  ['GET /api/alert-rules/{id}', (id) => get(`/api/alert-rules/${id}`), rule.GET],
  ['PATCH /api/alert-rules/{id}', (id) => postJson(`/api/alert-rules/${id}`, { name: 'x' }, t.analyst, 'PATCH'), rule.PATCH],
  ['DELETE /api/alert-rules/{id}', (id) => postJson(`/api/alert-rules/${id}`, {}, t.analyst, 'DELETE'), rule.DELETE],
  ['POST /api/alert-rules/{id}/test', (id) => postJson(`/api/alert-rules/${id}/test`, {}, t.analyst), testRule],
  ['POST /api/alerts/{id}/acknowledge', (id) => postJson(`/api/alerts/${id}/acknowledge`, {}, t.analyst), acknowledge],
  ['POST /api/alerts/{id}/resolve', (id) => postJson(`/api/alerts/${id}/resolve`, {}, t.analyst), resolve],
  ['DELETE /api/sites/{id}', (id) => postJson(`/api/sites/${id}`, {}, admin, 'DELETE'), deleteSite],
];

describe('route ids', () => {
  it('parses one way: positive safe integers only', () => {
    expect(parsePathId('1')).toBe(1);
    expect(parsePathId('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    for (const bad of ['0', '-1', 'abc', '1.5', '1e3', '01', ' 1', '9007199254740992', '99999999999999999', ''])
      expect(() => parsePathId(bad), bad).toThrow(/positive integer/);
  });

  it.each(routes)('%s answers 400 naming id for a malformed id, 404 for an unknown one', async (_name, request, handler) => {
    for (const bad of ['abc', '0', '-3', '1.5', '99999999999999999']) {
      const res = await handler(request(bad), ctx({ id: bad }));
      expect(res.status, bad).toBe(400);
      const body = (await res.json()) as { error: { code: string; issues?: { path: string }[] } };
      expect(body.error.issues?.[0]?.path).toBe('id');
    }
    expect((await handler(request('987654'), ctx({ id: '987654' }))).status).toBe(404);
  });
});
