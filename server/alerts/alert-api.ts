import 'server-only';
import { AppError } from '@/lib/errors';
import type { RuleCreateInput, RulePatchInput } from '@/lib/alerts/rule-schema';
import type { Store } from '@/db/store';
import { listSites } from '@/db/services/sites';

/** Proximity rules must name sites that exist (400 naming the unknown ids). */
export async function checkSites(
  db: Store,
  input: Pick<RuleCreateInput, 'kind' | 'params'> | { kind: string; params?: RulePatchInput['params'] },
): Promise<void> {
  if (input.kind !== 'proximity' || !input.params) return;
  const ids = (input.params as { siteIds?: unknown }).siteIds;
  if (!Array.isArray(ids)) return;
  const known = new Set((await listSites(db)).map((s) => s.id));
  const missing = ids.filter((id) => !known.has(id as number));
  if (missing.length)
    throw new AppError('bad_request', `Unknown site ids: ${missing.join(', ')}`, [
      { path: 'params.siteIds', message: `unknown site ids ${missing.join(', ')}` },
    ]);
}
