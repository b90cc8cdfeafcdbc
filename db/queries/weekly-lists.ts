import type { Store } from '@/db/store';
import type { IncidentRecord } from '@/lib/incidents/record';
import type { AlertRef, IncidentRef } from '@/lib/reports/types';
import { dayToDate } from '@/lib/time/zone';
import { all, first, int, weekWhere, type WeeklyFilter } from './weekly-sql';

/** What REF_COLUMNS selects: stored incident columns and the group's display name. */
type RefRow = Pick<IncidentRecord, RefColumn> & { groupName: string };
type RefColumn =
  | 'id'
  | 'occurredAt'
  | 'occurredDay'
  | 'timePrecision'
  | 'location'
  | 'admin2'
  | 'admin1'
  | 'country'
  | 'region'
  | 'groupId'
  | 'eventType'
  | 'subEventType'
  | 'killed'
  | 'injured'
  | 'claimStatus';

// Aliases are quoted: PostgreSQL folds unquoted names to lower case.
const REF_COLUMNS = `i.id, i.occurred_at AS "occurredAt", i.occurred_day AS "occurredDay", i.time_precision AS "timePrecision",
  i.location, i.admin2, i.admin1, i.country, i.region, i.group_id AS "groupId", g.name AS "groupName",
  i.event_type AS "eventType", i.sub_event_type AS "subEventType", i.killed, i.injured, i.claim_status AS "claimStatus"`;

function toRef(r: RefRow): IncidentRef {
  return {
    id: r.id,
    date: dayToDate(r.occurredDay),
    occurredAt: new Date(r.occurredAt).toISOString(),
    timePrecision: r.timePrecision,
    place: [r.location, r.admin2 && r.admin2 !== r.location ? r.admin2 : null, r.admin1, r.country].filter(Boolean).join(', '),
    region: r.region,
    group: r.groupId,
    groupName: r.groupName,
    eventType: r.eventType,
    subEventType: r.subEventType,
    killed: r.killed,
    injured: r.injured,
    claimStatus: r.claimStatus,
    link: `/?incident=${r.id}`,
  };
}

async function refs(store: Store, startDay: number, f: WeeklyFilter, extra: string, order: string, limit: number): Promise<IncidentRef[]> {
  const w = weekWhere(startDay, startDay + 6, f, 'i');
  const text = `SELECT ${REF_COLUMNS} FROM incidents i JOIN groups g ON g.id = i.group_id
    WHERE ${w.sql}${extra} ORDER BY ${order} LIMIT @limit`;
  return (await all<RefRow>(store, text, { ...w.params, limit: int(limit) })).map(toRef);
}

/** The deadliest incidents of the week: killed, then injured, then earliest. */
export async function notableIncidents(store: Store, startDay: number, f: WeeklyFilter, limit = 5): Promise<IncidentRef[]> {
  return refs(store, startDay, f, '', 'COALESCE(i.killed, 0) DESC, COALESCE(i.injured, 0) DESC, i.occurred_at, i.id', limit);
}

/**
 * Cross-border incidents (first `crossLimit`, in time order) and imprecise ids (first
 * `impreciseLimit`, ascending) from one scan of the week: each separate scan costs one table
 * lookup per incident of the week.
 */
export async function flaggedIncidents(store: Store, startDay: number, f: WeeklyFilter, crossLimit = 50, impreciseLimit = 200) {
  const w = weekWhere(startDay, startDay + 6, f, 'i');
  // cross_border is 0/1 on SQLite and a boolean on PostgreSQL: tested as a truth value on both.
  const rows = await all<RefRow & { crossBorder: number | boolean }>(
    store,
    `SELECT ${REF_COLUMNS}, i.cross_border AS "crossBorder" FROM incidents i JOIN groups g ON g.id = i.group_id
     WHERE ${w.sql} AND (i.cross_border OR i.time_precision > 1) ORDER BY i.occurred_at, i.id`,
    w.params,
  );
  return {
    crossBorder: rows
      .filter((r) => r.crossBorder)
      .slice(0, crossLimit)
      .map(toRef),
    impreciseIds: rows
      .filter((r) => r.timePrecision > 1)
      .map((r) => r.id)
      .sort((a, b) => a - b)
      .slice(0, impreciseLimit),
  };
}

/** Alerts fired within the week's instants (all rules; alerts are not narrowed by the report filter). */
export async function alertsFiredBetween(store: Store, fromMs: number, toMs: number, limit = 200): Promise<AlertRef[]> {
  const rows = await all<Omit<AlertRef, 'firedAt'> & { firedAt: number }>(
    store,
    `SELECT a.id, r.name AS "ruleName", a.severity, a.status, a.fired_at AS "firedAt", a.summary
     FROM alerts a JOIN alert_rules r ON r.id = a.rule_id
     WHERE a.fired_at >= @from AND a.fired_at < @to ORDER BY a.fired_at, a.id LIMIT @limit`,
    { from: int(fromMs), to: int(toMs), limit: int(limit) },
  );
  return rows.map((r) => ({ ...r, firedAt: new Date(r.firedAt).toISOString() }));
}

export interface MapPoint {
  id: number;
  lat: number;
  lon: number;
  killed: number;
  group: string;
  colour: string;
}

/** Points for the static map of the week (capped; the deadliest first so the cap drops minor ones). */
export async function weekPoints(store: Store, startDay: number, f: WeeklyFilter, limit = 3000): Promise<MapPoint[]> {
  const w = weekWhere(startDay, startDay + 6, f, 'i');
  return all<MapPoint>(
    store,
    `SELECT i.id, i.lat, i.lon, COALESCE(i.killed, 0) AS killed, i.group_id AS "group", g.colour
     FROM incidents i JOIN groups g ON g.id = i.group_id WHERE ${w.sql} ORDER BY killed DESC, i.id LIMIT @limit`,
    { ...w.params, limit: int(limit) },
  );
}

/** Incident counts per week for `weeks` weeks from Monday `baseDay` (covering-index scan only). */
export async function weekCounts(
  store: Store,
  baseDay: number,
  weeks: number,
  f: WeeklyFilter,
): Promise<{ wk: number; incidents: number }[]> {
  const w = weekWhere(baseDay, baseDay + weeks * 7 - 1, f);
  return all<{ wk: number; incidents: number }>(
    store,
    `SELECT (occurred_day - @base) / 7 AS wk, COUNT(*) AS incidents FROM incidents WHERE ${w.sql} GROUP BY wk`,
    { ...w.params, base: int(baseDay) },
  );
}

/** Day numbers of the oldest and newest stored incidents, or null when there are none. */
export async function dataDayRange(store: Store): Promise<{ min: number; max: number } | null> {
  const r = (await first<{ min: number | null; max: number | null }>(
    store,
    'SELECT MIN(occurred_day) AS min, MAX(occurred_day) AS max FROM incidents',
  ))!;
  return r.min === null || r.max === null ? null : { min: r.min, max: r.max };
}

export async function groupNames(store: Store): Promise<Map<string, { name: string; abbreviation: string | null; colour: string }>> {
  const rows = await all<{ id: string; name: string; abbreviation: string | null; colour: string }>(
    store,
    'SELECT id, name, abbreviation, colour FROM groups',
  );
  return new Map(rows.map((r) => [r.id, r]));
}
