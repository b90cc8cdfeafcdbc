import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { alertRules } from '@/db/schema';
import type { Store } from '@/db/store';
import { bumpRulesVersion, createRule } from '@/db/services/alert-rule-store';
import { ruleCreateSchema } from '@/lib/alerts/rule-schema';
import { hoursAgo, importRows } from './alert-import';

/** One request a receiver got. */
export interface Received {
  body: string;
  headers: IncomingHttpHeaders;
}

export interface WebhookReceiver {
  /** The URL to give a rule as its webhookUrl. */
  url: string;
  /** Every request received so far, in order. */
  got: Received[];
  close(): Promise<void>;
}

const open = new Set<Server>();

/**
 * A real HTTP receiver on loopback that records each request and answers the n-th with
 * `statuses[n]` (the last status repeats). Port 0: the system picks a free port, so parallel
 * runs never collide. Close it, or close every open one with closeWebhookReceivers().
 */
export function listenForWebhooks(statuses: number[]): Promise<WebhookReceiver> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.statusCode = statuses[Math.min(got.length - 1, statuses.length - 1)];
      res.end();
    });
  });
  open.add(server);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      resolve({ url, got, close: () => closeServer(server) });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  open.delete(server);
  return new Promise((resolve) => server.close(() => resolve()));
}

/** For afterEach: closes every receiver still open. */
export async function closeWebhookReceivers(): Promise<void> {
  await Promise.all([...open].map(closeServer));
}

/**
 * Creates a mass-casualty rule that posts to `webhookUrl`, fires it with one fresh incident
 * (9 killed, an hour ago), then switches it off so the next test's rule fires alone. The
 * answer carries the rule's secret (returned once, as the API does).
 */
export async function fireWebhookRule(store: Store, opts: { name: string; sourceId: string; webhookUrl: string; webhookSecret?: string }) {
  const now = Date.now();
  const { name, sourceId, webhookUrl, webhookSecret } = opts;
  const input = {
    name,
    kind: 'mass-casualty',
    severity: 'critical',
    params: { killed: 5 },
    webhookUrl,
    ...(webhookSecret ? { webhookSecret } : {}),
  };
  const rule = await createRule(store, ruleCreateSchema.parse(input));
  await importRows(store, [{ sourceId, occurredAt: hoursAgo(now, 1), lat: 34.01, lon: 71.58, killed: 9 }], now);
  // Straight to the table (no audit row, no rule-API side effects); the version bump reloads rule caches.
  await builder(store).update(alertRules).set({ enabled: false }).where(eq(alertRules.id, rule.id));
  await bumpRulesVersion(store);
  return rule;
}
