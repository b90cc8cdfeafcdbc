import { REPORT_STATUSES } from '@/lib/intake/report-types';
import { isRegionId } from '@/lib/taxonomy/regions';
import type { QueueFilter } from '@/hooks/reports';

export { REPORT_STATUSES };

export interface TriageUrlState {
  filter: QueueFilter;
  /** The open report. */
  report: number | null;
}

const positiveInt = (v: string | null) => (v && /^[1-9]\d{0,15}$/.test(v) ? Number(v) : null);

/**
 * The page's state from its URL (status, sourceId, region, report), so a queue view can be
 * bookmarked and shared. Unknown or malformed values fall back to the defaults (the new queue).
 */
export function parseTriageUrl(params: URLSearchParams): TriageUrlState {
  const status = params.get('status');
  const region = params.get('region');
  return {
    filter: {
      status: REPORT_STATUSES.find((s) => s === status) ?? 'new',
      sourceId: positiveInt(params.get('sourceId')),
      region: region && (isRegionId(region) || region === 'none') ? region : null,
      q: params.get('q')?.trim().slice(0, 200) || null,
    },
    report: positiveInt(params.get('report')),
  };
}

/** The inverse of parseTriageUrl; defaults are left out. */
export function triageSearch(s: TriageUrlState): string {
  const p = new URLSearchParams();
  if (s.filter.status !== 'new') p.set('status', s.filter.status);
  if (s.filter.sourceId !== null) p.set('sourceId', String(s.filter.sourceId));
  if (s.filter.region) p.set('region', s.filter.region);
  if (s.filter.q) p.set('q', s.filter.q);
  if (s.report !== null) p.set('report', String(s.report));
  const qs = p.toString();
  return qs ? `?${qs}` : '';
}
