// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@/db/store';
import { listAudit } from '@/db/queries/audit';
import { auditFilterSchema } from '@/lib/validation/audit-filter';
import { authTempDb, mintToken, type AuthTempDb } from '../support/auth';

type Handler = (req: Request, ctx?: unknown) => Promise<Response>;
let t: AuthTempDb;
let db: Store;
let token: string;
const h: Record<string, Handler> = {};
const BASE = 'http://127.0.0.1';

beforeAll(async () => {
  t = await authTempDb();
  db = t.store;
  token = await mintToken(db, 'analyst');
  const list = await import('@/app/api/incidents/route');
  const one = await import('@/app/api/incidents/[id]/route');
  const history = await import('@/app/api/incidents/[id]/history/route');
  const imp = await import('@/app/api/import/route');
  Object.assign(h, { create: list.POST, patch: one.PATCH, remove: one.DELETE, history: history.GET, import: imp.POST });
});
afterAll(() => t.cleanup());

const send = (method: string, path: string, body?: string, type = 'application/json') =>
  new Request(`${BASE}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': type } : {}) }, body });
const params = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });

describe('audit trail of incident writes', () => {
  it('records create, update and delete with the actor and before/after, readable as the incident history', async () => {
    const incident = {
      occurredAt: '2024-12-15',
      country: 'PK',
      location: 'Bannu',
      lat: 32.99,
      lon: 70.6,
      eventType: 'Battles',
      subEventType: 'Armed clash',
      group: 'TTP',
      killed: 2,
    };
    const created = await h.create(send('POST', '/api/incidents', JSON.stringify(incident)));
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: number }).id;
    expect((await h.patch(send('PATCH', `/api/incidents/${id}`, JSON.stringify({ killed: 5 })), params(id))).status).toBe(200);
    expect((await h.remove(send('DELETE', `/api/incidents/${id}`), params(id))).status).toBe(204);

    const res = await h.history(send('GET', `/api/incidents/${id}/history`), params(id));
    const items = (
      (await res.json()) as {
        items: { action: string; actor: string; before: { killed?: number } | null; after: { killed?: number } | null }[];
      }
    ).items;
    expect(items.map((i) => i.action)).toEqual(['delete', 'update', 'create']);
    expect(new Set(items.map((i) => i.actor)).size).toBe(1);
    expect(items[0].actor).toMatch(/^token:\d+$/);
    expect(items[1].before?.killed).toBe(2);
    expect(items[1].after?.killed).toBe(5);
    expect(items[0].before?.killed).toBe(5);
  });

  it('records an import as one entry with its counts; a dry run records nothing', async () => {
    const csv =
      'source,sourceId,occurredAt,country,lat,lon,eventType,subEventType,group\nx,audit-1,2024-12-15,PK,33,70,Battles,Armed clash,TTP\n';
    const before = (await listAudit(db, auditFilterSchema.parse({ entity: 'import' }))).items.length;
    const dry = await h.import(send('POST', '/api/import?format=native&dryRun=true', csv, 'text/csv'));
    expect(dry.status, await dry.clone().text()).toBe(200);
    expect((await listAudit(db, auditFilterSchema.parse({ entity: 'import' }))).items).toHaveLength(before);
    const real = await h.import(send('POST', '/api/import?format=native', csv, 'text/csv'));
    expect(real.status, await real.clone().text()).toBe(200);
    const [entry] = (await listAudit(db, auditFilterSchema.parse({ entity: 'import' }))).items;
    expect(entry).toMatchObject({ action: 'import', actor: expect.stringMatching(/^token:/), after: { format: 'native', rows: 1 } });
  });
});
