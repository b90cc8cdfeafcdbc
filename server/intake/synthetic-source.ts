import type { Store } from '@/db/store';
import { listSources } from '@/db/queries/sources';
import { createSource, updateSource } from '@/db/services/sources';
import type { SourceItem } from '@/lib/intake/report-types';

export interface SyntheticSourceInput {
  name: string;
  url: string;
  pollMinutes: number;
  enabled: boolean;
}

/**
 * Creates or updates the source of a synthetic feed (the demo's, the simulator's) through the
 * sources service, so the change is validated and audited like an admin's. It is found again by
 * name among synthetic sources only: an admin's own source is never touched, and the simulator
 * reuses its row whatever port its feed listens on. An unchanged source is left alone (no audit entry).
 */
export async function registerSyntheticSource(
  store: Store,
  input: SyntheticSourceInput,
  actor: string,
  now = Date.now(),
): Promise<SourceItem> {
  const found = (await listSources(store)).find((s) => s.synthetic && s.name === input.name);
  const same = found && found.url === input.url && found.pollMinutes === input.pollMinutes && found.enabled === input.enabled;
  if (found && same) return found;
  if (found) return updateSource(store, found.id, { url: input.url, pollMinutes: input.pollMinutes, enabled: input.enabled }, actor, now);
  return createSource(store, { ...input, kind: 'rss', keywords: [], synthetic: true }, actor, now);
}
