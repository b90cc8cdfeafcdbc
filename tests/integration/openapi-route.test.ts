// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authTempDb, authHeader, type AuthTempDb } from '../support/auth';

type Handler = (req: Request) => Promise<Response>;
let t: AuthTempDb;
let GET: Handler;
const URL_ = 'http://127.0.0.1:3700/api/openapi.json';

beforeAll(async () => {
  t = await authTempDb();
  ({ GET } = (await import('@/app/api/openapi.json/route')) as { GET: Handler });
});
afterAll(() => t.cleanup());

describe('GET /api/openapi.json', () => {
  it('refuses anonymous callers like every other read', async () => {
    const res = await GET(new Request(URL_));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('serves the OpenAPI 3.1 document to a viewer', async () => {
    const res = await GET(new Request(URL_, { headers: await authHeader(t.store, 'viewer') }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = (await res.json()) as { openapi: string; info: { version: string }; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/incidents', '/api/openapi.json']));
  });
});
