import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import type { Store } from '@/db/store';
import { meta } from '@/db/schema';

/**
 * A random secret kept in the `meta` row `key`, created on first use. Every instance on the same
 * database reads the same row: of several creating it at once, the first insert wins
 * (ON CONFLICT DO NOTHING) and all of them read the winner back, so nothing needs configuring.
 */
export async function generatedSecret(store: Store, key: string): Promise<string> {
  const read = async () => (await builder(store).select({ value: meta.value }).from(meta).where(eq(meta.key, key)))[0]?.value;
  const found = await read();
  if (found) return found;
  await builder(store)
    .insert(meta)
    .values({ key, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const created = await read();
  if (!created) throw new Error(`meta row ${key} vanished right after it was written`);
  return created;
}
