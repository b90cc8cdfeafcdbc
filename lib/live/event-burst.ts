'use client';
import type { AlertItem } from '@/lib/contract';
import type { IncidentItem } from '@/lib/incidents/item';
import type { ReportSummary } from '@/lib/intake/report-types';

export type IncidentEvent = IncidentItem | { id: number; deleted: true };

/** One stream event, held until the rest of its network read has been dispatched. */
export type LiveEvent =
  | { kind: 'incident'; data: IncidentEvent; seq: number }
  | { kind: 'alert'; data: AlertItem }
  | { kind: 'import' }
  | { kind: 'report'; data: ReportSummary };

/**
 * The server sends the frames of one write (an incident and the dozen alerts it fired) as one
 * chunk, and the browser dispatches its events back to back. They are handed over together on
 * the next task, so the caches are patched once and React draws the whole burst in one commit
 * instead of the incident first and its alerts a render later.
 */
export function eventBurst(apply: (events: LiveEvent[]) => void): { push: (e: LiveEvent) => void; cancel: () => void } {
  let queue: LiveEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const events = queue;
    queue = [];
    apply(events);
  };
  return {
    push: (e) => {
      queue.push(e);
      timer ??= setTimeout(flush, 0);
    },
    cancel: () => clearTimeout(timer),
  };
}
