import { createHmac } from 'node:crypto';
import type { Store } from '@/db/store';
import { claimDue, MAX_ERROR, recordAttempt, webhookRule } from '@/db/services/webhooks';
import { webhookKey } from '@/lib/alerts/webhook-secret';
import { alertUrl } from '@/lib/alerts/alert-link';
import { publicUrl } from '@/server/mail/config';

/** Kept for receivers written before Standard Webhooks: `sha256=<hex HMAC of the body>`. */
export const SIGNATURE_HEADER = 'X-FrontierWatch-Signature';
export const TIMESTAMP_HEADER = 'X-FrontierWatch-Timestamp';
/** Delays before attempts 2…5: 10 s, 30 s, 2 min, 10 min; then the delivery is marked failed. */
export const DEFAULT_BACKOFF_MS = [10_000, 30_000, 120_000, 600_000];

/** `sha256=<hex HMAC-SHA256 of the raw body>` keyed with the rule's secret key (lib/alerts/webhook-secret.ts). */
export function signBody(body: string, key: Uint8Array): string {
  return `sha256=${createHmac('sha256', key).update(body, 'utf8').digest('hex')}`;
}

/** Standard Webhooks `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`; the timestamp is signed, so a captured delivery cannot be replayed later. */
export function signStandard(id: string, timestampSec: number, body: string, key: Uint8Array): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSec}.${body}`, 'utf8').digest('base64')}`;
}

/** The `webhook-id` of a delivery: the same on every retry so receivers can drop duplicates. */
export function webhookId(d: { id: number; createdAt: number }): string {
  return `msg_${d.id}_${d.createdAt.toString(36)}`;
}

/** The headers of one attempt: Standard Webhooks plus the older X-FrontierWatch pair, with one timestamp. */
export function signedHeaders(id: string, body: string, secret: string, nowMs: number): Record<string, string> {
  const key = webhookKey(secret);
  const ts = Math.floor(nowMs / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': signStandard(id, ts, body, key),
    [SIGNATURE_HEADER]: signBody(body, key),
    [TIMESTAMP_HEADER]: String(ts),
  };
}

export interface DeliveryOptions {
  backoffMs?: number[];
  timeoutMs?: number;
  batch?: number;
  now?: () => number;
  /** Where readers reach this server (PUBLIC_URL by default): the base of the alert's `url`. */
  publicUrl?: string;
}

/**
 * The body as sent: the stored payload with `alert.url`, the alert's page for people, added beside
 * the other fields (none renamed). Added when sending, so a changed PUBLIC_URL applies to queued
 * deliveries too; every retry of one delivery still sends the same bytes.
 */
export function bodyWithAlertUrl(payload: string, baseUrl: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return payload;
  }
  const alert = (parsed as { alert?: unknown } | null)?.alert;
  if (!alert || typeof alert !== 'object') return payload;
  const id = (alert as { id?: unknown }).id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return payload;
  return JSON.stringify({ ...(parsed as object), alert: { ...alert, url: alertUrl(baseUrl, id) } });
}

async function send(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<{ code: number | null; error: string | null }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'FrontierWatch-Webhook/1', ...headers },
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
export async function deliverDue(db: Store, opts: DeliveryOptions = {}): Promise<number> {
  const clock = opts.now ?? Date.now;
  const backoff = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
  const claimed = await claimDue(db, clock(), opts.batch ?? 10);
  // Read only when there is something to send: most ticks claim nothing.
  const base = claimed.length ? (opts.publicUrl ?? publicUrl()) : '';
  await Promise.all(
    claimed.map(async (d) => {
      const rule = await webhookRule(db, d.ruleId);
      const attempt = d.attempts + 1;
      const body = bodyWithAlertUrl(d.payload, base);
      const r = rule?.secret
        ? await send(d.url, body, signedHeaders(webhookId(d), body, rule.secret, clock()), opts.timeoutMs ?? 10_000)
        : { code: null, error: 'rule or webhook secret no longer exists' };
      const now = clock();
      const delivered = r.error === null;
      const exhausted = attempt > backoff.length || !rule?.secret;
      await recordAttempt(db, d.id, {
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
