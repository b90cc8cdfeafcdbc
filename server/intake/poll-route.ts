import 'server-only';
import type { Store } from '@/db/store';
import { AppError } from '@/lib/errors';
import { pollSource, type PollOptions, type PollResult } from './poll-source';

/** POST /api/sources/{id}/fetch: one poll now; 409 while another (here or in `npm run intake`) runs. */
export async function fetchSourceNow(store: Store, id: number, opts: PollOptions): Promise<PollResult> {
  const outcome = await pollSource(store, id, opts);
  if (outcome.status === 'busy') throw new AppError('conflict', `Source ${id} is being fetched already; try again when that fetch ends.`);
  return outcome.result;
}
