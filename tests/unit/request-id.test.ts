import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { route } from '@/server/http/respond';
import { proxy } from '@/proxy';
import { pathOnly } from '@/server/access-log.mjs';
import { log } from '@/server/log.mjs';
import { requestId } from '@/server/request-id.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => vi.restoreAllMocks());

describe('requestId', () => {
  it('keeps a short, plain incoming id', () => {
    for (const id of [
      'abc',
      '0f8fad5b-d9cb-469f-a165-70867728950e',
      '01HZX3K9Q2V8',
      'Root=1-5759e988-bd862e3fe1be46a994272793',
      'a'.repeat(128),
      'dGVzdA==/+',
    ]) {
      expect(requestId(id)).toBe(id);
    }
  });
  it('replaces a missing, long or unsafe one with a new UUID', () => {
    for (const id of [undefined, null, '', 'a'.repeat(129), 'two words', 'a,b', 'x"}{"level":"fatal', 'line\nbreak', 'é', ['a', 'b']]) {
      expect(requestId(id)).toMatch(UUID);
    }
    expect(requestId(undefined)).not.toBe(requestId(undefined));
  });
});

describe('access line path', () => {
  it('leaves the query string (search text, tokens in links) out and caps the length', () => {
    expect(pathOnly('/api/incidents?q=secret&token=x')).toBe('/api/incidents');
    expect(pathOnly('/map')).toBe('/map');
    expect(pathOnly(`/${'x'.repeat(1000)}`)).toHaveLength(301);
  });
});

describe('route(): X-Request-Id on every API answer', () => {
  const ok = route((_req: Request) => Response.json({ ok: true }));
  const get = (headers: Record<string, string> = {}) => new Request('http://localhost/api/thing?x=1', { headers });

  it('echoes a safe incoming id and generates one otherwise', async () => {
    expect((await ok(get({ 'x-request-id': 'req-42' }))).headers.get('x-request-id')).toBe('req-42');
    expect((await ok(get({ 'x-request-id': 'not safe' }))).headers.get('x-request-id')).toMatch(UUID);
    expect((await ok(get())).headers.get('x-request-id')).toMatch(UUID);
  });

  it('echoes it on mapped errors too, and logs a 500 with its cause and the id', async () => {
    const spy = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const refused = await route((_req: Request) => {
      throw new AppError('forbidden', 'no');
    })(get({ 'x-request-id': 'req-403' }));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-request-id')).toBe('req-403');
    expect(spy).not.toHaveBeenCalled();

    const cause = new Error('disk on fire');
    const failed = await route((_req: Request) => {
      throw cause;
    })(get({ 'x-request-id': 'req-500' }));
    expect(failed.status).toBe(500);
    expect(failed.headers.get('x-request-id')).toBe('req-500');
    expect(await failed.json()).toEqual({ error: { code: 'internal', message: 'Internal error; it has been logged.' } });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0][0]).toEqual({ reqId: 'req-500', method: 'GET', path: '/api/thing', err: cause });
  });

  it('leaves immutable responses (Response.redirect) as they are', async () => {
    const r = await route((_req: Request) => Response.redirect('http://localhost/elsewhere', 303))(get());
    expect(r.status).toBe(303);
  });
});

describe('proxy(): X-Request-Id on every page', () => {
  it('echoes a safe id, replaces an unsafe one, and hands the same id to the page', () => {
    const kept = proxy(new NextRequest('http://localhost/map', { headers: { 'x-request-id': 'page-1' } }));
    expect(kept.headers.get('x-request-id')).toBe('page-1');
    // NextResponse.next() passes the rewritten request headers to the page as x-middleware-request-*.
    expect(kept.headers.get('x-middleware-request-x-request-id')).toBe('page-1');
    const replaced = proxy(new NextRequest('http://localhost/map', { headers: { 'x-request-id': '<script>' } }));
    expect(replaced.headers.get('x-request-id')).toMatch(UUID);
  });
});
