import { getTableColumns } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { groups, incidents } from '@/db/schema';
import { loadGroupMatcherSync } from '@/db/services/ingest';
import { incidentInputSchema } from '@/lib/incidents/input';
import { normalizeIncident } from '@/lib/incidents/normalize';

/**
 * Stores incidents as a release at an older schema did, for upgrade tests: today's validation and
 * normalisation, but only the columns that schema has (today's writer reads and writes columns
 * that later migrations add). A group the matcher does not know is created, as the writer does.
 */
export function insertAtOldSchema(db: Db, bodies: Record<string, unknown>[], timeZone = 'Asia/Karachi'): number[] {
  const present = new Set(db.$client.prepare("SELECT name FROM pragma_table_info('incidents')").pluck().all() as string[]);
  const columns = Object.entries(getTableColumns(incidents)).filter(([, c]) => present.has(c.name) && c.name !== 'id');
  const insert = db.$client.prepare(
    `INSERT INTO incidents (${columns.map(([, c]) => c.name).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const matcher = loadGroupMatcherSync(db);
  return bodies.map((b, i) => {
    const input = incidentInputSchema.parse(b);
    const { content, newGroup } = normalizeIncident(input, { matcher, timeZone, sourceId: input.sourceId ?? `old-${i}` });
    if (newGroup)
      db.insert(groups)
        .values({ ...newGroup, aliases: JSON.stringify(newGroup.aliases) })
        .onConflictDoNothing()
        .run();
    const row: Record<string, unknown> = content;
    const now = Date.now();
    const values = columns.map(([key, c]) => {
      const v = row[key] ?? (key === 'createdAt' || key === 'updatedAt' ? now : c.default);
      return typeof v === 'boolean' ? Number(v) : (v ?? null);
    });
    return Number(insert.run(...values).lastInsertRowid);
  });
}
