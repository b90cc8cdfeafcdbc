// @engines sqlite postgres
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as ACCEPT } from '@/app/api/reports/[id]/accept/route';
import { POST as MERGE } from '@/app/api/reports/[id]/merge/route';
import { POST as DISMISS } from '@/app/api/reports/[id]/dismiss/route';
import { count, eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { getReport } from '@/db/queries/reports';
import { incidents as incidentRows, incidentSources } from '@/db/schema';
import { saveIncident } from '@/db/services/incident-writes';
import { incidentInputSchema } from '@/lib/incidents/input';
import { ctx, useTempDb, type TempDb } from '../support/api-db';
import { incidentBody } from '../support/api-factory';
import { BANNU, storeReports } from '../support/decision-reports';

/**
 * Two analysts deciding on one report at the same moment: exactly one decision lands, every other
 * one answers 409, and at most one incident is made. Over a real HTTP server on loopback (the
 * route handlers behind node:http), and from separate processes, each with its own connection (on
 * PostgreSQL: several instances against one database).
 */
let t: TempDb;
let server: Server;
let base: string;
const HANDLERS = { accept: ACCEPT, merge: MERGE, dismiss: DISMISS } as const;
type Action = keyof typeof HANDLERS;

beforeAll(async () => {
  t = await useTempDb();
  server = createServer((req, res) => {
    const m = /^\/api\/reports\/(\d+)\/(accept|merge|dismiss)$/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!m) return void res.writeHead(404).end();
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      });
      void HANDLERS[m[2] as Action](request, ctx({ id: m[1] })).then(async (answer) => {
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await t.cleanup();
});

const incidents = async () => (await builder(t.store).select({ n: count() }).from(incidentRows))[0].n;
const newIncident = async () =>
  (await saveIncident(t.store, incidentInputSchema.parse(incidentBody()), { timeZone: 'Asia/Karachi', actor: 'test' })).item.id;

async function expectOneWinner(statuses: number[], reportId: number, made: number): Promise<void> {
  expect(statuses.filter((s) => s === 200 || s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(statuses.length - 1);
  const report = (await getReport(t.store, reportId))!;
  expect(made).toBe(report.status === 'accepted' ? 1 : 0);
  const [{ n: records }] = await builder(t.store)
    .select({ n: count() })
    .from(incidentSources)
    .where(eq(incidentSources.reportId, reportId));
  expect(records).toBe(report.status === 'dismissed' ? 0 : 1);
}

describe('two analysts decide on one report at once', () => {
  it('over HTTP: one 2xx, the rest 409', async () => {
    const target = await newIncident();
    const [id] = await storeReports(t.store, { ...BANNU.first, url: 'https://dawn.example/race-http' });
    const before = await incidents();
    const post = (action: Action, body: unknown) =>
      fetch(`${base}/api/reports/${id}/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.analyst}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.status);
    const statuses = await Promise.all([
      post('merge', { incidentId: target }),
      post('accept', {}),
      post('dismiss', { reason: 'dup' }),
      post('accept', {}),
      post('merge', { incidentId: target }),
      post('dismiss', {}),
    ]);
    await expectOneWinner(statuses, id, (await incidents()) - before);
  });

  it('from three processes with their own connections: one wins, two get 409', async () => {
    const target = await newIncident();
    const [id] = await storeReports(t.store, { ...BANNU.first, url: 'https://dawn.example/race-processes' });
    const before = await incidents();
    // Late enough for every process to have loaded its modules (tsx on a shared machine).
    const at = Date.now() + 6000;
    const run = (action: Action) =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/decide-once.ts', action, String(id), String(target)], {
          env: { ...process.env, DATABASE_PATH: t.path, DECIDE_AT: String(at) },
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('close', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`${action} exited ${code}: ${err}`))));
      });
    const statuses = await Promise.all([run('accept'), run('merge'), run('dismiss')]);
    await expectOneWinner(statuses, id, (await incidents()) - before);
  }, 60_000);
});
