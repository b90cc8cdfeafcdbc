import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { incidents } from '@/db/schema';

/** How many stored rows are synthetic demo data (the UI labels them). */
export function countDemoRows(db: Db): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(incidents)
    .where(sql`${incidents.dataset} = 'demo'`)
    .get()!.n;
}
