import { getTableColumns } from 'drizzle-orm';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { incidents, type IncidentRow } from '@/db/schema';
import { cachedStatement } from '@/db/statement-cache';
import { toIncidentItem, type IncidentItem } from '@/lib/incidents/item';

/**
 * Full incident items read through raw prepared statements. Every list page, live event and write
 * response reads these; drizzle's generic result mapping (an entity check per field per row) cost
 * more than SQLite itself for a 100-row page. The column list and decoders come from the schema,
 * so the shape is drizzle's.
 */
const COLUMNS = Object.entries(getTableColumns(incidents)).map(([key, col]) => ({
  key,
  name: col.name,
  decode: col.dataType === 'boolean' ? (v: unknown) => col.mapFromDriverValue(v) : null,
}));
const SELECT = `SELECT ${COLUMNS.map((c) => `i."${c.name}"`).join(', ')}, g.name, g.colour, g.kind FROM incidents i JOIN groups g ON g.id = i.group_id`;
const GROUP_AT = COLUMNS.length;

function toItem(raw: unknown[]): IncidentItem {
  const row: Record<string, unknown> = {};
  for (let k = 0; k < GROUP_AT; k++) {
    const c = COLUMNS[k];
    row[c.key] = c.decode && raw[k] !== null ? c.decode(raw[k]) : raw[k];
  }
  return toIncidentItem(row as IncidentRow, {
    groupName: raw[GROUP_AT] as string,
    groupColour: raw[GROUP_AT + 1] as string,
    groupKind: raw[GROUP_AT + 2] as string,
  });
}

/** Items for the given ids, in the given order (missing ids are skipped); one statement for any count. */
export function incidentItemsByIds(db: Db, ids: readonly number[]): IncidentItem[] {
  if (!ids.length) return [];
  const rows = cachedStatement(db, `${SELECT} WHERE i.id IN (SELECT value FROM json_each(?))`)
    .raw()
    .all(JSON.stringify(ids)) as unknown[][];
  const byId = new Map(rows.map((r) => [r[0] as number, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toItem(r)] : [];
  });
}

export function incidentItemById(store: Store, id: number): IncidentItem | null {
  const db = sqlOf(store);
  const r = cachedStatement(db, `${SELECT} WHERE i.id = ?`).raw().get(id) as unknown[] | undefined;
  return r ? toItem(r) : null;
}
