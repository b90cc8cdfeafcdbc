// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { alerts, webhookDeliveries } from '@/db/schema';
import { createRule } from '@/db/services/alert-rule-store';
import { startAlertScheduler } from '@/server/alerts/alert-scheduler';
import { ruleCreateSchema } from '@/lib/alerts/rule-schema';
import { useTempDb, type TempDb } from '../support/api-db';
import { hoursAgo, importRows } from '../support/alert-import';

// A free port: the file runs once per engine, possibly at the same time.
let port = 0;
let t: TempDb;
let server: Server;
let received = 0;

beforeAll(async () => {
  t = await useTempDb();
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await t.cleanup();
});

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
  if (!(await check())) throw new Error(`timed out waiting for ${what}`);
}

describe('alert scheduler', () => {
  it('fires a window rule created after its incidents arrived and sends its webhook, once', async () => {
    const now = Date.now();
    await importRows(
      t.store,
      [1, 2, 3].map((h) => ({ sourceId: `s-${h}`, occurredAt: hoursAgo(now, h), lat: 34.01, lon: 71.58 })),
      now,
    );
    const rule = await createRule(
      t.store,
      ruleCreateSchema.parse({
        name: 'late',
        kind: 'threshold',
        severity: 'warning',
        scope: { region: ['kp'] },
        params: { count: 3, windowHours: 24 },
        webhookUrl: `http://127.0.0.1:${port}/`,
      }),
    );
    const scheduler = startAlertScheduler({ db: () => t.store, horizonHours: () => 72, windowEveryMs: 30, webhookEveryMs: 30 });
    try {
      await until(
        async () => (await builder(t.store).select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'delivered'))).length === 1,
        'the delivery',
      );
      // Several more passes must not fire it again.
      await new Promise((r) => setTimeout(r, 150));
    } finally {
      await scheduler.stop();
    }
    expect((await builder(t.store).select().from(alerts).where(eq(alerts.ruleId, rule.id))).map((a) => a.summary)).toEqual([
      '3 incidents in Khyber Pakhtunkhwa within 24 h (threshold 3)',
    ]);
    expect(received).toBe(1);
  });
});
