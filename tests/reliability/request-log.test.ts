import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTS } from './support/config';
import { RelServer } from './support/server';
import { createTempDb, type TempDb } from './support/temp-db';

// The deployed entry (scripts/serve.ts → scripts/server.mjs) on a demo database: the one line for
// people, JSON lines for everything else, X-Request-Id on pages, Next.js routes and direct routes.
let tmp: TempDb;
let server: RelServer;
let ready: RegExpMatchArray;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeAll(async () => {
  tmp = await createTempDb(1);
  server = await RelServer.start({ port: PORTS.logs, dbPath: tmp.path, mode: 'serve', env: { DEMO_DATA: 'true', LOG_LEVEL: 'info' } });
  const line = /^Frontier Watch is ready on (http:\/\/127\.0\.0\.1:\d+)\. Created demo admin (\S+) with password (\S+) \(shown once/m;
  for (let i = 0; i < 50 && !line.test(server.log); i++) await new Promise((r) => setTimeout(r, 100));
  ready = server.log.match(line)!;
});
afterAll(async () => {
  await server?.stop();
  tmp?.remove();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers, redirect: 'manual' });
/** The JSON lines written so far. */
const jsonLines = () =>
  server.log
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function accessLine(reqId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 50; i++) {
    const found = jsonLines().find((l) => l.msg === 'request' && l.reqId === reqId);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no access line for ${reqId}:\n${server.log.slice(-2000)}`);
}

describe('logs and request ids of the production server', () => {
  it('prints one line for people: the URL and the generated demo admin password', () => {
    expect(ready, server.log.slice(-3000)).not.toBeNull();
    expect(ready[1]).toBe(server.url);
    const people = server.log.split('\n').filter((l) => l.trim() && !l.startsWith('{'));
    expect(people, 'every other line is JSON').toHaveLength(1);
    expect(people[0].startsWith(ready[0])).toBe(true);
    expect(jsonLines().some((l) => l.msg === 'listening' && l.url === server.url)).toBe(true);
    expect(jsonLines().some((l) => l.msg === 'seeded synthetic demo incidents')).toBe(true);
    // Next.js's own start-up output (console.*) arrives as log lines too.
    expect(jsonLines().some((l) => l.component === 'next' && String(l.msg).includes('next.config.js'))).toBe(true);
  });

  it('echoes a safe X-Request-Id and replaces an unsafe or missing one, on every kind of route', async () => {
    // A Next.js route handler, a page (proxy.ts), and the two direct routes (server/http/direct-routes.ts).
    const cases: [string, RequestInit & { path: string }][] = [
      ['health', { path: '/api/health' }],
      ['page', { path: '/sign-in' }],
      ['direct-get', { path: '/api/incidents?q=topsecretsearch' }],
      ['direct-post', { path: '/api/incidents', method: 'POST', body: '{}' }],
    ];
    for (const [name, { path, ...init }] of cases) {
      const id = `rel-${name}-1`;
      const r = await fetch(`${server.url}${path}`, {
        ...init,
        redirect: 'manual',
        headers: { 'x-request-id': id, 'content-type': 'application/json' },
      });
      expect(r.headers.get('x-request-id'), name).toBe(id);
      const line = await accessLine(id);
      expect(line).toMatchObject({ level: 'info', method: init.method ?? 'GET', path: path.split('?')[0], status: r.status });
      expect(typeof line.ms).toBe('number');
      for (const headers of [{ 'x-request-id': 'has spaces' }, {}] as Record<string, string>[]) {
        const other = await fetch(`${server.url}${path}`, {
          ...init,
          redirect: 'manual',
          headers: { ...headers, 'content-type': 'application/json' },
        });
        expect(other.headers.get('x-request-id'), name).toMatch(UUID);
      }
    }
    expect(server.log).not.toContain('topsecretsearch');
  });

  it('never logs the password, the session cookie or a bearer token', async () => {
    const [, , email, password] = ready;
    const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email, password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie()[0].split(';')[0];
    expect((await get('/api/incidents', { cookie })).status).toBe(200);
    expect((await get('/', { cookie })).status).toBe(200);
    expect((await get('/api/incidents', { authorization: `Bearer ${tmp.tokens[0]}` })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    const json = server.log
      .split('\n')
      .filter((l) => !l.startsWith('Frontier Watch'))
      .join('\n');
    for (const secret of [password, cookie.split('=')[1], tmp.tokens[0]]) expect(json).not.toContain(secret);
  });
});
