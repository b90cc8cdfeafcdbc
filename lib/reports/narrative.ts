import type { Change } from './change';
import { percentChange } from './change';
import type { ChangeSet, Counts, IncidentRef, RegionRow, TrendWeek } from './types';
import { formatCalendarDate } from '@/lib/time/calendar-text';

/** Template-generated prose from the numbers alone (no external service, no free text from data but names). */
export interface NarrativeInput {
  week: string;
  range: string;
  totals: Counts;
  previous: Counts;
  change: ChangeSet;
  byRegion: RegionRow[];
  trend: TrendWeek[];
  /** Top claiming group per region id: label (abbreviation or name) and claimed count. */
  topClaims: Record<string, { label: string; claimed: number } | undefined>;
  deadliest: IncidentRef | null;
  imprecise: number;
  demo: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const fmt = (n: number) => n.toLocaleString('en-GB');

/** "rose 40% to 14", "fell 25% to 6", "were unchanged at 5", "rose to 3 from none". */
export function movement(c: Change): string {
  switch (c.kind) {
    case 'unchanged':
      return c.to === 0 ? 'remained at none' : `were unchanged at ${fmt(c.to)}`;
    case 'new':
      return `rose to ${fmt(c.to)} from none the week before`;
    case 'up':
      return `rose ${Math.abs(c.pct ?? 0) || '<1'}% to ${fmt(c.to)}`;
    case 'down':
      return c.to === 0 ? `fell to none from ${fmt(c.from)}` : `fell ${Math.abs(c.pct ?? 0) || '<1'}% to ${fmt(c.to)}`;
  }
}

/** ", the highest in 12 weeks" when the last week strictly exceeds every earlier one in the window. */
export function extremeNote(series: number[]): string {
  if (series.length < 2) return '';
  const last = series.at(-1)!;
  const earlier = series.slice(0, -1);
  if (last > 0 && earlier.every((v) => last > v)) return `, the highest in ${series.length} weeks`;
  if (earlier.every((v) => last < v)) return `, the lowest in ${series.length} weeks`;
  return '';
}

export function overallSentence(i: NarrativeInput): string {
  const { totals: t, previous: p } = i;
  const prevText = p.incidents === 0 ? 'none the week before' : `${fmt(p.incidents)} the week before`;
  if (t.incidents === 0) return `No incidents were recorded in ${i.week} (${i.range}), against ${prevText}.`;
  const c = i.change.incidents;
  const pct = c.kind === 'up' || c.kind === 'down' ? ` (${c.label})` : c.kind === 'new' ? ' (no baseline)' : '';
  return (
    `In ${i.week} (${i.range}) ${fmt(t.incidents)} ${t.incidents === 1 ? 'incident was' : 'incidents were'} recorded, ` +
    `against ${prevText}${pct}, with ${fmt(t.killed)} killed and ${fmt(t.injured)} injured; ` +
    `the situation ${i.change.direction === 'unchanged' ? 'was broadly unchanged' : i.change.direction}.`
  );
}

export function regionSentence(row: RegionRow, series: number[], claim?: { label: string; claimed: number }): string {
  const c = percentChange(row.previous.incidents, row.incidents);
  const claimText = claim && claim.claimed > 0 ? `; ${claim.label} claimed ${fmt(claim.claimed)}` : '';
  return `Attacks in ${row.name} ${movement(c)}${extremeNote(series)}${claimText}.`;
}

export function deadliestSentence(d: IncidentRef): string | null {
  if (!d.killed) return null;
  const what = d.subEventType.charAt(0).toLowerCase() + d.subEventType.slice(1);
  const article = /^[aeiou]/i.test(what) ? 'an' : 'a';
  return `The deadliest incident was ${article} ${what} at ${d.place} on ${formatCalendarDate(d.date)}${d.timePrecision > 1 ? ' (imprecise date)' : ''}, killing ${fmt(d.killed)}.`;
}

export function buildNarrative(i: NarrativeInput): string {
  const parts = [overallSentence(i)];
  const active = i.byRegion
    .filter((r) => r.region !== 'none' && (r.incidents > 0 || r.previous.incidents > 0))
    .sort((a, b) => b.incidents - a.incidents || b.previous.incidents - a.previous.incidents)
    .slice(0, 3);
  for (const r of active) {
    const series = i.trend.map((w) => w.byRegion[r.region]?.incidents ?? 0);
    parts.push(regionSentence(r, series, i.topClaims[r.region]));
  }
  const d = i.deadliest && deadliestSentence(i.deadliest);
  if (d) parts.push(d);
  if (i.imprecise > 0) {
    parts.push(
      `${plural(i.imprecise, 'incident has', 'incidents have')} only week or month precision and ${i.imprecise === 1 ? 'is' : 'are'} counted in the week of ${i.imprecise === 1 ? 'its' : 'their'} stored date.`,
    );
  }
  if (i.demo > 0) parts.push(`These figures include ${plural(i.demo, 'row')} of synthetic demo data.`);
  return parts.join(' ');
}
