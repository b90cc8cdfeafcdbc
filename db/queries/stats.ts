import { sql } from 'drizzle-orm';
import type { Store } from '@/db/store';
import { builder } from '@/db/engine';
import { incidents } from '@/db/schema';

/** How many stored rows are synthetic demo data (the UI labels them). */
export async function countDemoRows(store: Store): Promise<number> {
  const [r] = await builder(store)
    .select({ n: sql<number>`count(*)` })
    .from(incidents)
    .where(sql`${incidents.dataset} = 'demo'`);
  return Number(r.n);
}
