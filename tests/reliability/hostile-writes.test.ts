import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTS, SEED, SIZES } from './support/config';
import { expectConsistent, readDb } from './support/db-checks';
import { incidentBody } from './support/fixtures';
import { call, postJson, Tally } from './support/http';
import { encodeSegment, expectHandled, nastyJson, nastyString } from './support/hostile';
import { report } from './support/report';
import { RelServer } from './support/server';
import { createTempDb, type TempDb } from './support/temp-db';

let tmp: TempDb;
let server: RelServer;
let ids: number[] = [];
const tally = new Tally();
const rowOf = (id: number) => readDb(tmp.path, (db) => db.prepare('SELECT * FROM incidents WHERE id = ?').get(id));
const send = (method: string, path: string, body: unknown) =>
  call(
    server.url,
    path,
    { method, token: tmp.tokens[0], body: JSON.stringify(body), contentType: 'application/json', timeoutMs: 20_000 },
    tally,
  );

beforeAll(async () => {
  tmp = await createTempDb(2);
  server = await RelServer.start({ port: PORTS.hostile + 2, dbPath: tmp.path });
  for (let i = 0; i < 5; i++)
    ids.push(((await postJson(server.url, '/api/incidents', tmp.tokens[0], incidentBody(`REL-HW-${i}`, i))).json as { id: number }).id);
  ids = ids.filter(Boolean);
});
afterAll(async () => {
  await server.stop('SIGTERM');
  tmp.remove();
});

const INCIDENT_FIELDS = Object.keys(incidentBody('x', 0)).concat([
  'killedBy',
  'sources',
  'claimStatus',
  'target',
  'verification',
  'crossBorder',
  'nope',
]);

describe('hostile updates, deletes, rule tests, sites and sign-in', () => {
  it('PATCH /api/incidents/{id}: a 4xx leaves the row exactly as it was', async () => {
    expect(ids.length).toBe(5);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ids),
        fc.dictionary(fc.constantFrom(...INCIDENT_FIELDS), nastyJson, { minKeys: 1, maxKeys: 3 }),
        async (id, patch) => {
          const before = rowOf(id);
          const r = await send('PATCH', `/api/incidents/${id}`, patch);
          expectHandled(r, `PATCH ${id} ${JSON.stringify(patch).slice(0, 200)}`);
          if (r.status >= 400) expect(rowOf(id)).toEqual(before);
        },
      ),
      { numRuns: SIZES.propertyRuns * 2, seed: SEED },
    );
  });

  it('rule tester, sites, sign-in and deletes answer any body or id with a 2xx or a clear 4xx', async () => {
    const rule = { kind: 'threshold', params: { count: 2, windowHours: 24 }, scope: {} };
    const created = await postJson(server.url, '/api/alert-rules', tmp.tokens[0], { ...rule, name: 'r', severity: 'info' }, tally);
    expect(created.status, created.text).toBe(201);
    const ruleId = (created.json as { id: number }).id;
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ maxLength: 12 }), nastyJson, { maxKeys: 4 }), nastyString, async (body, id) => {
        const hostileId = encodeSegment(id).slice(0, 500) || 'x';
        const results = [
          ['POST rule test', await send('POST', `/api/alert-rules/${ruleId}/test`, { ...rule, ...body })],
          ['POST rule test (hostile id)', await send('POST', `/api/alert-rules/${hostileId}/test`, body)],
          [
            'POST /api/sites',
            await send('POST', '/api/sites', { name: 'Torkham', lat: 34.1, lon: 71.1, kind: 'border-crossing', ...body }),
          ],
          ['POST sign-in', await send('POST', '/api/auth/sign-in', { email: 'a@b.c', password: 'x', ...body })],
          ['DELETE site', await send('DELETE', `/api/sites/${hostileId}`, null)],
          ['DELETE rule', await send('DELETE', `/api/alert-rules/${hostileId}`, null)],
          ['DELETE incident', await send('DELETE', `/api/incidents/${/^\d+$/.test(id) ? `9${id}` : hostileId}`, null)],
        ] as const;
        for (const [what, r] of results) expectHandled(r, `${what} ${id.slice(0, 40)} ${JSON.stringify(body).slice(0, 200)}`);
      }),
      { numRuns: SIZES.propertyRuns, seed: SEED },
    );
  });

  it('leaves the database intact', () => {
    expect(tally.serverErrors).toEqual([]);
    expectConsistent(tmp.path);
    report('hostile-writes', { requests: tally.requests, statuses: tally.summary(), failures: tally.serverErrors.length });
  });
});
