'use client';
import 'uplot/dist/uPlot.min.css';
import uPlot from 'uplot';
import { useEffect, useRef } from 'react';
import type { TimelineBin } from '@/db/queries/timeline';
import { useThemeColours, type ThemeColours } from '@/components/map/theme-colours';
import { formatCalendarDate } from '@/lib/time/calendar-text';

export interface TimelineChartProps {
  bins: TimelineBin[];
  bucket: 'day' | 'week';
  /** Bin start highlighted while playing. */
  current: string | null;
  onRange: (first: string, last: string) => void;
}

/** Past this many bins one stepped area replaces the bars. */
const MAX_BARS = 90;
const FONT = '11px system-ui, sans-serif';
const X_STEPS = [1, 2, 3, 7, 13, 14, 26, 28, 52, 91, 104, 182, 260, 365, 520, 730, 1040];
const Y_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000];
type Latest = Pick<TimelineChartProps, 'bins' | 'bucket' | 'current' | 'onRange'>;

const toData = (bins: TimelineBin[]): uPlot.AlignedData => [bins.map((_, i) => i), bins.map((b) => b.count)];
const describe = (l: Latest, i: number) => {
  const b = l.bins[i];
  return b
    ? `${l.bucket === 'week' ? `Week of ${formatCalendarDate(b.start)}` : formatCalendarDate(b.start)}: ${b.count.toLocaleString('en-US')} incidents`
    : '';
};

/**
 * The timeline on one canvas (uPlot): a few hundred weekly bins draw in about a millisecond and
 * add no DOM per bin. Press-drag-release selects a range of bins, a click selects one.
 */
function options(el: HTMLElement, theme: ThemeColours, bars: boolean, latest: { current: Latest }, readout: HTMLElement): uPlot.Options {
  const highlight = (u: uPlot) => {
    const i = latest.current.current ? latest.current.bins.findIndex((b) => b.start === latest.current.current) : -1;
    if (i < 0) return;
    const x0 = u.valToPos(i - 0.5, 'x', true);
    const x1 = u.valToPos(i + 0.5, 'x', true);
    u.ctx.save();
    u.ctx.globalAlpha = 0.35;
    u.ctx.fillStyle = theme.live;
    u.ctx.fillRect(x0, u.bbox.top, Math.max(2, x1 - x0), u.bbox.height);
    u.ctx.restore();
  };
  return {
    width: el.clientWidth,
    height: el.clientHeight,
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false }, y: false },
    scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
    axes: [
      {
        stroke: theme.muted,
        font: FONT,
        size: 22,
        gap: 2,
        space: 90,
        incrs: X_STEPS,
        grid: { show: false },
        ticks: { show: false },
        values: (_u, splits) => splits.map((i) => formatCalendarDate(latest.current.bins[i]?.start ?? '')),
      },
      {
        stroke: theme.muted,
        font: FONT,
        size: 40,
        gap: 2,
        space: 24,
        incrs: Y_STEPS,
        grid: { stroke: theme.border, width: 1 },
        ticks: { show: false },
      },
    ],
    series: [
      {},
      {
        stroke: theme.accent,
        fill: `${theme.accent}80`,
        width: bars ? 0 : 1,
        points: { show: false },
        paths: bars ? uPlot.paths.bars!({ size: [0.8, Infinity] }) : uPlot.paths.stepped!({ align: 1 }),
      },
    ],
    hooks: {
      draw: [highlight],
      setCursor: [(u) => void (readout.textContent = u.cursor.idx == null ? '' : describe(latest.current, u.cursor.idx))],
    },
  };
}

/** Runs `run` once the main thread is idle (at the latest after a second); returns its cancel. */
function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 1);
  return () => clearTimeout(id);
}

export default function TimelineChart(props: TimelineChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLSpanElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef<Latest>(props);
  useEffect(() => {
    latest.current = props;
  });
  const theme = useThemeColours();
  const bars = props.bins.length <= MAX_BARS;

  useEffect(() => {
    const el = box.current!;
    let u: uPlot | null = null;
    const finish = () => {
      if (!u) return;
      const { left, width } = u.select;
      const a = width > 0 ? u.posToIdx(left) : u.cursor.idx;
      const b = width > 0 ? u.posToIdx(left + width) : a;
      const bins = latest.current.bins;
      if (a != null && b != null && bins[a] && bins[b]) latest.current.onRange(bins[Math.min(a, b)].start, bins[Math.max(a, b)].start);
    };
    const onDown = () => document.addEventListener('mouseup', finish, { once: true });
    const resize = new ResizeObserver(() => u?.setSize({ width: el.clientWidth, height: el.clientHeight }));
    // The chart is built when the page is idle (or within a second), not in the commit that shows
    // the dashboard: building it (a forced layout, the axes, the canvas) is a long task of its own.
    // It draws the newest bins then (`latest`), whatever arrived in between.
    const build = () => {
      u = new uPlot(options(el, theme, bars, latest, readout.current!), toData(latest.current.bins), el);
      plot.current = u;
      u.over.addEventListener('mousedown', onDown);
      resize.observe(el);
    };
    const idle = whenIdle(build);
    return () => {
      idle();
      resize.disconnect();
      u?.over.removeEventListener('mousedown', onDown);
      document.removeEventListener('mouseup', finish);
      u?.destroy();
      plot.current = null;
    };
  }, [theme, bars]);

  // New bins are drawn after the next frame: uPlot redraws synchronously (a forced layout and
  // the canvas work), which would otherwise hold back the paint of the list and alerts that
  // a live event updates in the same commit.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        const u = plot.current;
        if (!u) return;
        u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        u.setData(toData(props.bins));
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [props.bins]);
  // The draw hook reads the highlighted bin through `latest`; a new one only needs a redraw.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the dependency is the trigger, not an input
  useEffect(() => plot.current?.redraw(false), [props.current]);

  const first = props.bins[0]?.start;
  const last = props.bins.at(-1)?.start;
  const peak = props.bins.reduce((m, b) => Math.max(m, b.count), 0);
  return (
    <div
      className="fw-chart-canvas"
      ref={box}
      role="img"
      aria-label={`Incidents per ${props.bucket} from ${formatCalendarDate(first ?? '')} to ${formatCalendarDate(last ?? '')}, at most ${peak.toLocaleString('en-US')} in one ${props.bucket}`}
    >
      <span className="fw-chart-readout fw-muted tabular" ref={readout} aria-hidden />
    </div>
  );
}
