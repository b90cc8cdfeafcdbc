// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { apiTokens, incidents } from '@/db/schema';
import { POST } from '@/app/api/incidents/route';
import { useTempDb, type TempDb } from '../support/api-db';

const run = promisify(execFile);
// A free port (0): the file runs once per engine, possibly at the same time.
let PORT = 0;
let t: TempDb;
let server: Server;

/** A real HTTP front for the real route handler, so the simulator talks HTTP as it does in production. */
beforeAll(async () => {
  t = await useTempDb();
  server = createServer((req, res) => void answer(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  PORT = (server.address() as AddressInfo).port;
});

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const response = await POST(
    new Request(`http://127.0.0.1:${PORT}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }),
  );
  res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
  res.end(await response.text());
}

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.cleanup();
});

function simulate(args: string[]) {
  return run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/simulate.ts', ...args], {
    env: { ...process.env, ...(t.engine === 'postgres' ? { DATABASE_URL: t.path } : { DATABASE_PATH: t.path }), FW_TOKEN: '' },
    timeout: 30_000,
  });
}

describe('npm run simulate', () => {
  it('mints a simulator token when none is given and posts N incidents through the API', async () => {
    const { stdout } = await simulate(['--url', `http://127.0.0.1:${PORT}`, '--interval', '0.2', '--count', '2']);
    const ids = [...stdout.matchAll(/created incident (\d+)/g)].map((m) => Number(m[1]));
    expect(ids).toHaveLength(2);
    const rows = await builder(t.store)
      .select()
      .from(incidents)
      .where(sql`${incidents.source} = 'simulator'`);
    expect(rows.map((r) => r.id).sort()).toEqual(ids.sort());
    expect(rows.every((r) => r.dataset === 'live' && r.notes?.startsWith('Synthetic demo data'))).toBe(true);
    const [token] = await builder(t.store)
      .select()
      .from(apiTokens)
      .where(sql`${apiTokens.name} = 'simulator'`);
    expect(token?.role).toBe('analyst');
    expect(token?.expiresAt).toBeGreaterThan(Date.now());
  });

  it('uses a given token and stops with an error when the server refuses it', async () => {
    await expect(simulate(['--url', `http://127.0.0.1:${PORT}`, '--count', '1', '--token', 'fw_not-a-real-token'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('refused the token (401)'),
    });
  });

  it('rejects non-http URLs and bad numbers before doing anything', async () => {
    await expect(simulate(['--url', 'file:///etc/passwd', '--interval', 'x'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--url: must be an http:\/\/ or https:\/\/ URL[\s\S]*--interval: must be a number/),
    });
  });
});
