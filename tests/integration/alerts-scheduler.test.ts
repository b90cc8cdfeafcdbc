import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { eq } from 'drizzle-orm';
import { alerts, webhookDeliveries } from '@/db/schema';
import { createRule } from '@/db/services/alert-rule-store';
import { startAlertScheduler } from '@/server/alerts/alert-scheduler';
import { ruleCreateSchema } from '@/lib/alerts/rule-schema';
import { useTempDb, type TempDb } from '../support/api-db';
import { hoursAgo, importRows } from '../support/alert-import';

const PORT = 3513;
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
  await new Promise<void>((r) => server.listen(PORT, '127.0.0.1', r));
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await t.cleanup();
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('alert scheduler', () => {
  it('fires a window rule created after its incidents arrived and sends its webhook, once', async () => {
    const now = Date.now();
    await importRows(
      t.db,
      [1, 2, 3].map((h) => ({ sourceId: `s-${h}`, occurredAt: hoursAgo(now, h), lat: 34.01, lon: 71.58 })),
      now,
    );
    const rule = await createRule(
      t.db,
      ruleCreateSchema.parse({
        name: 'late',
        kind: 'threshold',
        severity: 'warning',
        scope: { region: ['kp'] },
        params: { count: 3, windowHours: 24 },
        webhookUrl: `http://127.0.0.1:${PORT}/`,
      }),
    );
    const scheduler = startAlertScheduler({ db: () => t.db, horizonHours: () => 72, windowEveryMs: 30, webhookEveryMs: 30 });
    try {
      await until(
        () => t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'delivered')).all().length === 1,
        'the delivery',
      );
      // Several more passes must not fire it again.
      await new Promise((r) => setTimeout(r, 150));
    } finally {
      scheduler.stop();
    }
    expect(
      t.db
        .select()
        .from(alerts)
        .where(eq(alerts.ruleId, rule.id))
        .all()
        .map((a) => a.summary),
    ).toEqual(['3 incidents in Khyber Pakhtunkhwa within 24 h (threshold 3)']);
    expect(received).toBe(1);
  });
});
