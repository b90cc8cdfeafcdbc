import { eq } from 'drizzle-orm';
import { builder, transact } from '@/db/engine';
import type { Store } from '@/db/store';
import { meta } from '@/db/schema';

/**
 * Runs `seed` once per database, marked by the `meta` row `key` (so what it seeded and someone
 * deleted later stays deleted). The marker is claimed first with INSERT … ON CONFLICT DO NOTHING
 * in the seed's own transaction: of several instances starting at once only the one whose insert
 * took the key seeds; the others see nothing inserted and get `none`.
 */
export async function seedOnce<T>(store: Store, key: string, now: number, none: T, seed: (tx: Store) => Promise<T>): Promise<T> {
  const [seeded] = await builder(store).select({ key: meta.key }).from(meta).where(eq(meta.key, key));
  if (seeded) return none;
  return transact(store, async (tx) => {
    const claimed = await builder(tx)
      .insert(meta)
      .values({ key, value: String(now) })
      .onConflictDoNothing()
      .returning({ key: meta.key });
    return claimed.length === 0 ? none : seed(tx);
  });
}
