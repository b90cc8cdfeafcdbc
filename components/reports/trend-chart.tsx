'use client';
import 'uplot/dist/uPlot.min.css';
import uPlot from 'uplot';
import { useEffect, useMemo, useRef } from 'react';
import type { TrendWeek } from '@/lib/reports/types';

/** Okabe–Ito colours (colour-blind safe), one per region; "Elsewhere" in grey. */
export const REGION_COLOURS: Record<string, string> = {
  kp: '#0072B2',
  balochistan: '#E69F00',
  barmal: '#009E73',
  tajikistan: '#CC79A7',
  none: '#999999',
};
const INCIDENTS_COLOUR = '#56B4E9';
const KILLED_COLOUR = '#D55E00';

/** With its legend (at most two lines) a chart keeps the 460 × 200 px it had, so the brief still prints on two pages. */
const SIZE = { width: 460, height: 168 };
const FONT = '10px system-ui, sans-serif';

/** One drawn series: its name, colour, values per week, and whether it is a bar or a line. */
interface Series {
  name: string;
  colour: string;
  values: number[];
  kind: 'bar' | 'line';
}

interface ChartProps {
  title: string;
  weeks: string[];
  series: Series[];
  /** Bars of all series on top of each other (the region chart) instead of side by side. */
  stacked?: boolean;
}

/** Axis colours from the page's CSS variables: canvas cannot resolve them itself. */
function axisColours() {
  const css = getComputedStyle(document.documentElement);
  const read = (name: string) => css.getPropertyValue(name).trim() || '#888888';
  return { text: read('--muted'), grid: read('--border') };
}

/**
 * uPlot draws stacks as overlapping bars: each series is drawn as the running sum up to it, the
 * tallest first, so the shorter sums paint over it and each band shows its own share.
 */
function drawn(series: Series[], stacked: boolean): { series: Series[]; data: number[][] } {
  if (!stacked) return { series, data: series.map((s) => s.values) };
  const sums = series.map((_, i) => series[0].values.map((_, w) => series.slice(0, i + 1).reduce((t, s) => t + (s.values[w] ?? 0), 0)));
  return { series: [...series].reverse(), data: sums.reverse() };
}

function options(weeks: string[], series: Series[], readout: HTMLElement, describe: (i: number) => string): uPlot.Options {
  const colours = axisColours();
  const bars = uPlot.paths.bars!({ size: [0.7, 40] });
  return {
    ...SIZE,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { show: false }, y: false },
    scales: {
      x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] },
      y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.05))] },
    },
    axes: [
      {
        stroke: colours.text,
        font: FONT,
        size: 22,
        gap: 2,
        space: 34,
        incrs: [1, 2, 3, 4, 6, 12, 26, 52],
        grid: { show: false },
        ticks: { show: false },
        values: (_u, splits) => splits.map((i) => weeks[i] ?? ''),
      },
      // Whole numbers only: these are counts.
      {
        stroke: colours.text,
        font: FONT,
        size: 34,
        gap: 2,
        space: 24,
        incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000],
        grid: { stroke: colours.grid, width: 1, dash: [3, 3] },
        ticks: { show: false },
      },
    ],
    series: [
      {},
      ...series.map((s): uPlot.Series =>
        s.kind === 'bar'
          ? { label: s.name, stroke: s.colour, fill: s.colour, width: 0, points: { show: false }, paths: bars }
          : { label: s.name, stroke: s.colour, width: 2, points: { show: false } },
      ),
    ],
    hooks: { setCursor: [(u) => void (readout.textContent = u.cursor.idx == null ? '' : describe(u.cursor.idx))] },
  };
}

/** One small chart on a canvas; the legend and the hover readout are plain text beside it. */
function TrendChart({ title, weeks, series, stacked = false }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    const el = box.current!;
    const describe = (i: number) => `${weeks[i]}: ${series.map((s) => `${s.name} ${s.values[i] ?? 0}`).join(', ')}`;
    const plot = drawn(series, stacked);
    let u = new uPlot(options(weeks, plot.series, readout.current!, describe), [weeks.map((_, i) => i), ...plot.data], el);
    // Redraw in the new palette when the OS theme changes or the page is printed (the print
    // style sheet turns the page black on white).
    const rebuild = () => {
      u.destroy();
      u = new uPlot(options(weeks, plot.series, readout.current!, describe), [weeks.map((_, i) => i), ...plot.data], el);
    };
    const queries = [window.matchMedia('(prefers-color-scheme: dark)'), window.matchMedia('print')];
    for (const q of queries) q.addEventListener('change', rebuild);
    return () => {
      for (const q of queries) q.removeEventListener('change', rebuild);
      u.destroy();
    };
  }, [weeks, series, stacked]);

  const summary = series.map((s) => `${s.name}: ${s.values.reduce((t, v) => t + v, 0).toLocaleString('en-US')}`).join(', ');
  return (
    <figure>
      <figcaption className="trend-chart-title">{title}</figcaption>
      <div className="trend-chart-box" style={SIZE}>
        <div ref={box} role="img" aria-label={`${title}, weeks ${weeks[0]} to ${weeks.at(-1)}. Totals: ${summary}.`} />
        <span className="trend-chart-readout fw-muted tabular" ref={readout} aria-hidden />
      </div>
      <ul className="trend-chart-legend">
        {series.map((s) => (
          <li key={s.name}>
            <span className="trend-chart-swatch" style={{ background: s.colour, height: s.kind === 'line' ? 2 : undefined }} aria-hidden />
            {s.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** Incidents and killed per week, then incidents per week stacked by region. */
export function TrendCharts({ trend, regions }: { trend: TrendWeek[]; regions: { region: string; name: string }[] }) {
  // Memoised so that the charts are rebuilt only when the report changes.
  const { weeks, totals, byRegion } = useMemo(() => {
    const values = (pick: (w: TrendWeek) => number) => trend.map(pick);
    return {
      weeks: trend.map((w) => w.week.slice(5)),
      totals: [
        { name: 'Incidents', colour: INCIDENTS_COLOUR, values: values((w) => w.incidents), kind: 'bar' },
        { name: 'Killed', colour: KILLED_COLOUR, values: values((w) => w.killed), kind: 'line' },
      ] satisfies Series[],
      byRegion: regions.map((r): Series => ({
        name: r.name,
        colour: REGION_COLOURS[r.region] ?? '#777',
        values: values((w) => w.byRegion[r.region]?.incidents ?? 0),
        kind: 'bar',
      })),
    };
  }, [trend, regions]);
  return (
    <div className="trend-charts" data-testid="trend-chart">
      <TrendChart title="Incidents and killed per week" weeks={weeks} series={totals} />
      <TrendChart title="Incidents per week by region" weeks={weeks} series={byRegion} stacked />
    </div>
  );
}
