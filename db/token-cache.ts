/**
 * Verified API tokens, remembered for a few seconds per process (PostgreSQL only), so a client
 * that sends many requests with one token (a feed posting incidents) costs no token query per
 * request. A token revoked on this process is forgotten when the revoke is made and again after
 * it commits, and can never be re-remembered from a read that began before it; a revoke on
 * another instance or process reaches this one by NOTIFY (db/pg/outbox-listener.ts), and at the
 * latest after TOKEN_CACHE_MS when that notification is lost. SQLite keeps asking its prepared
 * statement (microseconds, and another process's revoke would go unseen).
 */
import { processSingleton } from '@/lib/registry';
import type { Role } from '@/lib/auth/roles';

/** How long a verified token is reused without a database read: the bound on a revoke's delay elsewhere. */
export const TOKEN_CACHE_MS = 5_000;

/** At most this many tokens remembered; past it the cache starts again (a bound on memory, not an LRU). */
const MAX_ENTRIES = 1_000;

/** The NOTIFY channel a revoke announces itself on (payload: the token id). */
export const TOKEN_CHANNEL = 'frontier_tokens';

export interface CachedToken {
  id: number;
  name: string;
  role: Role;
  expiresAt: number | null;
}

interface Entry {
  token: CachedToken;
  until: number;
}

interface TokenCache {
  entries: Map<string, Entry>;
  /** Bumped by every revoke: a read that began under an older epoch is not remembered. */
  epoch: number;
}

// One cache per process, whichever route bundle verifies or revokes (lib/registry.ts).
const cache = processSingleton<TokenCache>('apiTokenCache', () => ({ entries: new Map(), epoch: 0 }));

/** The remembered live token for (database, hash), or undefined when it must be read. */
export function cachedToken(database: string, hash: string, now: number): CachedToken | undefined {
  const key = `${database}\u0000${hash}`;
  const hit = cache.entries.get(key);
  if (!hit) return undefined;
  if (now >= hit.until || now < hit.until - TOKEN_CACHE_MS || (hit.token.expiresAt !== null && hit.token.expiresAt <= now)) {
    cache.entries.delete(key);
    return undefined;
  }
  return hit.token;
}

/** The epoch to pass to rememberToken: taken before the read whose answer is remembered. */
export const tokenEpoch = (): number => cache.epoch;

/** Remembers a token read as live, unless a revoke happened since `epoch` was taken. */
export function rememberToken(database: string, hash: string, token: CachedToken, epoch: number, now: number): void {
  if (epoch !== cache.epoch) return;
  if (cache.entries.size >= MAX_ENTRIES) cache.entries.clear();
  cache.entries.set(`${database}\u0000${hash}`, { token, until: now + TOKEN_CACHE_MS });
}

/** Forgets token `id` (every database), or every token when `id` is undefined (a lost notification). */
export function forgetToken(id?: number): void {
  cache.epoch++;
  if (id === undefined) return cache.entries.clear();
  for (const [key, entry] of cache.entries) if (entry.token.id === id) cache.entries.delete(key);
}
