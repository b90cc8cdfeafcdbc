/**
 * The key of unsubscribe links (lib/mail/unsubscribe.ts): 32 random bytes generated on first use
 * and kept in the database's `meta` table, so it works without configuration and every instance
 * sharing the database signs and verifies alike. Deleting the row voids every link already mailed.
 * No 'server-only' import: `npm run digest` signs links too.
 */
import { generatedSecret } from '@/db/services/generated-secret';
import type { Store } from '@/db/store';

export const UNSUBSCRIBE_SECRET_KEY = 'mail.unsubscribe_secret';

// Per store: the secret never changes while the process runs, so one read per store.
const cache = new WeakMap<Store, Promise<string>>();

export function unsubscribeSecret(store: Store): Promise<string> {
  let secret = cache.get(store);
  if (!secret) {
    secret = generatedSecret(store, UNSUBSCRIBE_SECRET_KEY);
    // A failed read is not remembered: the next call tries again.
    void secret.catch(() => cache.delete(store));
    cache.set(store, secret);
  }
  return secret;
}
