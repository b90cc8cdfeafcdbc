import { and, eq } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { sources } from '@/db/schema';
import { inImmediateTransaction } from './transaction';

export interface SyntheticSourceInput {
  name: string;
  url: string;
  pollMinutes: number;
  enabled: boolean;
}

/**
 * Creates or updates the source row of a synthetic feed (the demo's, or the simulator's) and
 * returns its id. A synthetic source is found again by its name among synthetic sources only, so
 * an admin's own source is never touched, and the simulator reuses its row whatever port its
 * feed listens on. An update resets the fetch state (validators, failures, next fetch): the
 * simulator's feed is a new server on every run.
 */
export function upsertSyntheticSource(store: Store, input: SyntheticSourceInput, now: number): number {
  return inImmediateTransaction(sqlOf(store), (tx) => {
    const found = tx
      .select({ id: sources.id })
      .from(sources)
      .where(and(eq(sources.synthetic, true), eq(sources.name, input.name)))
      .get();
    const state = { etag: null, lastModified: null, failures: 0, lastError: null, nextFetchAt: input.enabled ? now : null };
    if (found) {
      tx.update(sources)
        .set({ ...input, ...state, updatedAt: now })
        .where(eq(sources.id, found.id))
        .run();
      return found.id;
    }
    return tx
      .insert(sources)
      .values({ ...input, ...state, kind: 'rss', keywords: '[]', synthetic: true, createdAt: now, updatedAt: now })
      .returning({ id: sources.id })
      .get().id;
  });
}
