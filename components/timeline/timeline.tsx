'use client';
import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useEffect, useRef, useState } from 'react';
import type { Timeline as TimelineData } from '@/db/queries/timeline';
import { timelineQuery } from '@/hooks/queries';
import type { ViewFilter } from '@/lib/filters/schema';
import { dayNumber, dayToDate } from '@/lib/time/zone';
import { formatCalendarDate } from '@/lib/time/calendar-text';

// The chart library and its canvas code are not needed for the first paint: load them after it.
const TimelineChart = dynamic(() => import('./timeline-chart'), { ssr: false, loading: () => <div className="fw-chart-placeholder" /> });

const PLAY_STEP_MS = 900;
const binEnd = (start: string, bucket: 'day' | 'week') => (bucket === 'week' ? dayToDate(dayNumber(start) + 6) : start);

/**
 * Histogram of the filter; dragging selects from/to. Play steps the whole dashboard through
 * the bins one at a time (via the URL, like any filter change), then restores the window.
 */
export function Timeline({
  qs,
  filter,
  onRange,
}: {
  qs: string;
  filter: ViewFilter;
  onRange: (r: Pick<ViewFilter, 'from' | 'to'>, replace?: boolean) => void;
}) {
  const { data, isPending } = useQuery(timelineQuery(qs));
  const [play, setPlay] = useState<{ frozen: TimelineData; index: number; from?: string; to?: string } | null>(null);
  const onRangeRef = useRef(onRange);
  useEffect(() => {
    onRangeRef.current = onRange;
  });

  useEffect(() => {
    if (!play) return;
    const bin = play.frozen.bins[play.index];
    onRangeRef.current({ from: bin.start, to: binEnd(bin.start, play.frozen.bucket) }, true);
    // After the last bin the step restores the window itself (Stop clears this timer first).
    const t = setTimeout(() => {
      if (play.index + 1 < play.frozen.bins.length) return setPlay({ ...play, index: play.index + 1 });
      onRangeRef.current({ from: play.from, to: play.to }, true);
      setPlay(null);
    }, PLAY_STEP_MS);
    return () => clearTimeout(t);
  }, [play]);

  const shown = play?.frozen ?? data;
  const total = shown?.bins.reduce((s, b) => s + b.count, 0) ?? 0;
  const togglePlay = () => {
    if (play) {
      onRange({ from: play.from, to: play.to }, true);
      setPlay(null);
    } else if (data?.bins.length) setPlay({ frozen: data, index: 0, from: filter.from, to: filter.to });
  };

  return (
    <section className="fw-panel fw-timeline" aria-label="Timeline">
      <div className="fw-timeline-head">
        <button type="button" className="fw-button" onClick={togglePlay} disabled={!data?.bins.length} aria-pressed={!!play}>
          {play ? 'Stop' : 'Play'}
        </button>
        <span className="fw-muted">
          {shown ? `Incidents per ${shown.bucket} (${shown.timeZone})` : 'Incidents over time'}
          {play && ` · showing ${formatCalendarDate(play.frozen.bins[play.index]?.start ?? '')}`}
        </span>
        <span className="fw-muted fw-hint">Drag across the bars to set the time window</span>
      </div>
      <div className="fw-chart" data-testid="timeline">
        {shown && total > 0 ? (
          <TimelineChart
            bins={shown.bins}
            bucket={shown.bucket}
            current={play ? (play.frozen.bins[play.index]?.start ?? null) : null}
            onRange={(a, b) => onRange({ from: a, to: binEnd(b, shown.bucket) })}
          />
        ) : (
          <p className="fw-muted fw-pad">{isPending ? 'Loading timeline…' : 'Nothing in this window.'}</p>
        )}
      </div>
    </section>
  );
}
