import { builder } from '@/db/engine';
import type { Store } from '@/db/store';
import { alerts, groups, incidents, type IncidentRow } from '@/db/schema';
import { addWeeks, formatWeek, parseWeek, weekOfDay } from '@/lib/time/iso-week';
import { localDay } from '@/lib/time/zone';

/**
 * An independent recount for tests: every raw row, its week computed from occurred_at with the
 * lib/time functions (not from the stored occurred_day), all sums done in plain JS.
 */
export interface Raw extends IncidentRow {
  weekId: string;
}

/** Every incident of the store (either engine), with its week recounted. */
export async function loadRaw(store: Store, timeZone: string): Promise<Raw[]> {
  return (await builder(store).select().from(incidents)).map((r) => {
    const day = r.hasTime ? localDay(r.occurredAt, timeZone) : Math.floor(r.occurredAt / 86_400_000);
    return { ...r, weekId: formatWeek(weekOfDay(day)) };
  });
}

export const shift = (week: string, n: number) => formatWeek(addWeeks(parseWeek(week)!, n));

export function select(rows: Raw[], week: string, f: { group?: string[]; region?: string[] } = {}): Raw[] {
  return rows.filter(
    (r) =>
      r.weekId === week &&
      (!f.group?.length || f.group.includes(r.groupId)) &&
      (!f.region?.length || f.region.includes(r.region ?? 'none')),
  );
}

const s = (rows: Raw[], get: (r: Raw) => number | null) => rows.reduce((n, r) => n + (get(r) ?? 0), 0);

export function counts(rows: Raw[]) {
  return { incidents: rows.length, killed: s(rows, (r) => r.killed), injured: s(rows, (r) => r.injured) };
}

export function totals(rows: Raw[]) {
  const unattributed = (r: Raw, k: 'killed' | 'injured') =>
    Math.max(0, (r[k] ?? 0) - (r[`${k}Security`] ?? 0) - (r[`${k}Civilians`] ?? 0) - (r[`${k}Militants`] ?? 0));
  return {
    ...counts(rows),
    killedBy: {
      security: s(rows, (r) => r.killedSecurity),
      civilians: s(rows, (r) => r.killedCivilians),
      militants: s(rows, (r) => r.killedMilitants),
      unattributed: s(rows, (r) => unattributed(r, 'killed')),
    },
    injuredBy: {
      security: s(rows, (r) => r.injuredSecurity),
      civilians: s(rows, (r) => r.injuredCivilians),
      militants: s(rows, (r) => r.injuredMilitants),
      unattributed: s(rows, (r) => unattributed(r, 'injured')),
    },
  };
}

export function groupBy<K>(rows: Raw[], key: (r: Raw) => K): Map<K, Raw[]> {
  const m = new Map<K, Raw[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}

/** The five deadliest of a week in the report's documented order (killed, injured, earliest). */
export function deadliest(rows: Raw[]): number[] {
  return [...rows]
    .sort((a, b) => (b.killed ?? 0) - (a.killed ?? 0) || (b.injured ?? 0) - (a.injured ?? 0) || a.occurredAt - b.occurredAt || a.id - b.id)
    .slice(0, 5)
    .map((r) => r.id);
}

/** (region, group) pairs of the week never seen in that region in any earlier week. */
export function newActors(all: Raw[], week: Raw[]): string[] {
  const pairs = new Set(week.filter((r) => r.region).map((r) => `${r.region}/${r.groupId}`));
  const before = new Set(all.filter((r) => r.region && r.weekId < week[0].weekId).map((r) => `${r.region}/${r.groupId}`));
  return [...pairs].filter((p) => !before.has(p)).sort();
}

export async function alertIdsBetween(store: Store, fromMs: number, toMs: number): Promise<number[]> {
  return (await builder(store).select().from(alerts))
    .filter((a) => a.firedAt >= fromMs && a.firedAt < toMs)
    .map((a) => a.id)
    .sort((a, b) => a - b);
}

export async function groupName(store: Store, id: string): Promise<string> {
  return (await builder(store).select().from(groups)).find((g) => g.id === id)!.name;
}
