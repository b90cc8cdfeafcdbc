import type { Store } from '@/db/store';
import type { ClaimRef } from '@/lib/reports/types';
import { dayToDate } from '@/lib/time/zone';
import { all, incidentFilterWhere, int, type WeeklyFilter } from './weekly-sql';

type Row = {
  kind: 'claim' | 'denial';
  groupId: string;
  groupName: string | null;
  by: string | null;
  at: number;
  incidentId: number;
  occurredDay: number;
  location: string | null;
  admin2: string | null;
  admin1: string | null;
  country: string;
};

/**
 * Claims and denials made in [fromMs, toMs) — when the report carrying them was published — on
 * incidents inside the brief's group/region filter, oldest first. Official attributions are not
 * listed: the brief reports what the groups themselves said.
 */
export async function weekClaims(store: Store, fromMs: number, toMs: number, f: WeeklyFilter, limit = 100): Promise<ClaimRef[]> {
  const w = incidentFilterWhere(f, 'i');
  const rows = await all<Row>(
    store,
    `SELECT c.kind, c.group_id AS "groupId", g.name AS "groupName", c.by, c.at, i.id AS "incidentId", i.occurred_day AS "occurredDay",
       i.location, i.admin2, i.admin1, i.country
     FROM incident_claims c JOIN incidents i ON i.id = c.incident_id LEFT JOIN groups g ON g.id = c.group_id
     WHERE c.at >= @fromMs AND c.at < @toMs AND c.kind IN ('claim', 'denial') AND ${w.sql}
     ORDER BY c.at, c.id LIMIT @limit`,
    { ...w.params, fromMs: int(fromMs), toMs: int(toMs), limit: int(limit) },
  );
  return rows.map((r) => ({
    kind: r.kind,
    group: r.groupId,
    groupName: r.groupName ?? r.groupId,
    by: r.by,
    at: new Date(r.at).toISOString(),
    incidentId: r.incidentId,
    incidentDate: dayToDate(r.occurredDay),
    place: [r.location, r.admin2 && r.admin2 !== r.location ? r.admin2 : null, r.admin1, r.country].filter(Boolean).join(', '),
    link: `/?incident=${r.incidentId}`,
  }));
}
