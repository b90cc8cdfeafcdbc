'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch, ApiError } from '@/components/alerts/alert-api';
import { refetchAfterWrite, setAfterWrite } from '@/hooks/after-write';
import { REPORTS_KEY } from '@/hooks/reports';
import { LIVE_KEYS } from '@/hooks/queries';
import type { IncidentItem } from '@/lib/incidents/item';
import type { ReportDraft, ReportItem } from '@/lib/intake/report-types';

export type Decision =
  | { action: 'accept'; overrides: Partial<ReportDraft> }
  | { action: 'merge'; incidentId: number; adoptFigures: boolean }
  | { action: 'dismiss'; reason: string | null };

export interface DecisionResult {
  report: ReportItem;
  incident?: IncidentItem;
}

function body(d: Decision): unknown {
  if (d.action === 'accept') return d.overrides;
  if (d.action === 'merge') return { incidentId: d.incidentId, adoptFigures: d.adoptFigures };
  return d.reason ? { reason: d.reason } : {};
}

/**
 * Accept, merge or dismiss one report. Afterwards the queue, the count and (for accept and merge)
 * the incident views refetch; the live stream tells the other open pages. A 409 (another analyst
 * decided first) refetches the report so the page shows who did.
 */
export function useDecision(reportId: number, onDecided: (r: DecisionResult, d: Decision) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (d: Decision) => apiFetch<DecisionResult>(`/api/reports/${reportId}/${d.action}`, { method: 'POST', body: body(d) }),
    onSuccess: async (r, d) => {
      if (r.report) await setAfterWrite(client, [...REPORTS_KEY, 'one', reportId], r.report);
      if (r.incident) await setAfterWrite(client, ['incident', r.incident.id], r.incident);
      onDecided(r, d);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 409) void refetchAfterWrite(client, [[...REPORTS_KEY, 'one', reportId]]);
    },
    onSettled: (_r, _e, d) => void refetchAfterWrite(client, d.action === 'dismiss' ? [REPORTS_KEY] : [REPORTS_KEY, ...LIVE_KEYS]),
  });
}
