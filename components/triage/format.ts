import type { ReportItem } from '@/lib/intake/report-types';
import { REGION_BY_ID, isRegionId } from '@/lib/taxonomy/regions';

const formats = new Map<string, Intl.DateTimeFormat>();
/** "6 Dec 2026, 11:30 PKT": reports carry instants, shown in the deployment's reporting zone like the incident detail. */
export function formatInstant(iso: string | null, timeZone: string): string {
  if (!iso) return 'date unknown';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
      timeZoneName: 'short',
    });
    formats.set(timeZone, f);
  }
  return f.format(d);
}

export const regionName = (id: string | null) => (id && isRegionId(id) ? (REGION_BY_ID.get(id)?.name ?? id) : null);

/** The outlet as the queue names it: the source's name, else the URL's host, else "Pasted". */
export function outletOf(r: Pick<ReportItem, 'sourceName' | 'url'>): string {
  if (r.sourceName) return r.sourceName;
  if (r.url) {
    try {
      return new URL(r.url).host;
    } catch {
      // fall through: not a URL
    }
  }
  return 'Pasted';
}

const VERB = { accepted: 'Accepted as', merged: 'Merged into', dismissed: 'Dismissed' } as const;

/** "Accepted as incident #12 by ana@desk on 6 Dec 2026, 11:30 PKT" for a decided report; null while it is new. */
export function decisionText(r: ReportItem, timeZone: string): string | null {
  if (r.status === 'new') return null;
  const what = r.status === 'dismissed' ? VERB.dismissed : `${VERB[r.status]} incident #${r.incidentId ?? '?'}`;
  const by = r.decidedBy ? ` by ${r.decidedBy}` : '';
  const when = r.decidedAt ? ` on ${formatInstant(r.decidedAt, timeZone)}` : '';
  const why = r.status === 'dismissed' && r.dismissReason ? ` (${r.dismissReason})` : '';
  return `${what}${by}${when}${why}`;
}
