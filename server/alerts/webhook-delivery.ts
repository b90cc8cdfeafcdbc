import { createHmac } from 'node:crypto';
import type { SqlDb } from '@/db/services/alert-db';
import { claimDue, MAX_ERROR, recordAttempt, webhookRule } from '@/db/services/webhooks';

export const SIGNATURE_HEADER = 'X-FrontierWatch-Signature';
export const TIMESTAMP_HEADER = 'X-FrontierWatch-Timestamp';
/** Delays before attempts 2…5: 10 s, 30 s, 2 min, 10 min; then the delivery is marked failed. */
export const DEFAULT_BACKOFF_MS = [10_000, 30_000, 120_000, 600_000];

/** `sha256=<hex HMAC-SHA256 of the raw body>` with the rule's webhook secret. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export interface DeliveryOptions {
  backoffMs?: number[];
  timeoutMs?: number;
  batch?: number;
  now?: () => number;
}

async function send(url: string, body: string, secret: string, timeoutMs: number): Promise<{ code: number | null; error: string | null }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'FrontierWatch-Webhook/1',
        [SIGNATURE_HEADER]: signBody(body, secret),
        [TIMESTAMP_HEADER]: String(Math.floor(Date.now() / 1000)),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel().catch(() => {});
    return res.ok ? { code: res.status, error: null } : { code: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    return { code: null, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

/** Sends due deliveries once; returns how many were attempted. Never throws for a receiver's failure. */
export async function deliverDue(db: SqlDb, opts: DeliveryOptions = {}): Promise<number> {
  const clock = opts.now ?? Date.now;
  const backoff = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
  const claimed = claimDue(db, clock(), opts.batch ?? 10);
  await Promise.all(
    claimed.map(async (d) => {
      const rule = webhookRule(db, d.ruleId);
      const attempt = d.attempts + 1;
      const r = rule?.secret ? await send(d.url, d.payload, rule.secret, opts.timeoutMs ?? 10_000) : { code: null, error: 'rule or webhook secret no longer exists' };
      const now = clock();
      const delivered = r.error === null;
      const exhausted = attempt > backoff.length || !rule?.secret;
      recordAttempt(db, d.id, {
        attempts: attempt,
        lastStatusCode: r.code,
        lastError: r.error?.slice(0, MAX_ERROR) ?? null,
        status: delivered ? 'delivered' : exhausted ? 'failed' : 'pending',
        nextAttemptAt: delivered || exhausted ? now : now + backoff[attempt - 1],
        updatedAt: now,
      });
    }),
  );
  return claimed.length;
}
