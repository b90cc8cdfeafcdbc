import { getTableColumns } from 'drizzle-orm';
import type { Store } from '@/db/store';
import { incidents, type NewIncidentRow } from '@/db/schema';
import { incidents as pgIncidents } from '@/db/schema-pg';
import { executeNamed } from '@/db/pg/named-statements';
import type { IncidentFacts } from '@/lib/alerts/types';
import { toIncidentItem, type IncidentItem } from '@/lib/incidents/item';
import type { IncidentRow } from '@/db/schema';
import { RULES_VERSION_KEY } from './alert-rule-store';

/**
 * One API post's new incident on PostgreSQL in ONE statement: the insert and its 'created' outbox
 * row, as writeIncidentsConcurrent writes them, plus what the rest of the POST would otherwise
 * read in round trips of its own: the number of groups (the group matcher's freshness check,
 * loadGroupMatcher), the rules' version (alert-rule-cache.ts), and the stored row with its group
 * (the answer, the audit row and the alert facts). The insert is guarded by that count: it only
 * happens if the matcher that chose the row's group knew every group the statement sees, so a
 * group added by another instance meanwhile is never missed (the caller reloads the matcher and
 * takes the general path). The text is built once from the schema (no query building per post)
 * and runs as a named statement (db/pg/named-statements.ts).
 */

/** The incident columns, with their PostgreSQL types (INSERT … SELECT needs typed parameters). */
const COLUMNS = Object.entries(getTableColumns(incidents))
  .filter(([key]) => key !== 'id')
  .map(([key, col]) => {
    const target = getTableColumns(pgIncidents)[key as keyof typeof pgIncidents._.columns];
    return { key: key as keyof NewIncidentRow, name: col.name, type: target.getSQLType() };
  });
const READ = Object.entries(getTableColumns(incidents)).map(([key, col]) => `"${col.name}" AS "${key}"`);

/**
 * The statement for rows that leave out the columns `omitted` (their DEFAULT applies, as the query
 * builder writes an undefined value): one text per shape, and every API post has the same shape.
 */
function statementText(omitted: ReadonlySet<string>): string {
  const written = COLUMNS.filter((c) => !omitted.has(c.key));
  const n = written.length;
  return `WITH g AS (SELECT count(*) AS n FROM groups),
won AS (
  INSERT INTO incidents (${written.map((c) => `"${c.name}"`).join(', ')})
  SELECT ${written.map((c, i) => `$${i + 1}::${c.type}`).join(', ')} FROM g WHERE g.n = $${n + 1}::bigint
  ON CONFLICT (source, source_id) DO NOTHING
  RETURNING ${READ.join(', ')}),
outbox AS (INSERT INTO events (type, ref_id, action, created_at) SELECT 'incident', id, 'created', $${n + 2}::bigint FROM won)
SELECT g.n AS "groupCount", (SELECT value FROM meta WHERE key = $${n + 3}::text) AS "rulesVersion",
  won.*, gr.name AS "groupName", gr.colour AS "groupColour", gr.kind AS "groupKind"
FROM g LEFT JOIN won ON true LEFT JOIN groups gr ON gr.id = won."groupId"`;
}

const texts = new Map<string, string>();

export type InsertOne =
  /** Stored: the row as stored (its answer), its alert facts and the rules' version seen. */
  | { kind: 'inserted'; item: IncidentItem; facts: IncidentFacts; rulesVersion: string }
  /** Nothing written: the key exists already (or another transaction just took it). */
  | { kind: 'conflict' }
  /** Nothing written: the database holds a different number of groups than the matcher knew. */
  | { kind: 'groups-changed' };

type Returned = IncidentRow & {
  groupCount: number;
  rulesVersion: string | null;
  groupName: string;
  groupColour: string;
  groupKind: string;
};

/** Inserts one new incident (see above) in the caller's transaction, if the database holds `groupCount` groups. */
export async function insertOneIncident(tx: Store, row: NewIncidentRow, now: number, groupCount: number): Promise<InsertOne> {
  const params: unknown[] = [];
  let shape = '';
  for (const c of COLUMNS) {
    const v = row[c.key];
    if (v === undefined) shape += `${c.key},`;
    else params.push(v);
  }
  let text = texts.get(shape);
  if (text === undefined) texts.set(shape, (text = statementText(new Set(shape.split(',')))));
  params.push(groupCount, now, RULES_VERSION_KEY);
  const r = (await executeNamed(tx, text, params)).rows[0] as Returned;
  if (r.groupCount !== groupCount) return { kind: 'groups-changed' };
  if (r.id === null) return { kind: 'conflict' };
  const facts: IncidentFacts = {
    id: r.id,
    occurredAt: r.occurredAt,
    groupId: r.groupId,
    region: r.region,
    eventType: r.eventType,
    subEventType: r.subEventType,
    killed: r.killed,
    injured: r.injured,
    crossBorder: r.crossBorder,
    lat: r.lat,
    lon: r.lon,
  };
  return { kind: 'inserted', item: toIncidentItem(r, r), facts, rulesVersion: r.rulesVersion ?? '' };
}
