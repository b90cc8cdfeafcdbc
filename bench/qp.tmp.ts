import { openDatabase } from '@/db/connection';
import { incidents } from '@/db/schema';
import { incidentConditions } from '@/db/queries/incident-filter-sql';
import { sql, desc } from 'drizzle-orm';
import { filterParamsFromSearch, incidentFilterSchema } from '@/lib/validation/incident-filter';
const db = openDatabase(process.argv[2]);
const f = incidentFilterSchema.parse(filterParamsFromSearch(new URLSearchParams(process.argv[3])));
const q1 = db.select({ n: sql<number>`count(*)` }).from(incidents).where(incidentConditions(f)).toSQL();
const q2 = db.select({id: incidents.id}).from(incidents).where(incidentConditions(f)).orderBy(desc(incidents.occurredAt), desc(incidents.id)).limit(101).toSQL();
for (const q of [q1, q2]) {
  console.log(q.sql, q.params);
  console.log(db.$client.prepare('EXPLAIN QUERY PLAN ' + q.sql).all(...q.params));
  let t = performance.now(); db.$client.prepare(q.sql).all(...q.params); console.log('ms', performance.now() - t);
}
console.log(db.$client.prepare("select count(*) n from sqlite_stat1").get());
