import { eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import { builder, engineOf, rows } from '@/db/engine';
import type { Store } from '@/db/store';
import { groups, incidents, type IncidentRow } from '@/db/schema';
import { cachedStatement } from '@/db/statement-cache';
import { toIncidentItem, type IncidentItem } from '@/lib/incidents/item';

/**
 * Full incident items. Every list page, live event and write response reads these; on SQLite
 * through raw prepared statements, since drizzle's generic result mapping (an entity check per
 * field per row) cost more than SQLite itself for a 100-row page. The column list and decoders
 * come from the schema, so the shape is drizzle's, which PostgreSQL reads through.
 */
const COLUMNS = Object.entries(getTableColumns(incidents)).map(([key, col]) => ({
  key,
  name: col.name,
  decode: col.dataType === 'boolean' ? (v: unknown) => col.mapFromDriverValue(v) : null,
}));
const SELECT = `SELECT ${COLUMNS.map((c) => `i."${c.name}"`).join(', ')}, g.name, g.colour, g.kind FROM incidents i JOIN groups g ON g.id = i.group_id`;
const GROUP_AT = COLUMNS.length;

/** Each column's place in a raw row of SELECT. */
const AT = Object.fromEntries(COLUMNS.map((c, k) => [c.key, k])) as Record<keyof IncidentRow, number>;
const BOOLEAN = (v: unknown): boolean => v === 1;
// The schema's boolean columns read through its own decoder, so a change there is caught here.
for (const c of COLUMNS)
  if (c.decode && (c.decode(1) !== true || c.decode(0) !== false)) throw new Error(`incident-rows: ${c.key} is not 0/1`);

/**
 * A raw row → the item, by position. A record built field by field from the column list (forty
 * property additions per row) cost ~1.2 µs more a row than this literal, which the row type
 * keeps complete: a new column fails to compile until it is read here.
 */
function toItem(r: unknown[]): IncidentItem {
  const row: IncidentRow = {
    id: r[AT.id] as number,
    source: r[AT.source] as string,
    sourceId: r[AT.sourceId] as string,
    occurredAt: r[AT.occurredAt] as number,
    occurredDay: r[AT.occurredDay] as number,
    hasTime: BOOLEAN(r[AT.hasTime]),
    timePrecision: r[AT.timePrecision] as number,
    country: r[AT.country] as string,
    admin1: r[AT.admin1] as string | null,
    admin2: r[AT.admin2] as string | null,
    admin3: r[AT.admin3] as string | null,
    location: r[AT.location] as string | null,
    lat: r[AT.lat] as number,
    lon: r[AT.lon] as number,
    geoPrecision: r[AT.geoPrecision] as number,
    region: r[AT.region] as string | null,
    eventType: r[AT.eventType] as string,
    subEventType: r[AT.subEventType] as string,
    groupId: r[AT.groupId] as string,
    actor1: r[AT.actor1] as string | null,
    assocActors: r[AT.assocActors] as string | null,
    actor2: r[AT.actor2] as string | null,
    claimStatus: r[AT.claimStatus] as IncidentRow['claimStatus'],
    target: r[AT.target] as IncidentRow['target'],
    killed: r[AT.killed] as number | null,
    injured: r[AT.injured] as number | null,
    killedSecurity: r[AT.killedSecurity] as number | null,
    killedCivilians: r[AT.killedCivilians] as number | null,
    killedMilitants: r[AT.killedMilitants] as number | null,
    injuredSecurity: r[AT.injuredSecurity] as number | null,
    injuredCivilians: r[AT.injuredCivilians] as number | null,
    injuredMilitants: r[AT.injuredMilitants] as number | null,
    crossBorder: BOOLEAN(r[AT.crossBorder]),
    sources: r[AT.sources] as string,
    sourceCount: r[AT.sourceCount] as number,
    mergedDatasets: r[AT.mergedDatasets] as number,
    sourceScale: r[AT.sourceScale] as string | null,
    verification: r[AT.verification] as IncidentRow['verification'],
    notes: r[AT.notes] as string | null,
    dataset: r[AT.dataset] as IncidentRow['dataset'],
    importBatchId: r[AT.importBatchId] as number | null,
    acledExtra: r[AT.acledExtra] as string | null,
    createdAt: r[AT.createdAt] as number,
    updatedAt: r[AT.updatedAt] as number,
  };
  return toIncidentItem(row, {
    groupName: r[GROUP_AT] as string,
    groupColour: r[GROUP_AT + 1] as string,
    groupKind: r[GROUP_AT + 2] as string,
  });
}

const selection = { incident: incidents, groupName: groups.name, groupColour: groups.colour, groupKind: groups.kind };

/** Items for the given ids, in the given order (missing ids are skipped); one statement for any count. */
export async function incidentItemsByIds(store: Store, ids: readonly number[]): Promise<IncidentItem[]> {
  if (engineOf(store) === 'sqlite') return incidentItemsByIdsSync(store, ids);
  if (!ids.length) return [];
  const found = await builder(store)
    .select(selection)
    .from(incidents)
    .innerJoin(groups, eq(groups.id, incidents.groupId))
    .where(inArray(incidents.id, [...ids]));
  const byId = new Map(found.map((r) => [r.incident.id, toIncidentItem(r.incident, r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function incidentItemById(store: Store, id: number): Promise<IncidentItem | null> {
  if (engineOf(store) === 'sqlite') return incidentItemByIdSync(store, id);
  return (await incidentItemsByIds(store, [id]))[0] ?? null;
}

/** incidentItemsByIds on a SQLite connection, synchronously (the list's hot path, synchronous SQLite transaction bodies). */
export function incidentItemsByIdsSync(store: Store, ids: readonly number[]): IncidentItem[] {
  if (!ids.length) return [];
  const db = sqlOf(store);
  const rows = cachedStatement(db, `${SELECT} WHERE i.id IN (SELECT value FROM json_each(?))`)
    .raw()
    .all(JSON.stringify(ids)) as unknown[][];
  const byId = new Map(rows.map((r) => [r[0] as number, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toItem(r)] : [];
  });
}

/** incidentItemById on a SQLite connection, synchronously (every write response on SQLite reads one). */
export function incidentItemByIdSync(store: Store, id: number): IncidentItem | null {
  const r = cachedStatement(sqlOf(store), `${SELECT} WHERE i.id = ?`).raw().get(id) as unknown[] | undefined;
  return r ? toItem(r) : null;
}

// Every column under its field name: a raw read gives the row drizzle's builder would.
const PG_SELECT = sql.raw(
  `SELECT ${COLUMNS.map((c) => `i."${c.name}" AS "${c.key}"`).join(', ')}, g.name AS "groupName", g.colour AS "groupColour", g.kind AS "groupKind"
     FROM incidents i JOIN groups g ON g.id = i.group_id`,
);

/**
 * incidentItemById on PostgreSQL as one raw read, so that a batching view (db/pg/read-batch.ts)
 * can send it with other reads: a write's answer is read with its alert evaluation's first reads.
 * Every column is a number, text or boolean, which that view carries unchanged.
 */
export async function incidentItemByIdRaw(store: Store, id: number): Promise<IncidentItem | null> {
  if (engineOf(store) === 'sqlite') return incidentItemByIdSync(store, id);
  const [r] = await rows<IncidentRow & { groupName: string; groupColour: string; groupKind: string }>(
    store,
    sql`${PG_SELECT} WHERE i.id = ${id}`,
  );
  return r ? toIncidentItem(r, r) : null;
}

/** An item with the ACLED columns its import kept (the `acled_extra` JSON text), as the exports read it. */
export interface ExportRow {
  item: IncidentItem;
  acledExtra: string | null;
}

const EXTRA_AT = COLUMNS.findIndex((c) => c.key === 'acledExtra');

/**
 * Export rows for the given ids, in the given order (missing ids are skipped): one read per chunk
 * of an export. SQLite reads raw arrays through a cached statement (no per-field mapping).
 */
export async function exportRowsByIds(store: Store, ids: readonly number[]): Promise<ExportRow[]> {
  if (!ids.length) return [];
  if (engineOf(store) === 'sqlite') {
    const found = cachedStatement(sqlOf(store), `${SELECT} WHERE i.id IN (SELECT value FROM json_each(?))`)
      .raw()
      .all(JSON.stringify(ids)) as unknown[][];
    const byId = new Map(found.map((r) => [r[0] as number, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [{ item: toItem(r), acledExtra: r[EXTRA_AT] as string | null }] : [];
    });
  }
  const found = await builder(store)
    .select(selection)
    .from(incidents)
    .innerJoin(groups, eq(groups.id, incidents.groupId))
    .where(inArray(incidents.id, [...ids]));
  const byId = new Map(found.map((r) => [r.incident.id, { item: toIncidentItem(r.incident, r), acledExtra: r.incident.acledExtra }]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
