import { getTableColumns } from 'drizzle-orm';
import type { Store } from '@/db/store';
import { incidents, type NewIncidentRow } from '@/db/schema';
import { incidents as pgIncidents } from '@/db/schema-pg';
import { executeHeld, executeNamed } from '@/db/pg/named-statements';
import type { IncidentFacts } from '@/lib/alerts/types';
import { toIncidentItem, type IncidentItem } from '@/lib/incidents/item';
import type { IncidentRow } from '@/db/schema';
import { RULES_VERSION_KEY } from './alert-rule-store';

/**
 * API posts' new incidents on PostgreSQL in ONE statement (one post's, or a group commit's several:
 * ./incident-group-commit-pg.ts): the inserts and their 'created' outbox rows, as
 * writeIncidentsConcurrent writes them, plus what the rest of the POST would otherwise
 * read in round trips of its own: the number of groups (the group matcher's freshness check,
 * loadGroupMatcher), the rules' version (alert-rule-cache.ts), and the stored row with its group
 * (the answers, the audit rows and the alert facts). The insert is guarded by that count: it only
 * happens if the matcher that chose the rows' groups knew every group the statement sees, so a
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
 * The statement for `count` rows that leave out the columns `omitted` (their DEFAULT applies, as
 * the query builder writes an undefined value): one text per shape and row count, and every API
 * post has the same shape. The outbox rows go in id order (the order of the VALUES list).
 */
function statementText(omitted: ReadonlySet<string>, count: number): string {
  const written = COLUMNS.filter((c) => !omitted.has(c.key));
  const n = written.length;
  const values = Array.from({ length: count }, (_, r) => `(${written.map((c, i) => `$${r * n + i + 1}::${c.type}`).join(', ')})`).join(
    ',\n    ',
  );
  const p = n * count;
  return `WITH g AS (SELECT count(*) AS n FROM groups),
won AS (
  INSERT INTO incidents (${written.map((c) => `"${c.name}"`).join(', ')})
  SELECT v.* FROM (VALUES ${values}) v, g WHERE g.n = $${p + 1}::bigint
  ON CONFLICT (source, source_id) DO NOTHING
  RETURNING ${READ.join(', ')}),
outbox AS (INSERT INTO events (type, ref_id, action, created_at) SELECT 'incident', id, 'created', $${p + 2}::bigint FROM won ORDER BY id)
SELECT g.n AS "groupCount", (SELECT value FROM meta WHERE key = $${p + 3}::text) AS "rulesVersion",
  won.*, gr.name AS "groupName", gr.colour AS "groupColour", gr.kind AS "groupKind"
FROM g LEFT JOIN won ON true LEFT JOIN groups gr ON gr.id = won."groupId"`;
}

const texts = new Map<string, string>();

/** A stored row: its answer and its alert facts. */
export interface InsertedIncident {
  item: IncidentItem;
  facts: IncidentFacts;
}

export type InsertMany =
  /** Per row of the call, its stored row, or null when its key exists already (nothing written for it). */
  | { kind: 'inserted'; rows: (InsertedIncident | null)[]; rulesVersion: string }
  /** Nothing written: the database holds a different number of groups than the matcher knew. */
  | { kind: 'groups-changed' };

type Returned = IncidentRow & {
  groupCount: number;
  rulesVersion: string | null;
  groupName: string;
  groupColour: string;
  groupKind: string;
};

/** Which columns a row leaves out (see statementText), as a key. */
function shapeOf(row: NewIncidentRow): string {
  let shape = '';
  for (const c of COLUMNS) if (row[c.key] === undefined) shape += `${c.key},`;
  return shape;
}

/** Rows insertIncidents can write in one statement: the same columns left out as the first row. */
export const sameShape = (a: NewIncidentRow, b: NewIncidentRow): boolean => shapeOf(a) === shapeOf(b);

/**
 * Inserts new incidents (see above; every row of the same shape, see sameShape) in the caller's
 * transaction, in one statement, if the database holds `groupCount` groups. A row whose key exists
 * already (or appears twice in `rows`: the first one wins) is left out and answered null.
 */
export async function insertIncidents(
  tx: Store,
  rows: NewIncidentRow[],
  now: number,
  groupCount: number,
  opts: { held?: boolean } = {},
): Promise<InsertMany> {
  const shape = shapeOf(rows[0]);
  const params: unknown[] = [];
  for (const row of rows) {
    if (shapeOf(row) !== shape) throw new Error('insertIncidents: rows of different shapes');
    for (const c of COLUMNS) if (row[c.key] !== undefined) params.push(row[c.key]);
  }
  const key = `${rows.length}:${shape}`;
  let text = texts.get(key);
  if (text === undefined) texts.set(key, (text = statementText(new Set(shape.split(',')), rows.length)));
  params.push(groupCount, now, RULES_VERSION_KEY);
  // Held: sent in front of the transaction's next query (db/pg/deferred-utility.ts), the alert
  // reads the caller issues before this answers (incident-writes.ts).
  const returned = (await (opts.held ? executeHeld : executeNamed)(tx, text, params)).rows as Returned[];
  if (returned[0].groupCount !== groupCount) return { kind: 'groups-changed' };
  const byKey = new Map<string, Returned>();
  for (const r of returned) if (r.id !== null) byKey.set(`${r.source}\u0000${r.sourceId}`, r);
  const out = rows.map((row) => {
    const r = byKey.get(`${row.source}\u0000${row.sourceId}`);
    if (!r) return null;
    byKey.delete(`${row.source}\u0000${row.sourceId}`); // a key twice in `rows`: only the first is stored
    return { item: toIncidentItem(r, r), facts: factsOf(r.id, r) };
  });
  return { kind: 'inserted', rows: out, rulesVersion: returned[0].rulesVersion ?? '' };
}

/** The alert facts of a row, stored (its id) or about to be (a stand-in id). */
export function factsOf(id: number, r: NewIncidentRow): IncidentFacts {
  return {
    id,
    occurredAt: r.occurredAt,
    groupId: r.groupId,
    region: r.region ?? null,
    eventType: r.eventType,
    subEventType: r.subEventType,
    killed: r.killed ?? null,
    injured: r.injured ?? null,
    crossBorder: r.crossBorder ?? false,
    lat: r.lat,
    lon: r.lon,
  };
}
