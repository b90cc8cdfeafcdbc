import { AppError } from '@/lib/errors';
import { processSingleton } from '@/lib/registry';

export interface RatePolicy {
  /** Burst size: requests allowed at once. */
  capacity: number;
  /** Time to refill the whole bucket; steady rate is capacity / windowMs. */
  windowMs: number;
}

/** Sign-in: 5 tries a minute per IP and email, 20 per email from anywhere (a botnet has many addresses). */
export const SIGN_IN_PER_IP_EMAIL: RatePolicy = { capacity: 5, windowMs: 60_000 };
export const SIGN_IN_PER_EMAIL: RatePolicy = { capacity: 20, windowMs: 60_000 };
/** Write APIs: WRITE_RATE_LIMIT_PER_MINUTE (default 600) a minute per principal. */
export const writesPerPrincipal = (perMinute: number): RatePolicy => ({ capacity: perMinute, windowMs: 60_000 });

interface Bucket {
  tokens: number;
  at: number;
}

// Per process, in memory. On SQLite one process serves the app, so this is the whole truth. With
// several instances over PostgreSQL each keeps its own buckets (docs/scale-out.md, "Rate limits"):
// a client spread over N instances gets up to N times the rate. Kept per instance on purpose: a
// shared bucket would put a database write on every request and on every failed sign-in, and the
// load balancer can pin a client to one instance (ip_hash, balance source) to make it exact.
const store = processSingleton('rateBuckets', () => new Map<string, Bucket>());
const MAX_KEYS = 50_000;

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSec: number };

/** Token bucket: takes one token for `key`, refilling continuously. */
export function takeToken(key: string, policy: RatePolicy, now = Date.now()): RateDecision {
  const rate = policy.capacity / policy.windowMs;
  const prev = store.get(key);
  const tokens = prev ? Math.min(policy.capacity, prev.tokens + (now - prev.at) * rate) : policy.capacity;
  if (tokens < 1) {
    store.set(key, { tokens, at: now });
    return { ok: false, retryAfterSec: Math.max(1, Math.ceil((1 - tokens) / rate / 1000)) };
  }
  if (!prev && store.size >= MAX_KEYS) prune(now, policy.windowMs);
  store.set(key, { tokens: tokens - 1, at: now });
  return { ok: true, remaining: Math.floor(tokens - 1) };
}

/** Drops buckets idle long enough to be full again (they carry no state worth keeping). */
function prune(now: number, windowMs: number): void {
  for (const [k, b] of store) if (now - b.at > windowMs) store.delete(k);
  if (store.size >= MAX_KEYS) store.clear();
}

/** Throws 429 with Retry-After when `key` is over its policy. */
export function enforceRateLimit(key: string, policy: RatePolicy, now = Date.now()): void {
  const d = takeToken(key, policy, now);
  if (!d.ok) {
    throw new AppError('rate_limited', `Too many requests; try again in ${d.retryAfterSec} s.`, undefined, {
      'Retry-After': String(d.retryAfterSec),
    });
  }
}

/** For tests. */
export function resetRateLimits(): void {
  store.clear();
}

/** The client address, as far as TRUST_PROXY lets the forwarding headers be believed. */
export { clientIp } from './forwarded';
