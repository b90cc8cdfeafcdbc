import type { Store } from '@/db/store';
import { dueSourceIds } from '@/db/queries/sources';
import { pollSource, type PollOptions, type PollOutcome } from './poll-source';

export interface DuePollOptions extends PollOptions {
  /** Polls in flight at once: fetches wait on the network, extraction runs one at a time anyway. */
  concurrency?: number;
  /** At most this many sources per pass; the rest are due again on the next pass. */
  maxSources?: number;
  /** Only these sources (the CLI's --source --once), due or not. */
  only?: readonly number[];
  /** Only those of these sources that are due (the CLI's --source without --once). */
  within?: readonly number[];
}

export interface SourcePoll {
  sourceId: number;
  outcome: PollOutcome;
}

/**
 * One pass over the due, enabled sources (or the given ones), a bounded number at a time. Used by
 * the server's scheduler and by `npm run intake`; the per-source lease keeps the two apart.
 */
export async function pollDueSources(store: Store, opts: DuePollOptions): Promise<SourcePoll[]> {
  const now = (opts.clock ?? Date.now)();
  let ids = opts.only ? [...opts.only] : await dueSourceIds(store, now, opts.maxSources ?? 100);
  if (opts.within) ids = ids.filter((id) => opts.within?.includes(id));
  const out: SourcePoll[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const sourceId = ids[next++];
      out.push({ sourceId, outcome: await pollSource(store, sourceId, opts) });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, ids.length)) }, worker));
  return out.sort((a, b) => a.sourceId - b.sourceId);
}
