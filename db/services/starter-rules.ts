import { eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import type { Store } from '@/db/store';
import { alertRules, meta } from '@/db/schema';
import { starterRules } from '@/lib/demo/starter-rules';
import { bumpRulesVersion } from './alert-rule-store';
import { seedOnce } from './seed-once';
import { ensureSeedSites, listSites } from './sites';

const SEEDED_KEY = 'starter_rules_seeded';

/**
 * Seeds the demo's starter rules once per database (a deleted starter rule stays deleted), before
 * the demo incidents are written so that those inside the alert horizon fire. Like the seed
 * sites, several instances starting at once seed once (seedOnce). The proximity rule watches every
 * site there is at that moment. Returns how many rules were created.
 */
export async function ensureStarterRules(store: Store, now = Date.now()): Promise<number> {
  const [seeded] = await builder(store).select({ key: meta.key }).from(meta).where(eq(meta.key, SEEDED_KEY));
  if (seeded) return 0;
  await ensureSeedSites(store, now);
  const siteIds = (await listSites(store)).map((s) => s.id);
  const rules = starterRules(siteIds);
  return seedOnce(store, SEEDED_KEY, now, 0, async (tx) => {
    await builder(tx)
      .insert(alertRules)
      .values(
        rules.map((r) => ({
          name: r.name,
          kind: r.kind,
          severity: r.severity,
          scope: JSON.stringify(r.scope),
          params: JSON.stringify(r.params),
          enabled: true,
          example: true,
          createdAt: now,
          updatedAt: now,
        })),
      );
    await bumpRulesVersion(tx);
    return rules.length;
  });
}
