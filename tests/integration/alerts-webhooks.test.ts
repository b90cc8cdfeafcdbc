import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { webhookDeliveries } from '@/db/schema';
import { createRule } from '@/db/services/alert-rule-store';
import { deliverDue } from '@/server/alerts/webhook-delivery';
import { listDeliveries } from '@/db/services/webhooks';
import { ruleCreateSchema } from '@/lib/alerts/rule-schema';
import { webhookKey } from '@/lib/alerts/webhook-secret';
import { useTempDb, type TempDb } from '../support/api-db';
import { hoursAgo, importRows } from '../support/alert-import';

const PORT = 3511;
let t: TempDb;
let server: Server | null = null;
interface Received {
  body: string;
  headers: IncomingMessage['headers'];
}

function listen(status: number): Promise<Received[]> {
  const got: Received[] = [];
  return new Promise((resolve) => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
        res.statusCode = status;
        res.end('ok');
      });
    }).listen(PORT, '127.0.0.1', () => resolve(got));
  });
}

beforeAll(() => {
  t = useTempDb();
});
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});
afterAll(() => t.cleanup());

function fire(name: string, sourceId: string) {
  const now = Date.now();
  const rule = createRule(t.db, ruleCreateSchema.parse({ name, kind: 'mass-casualty', severity: 'critical', params: { killed: 5 }, webhookUrl: `http://127.0.0.1:${PORT}/hook` }));
  importRows(t.db, [{ sourceId, occurredAt: hoursAgo(now, 1), lat: 34.01, lon: 71.58, killed: 9 }], now);
  // Only this rule should fire for the next incident.
  t.db.$client.prepare('UPDATE alert_rules SET enabled = 0 WHERE id = ?').run(rule.id);
  t.db.$client.prepare("UPDATE meta SET value = 'changed-' || random() WHERE key = 'alert_rules_version'").run();
  return rule;
}

describe('webhook deliveries', () => {
  it('queues in the ingest transaction and delivers a payload signed with the rule secret', async () => {
    const got = await listen(200);
    const rule = fire('hooked', 'wh-1');
    expect(rule.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{40,}={0,2}$/);
    expect(listDeliveries(t.db, { limit: 10 })[0]).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await deliverDue(t.db)).toBe(1);
    expect(got).toHaveLength(1);
    const sig = String(got[0].headers['x-frontierwatch-signature']);
    const expected = `sha256=${createHmac('sha256', webhookKey(rule.webhookSecret!)).update(got[0].body).digest('hex')}`;
    expect(timingSafeEqual(Buffer.from(sig), Buffer.from(expected))).toBe(true);
    expect(Number(got[0].headers['x-frontierwatch-timestamp'])).toBeGreaterThan(1_700_000_000);
    const payload = JSON.parse(got[0].body) as { event: string; alert: { ruleId: number; summary: string; incidentIds: number[] } };
    expect(payload.event).toBe('alert.fired');
    expect(payload.alert.ruleId).toBe(rule.id);
    expect(payload.alert.summary).toContain('9 killed');
    expect(listDeliveries(t.db, { limit: 10 })[0]).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200, lastError: null });
    expect(await deliverDue(t.db)).toBe(0);
  });

  it('retries a failing receiver with backoff and logs attempts and the last error', async () => {
    const got = await listen(500);
    fire('failing', 'wh-2');
    let clock = Date.now();
    const opts = { backoffMs: [10_000, 30_000], now: () => clock };
    expect(await deliverDue(t.db, opts)).toBe(1);
    let d = listDeliveries(t.db, { limit: 1 })[0];
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500' });
    expect(Date.parse(d.nextAttemptAt!) - clock).toBe(10_000);
    clock += 5_000;
    expect(await deliverDue(t.db, opts)).toBe(0); // not due yet
    clock += 5_000;
    expect(await deliverDue(t.db, opts)).toBe(1);
    d = listDeliveries(t.db, { limit: 1 })[0];
    expect(Date.parse(d.nextAttemptAt!) - clock).toBe(30_000);
    clock += 30_000;
    expect(await deliverDue(t.db, opts)).toBe(1);
    d = listDeliveries(t.db, { limit: 1 })[0];
    expect(d).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500', nextAttemptAt: null });
    expect(got).toHaveLength(3);
  });

  it('logs a connection error when nothing listens', async () => {
    fire('nobody', 'wh-3');
    await deliverDue(t.db, { backoffMs: [1000] });
    const row = t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending')).get()!;
    expect(row.attempts).toBe(1);
    expect(row.lastStatusCode).toBeNull();
    expect(row.lastError).toMatch(/fetch failed|ECONNREFUSED|TypeError/);
  });
});
