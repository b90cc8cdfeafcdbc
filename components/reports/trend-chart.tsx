'use client';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendWeek } from '@/lib/reports/types';

/** Okabe–Ito colours (colour-blind safe), one per region; "Elsewhere" in grey. */
export const REGION_COLOURS: Record<string, string> = {
  kp: '#0072B2',
  balochistan: '#E69F00',
  barmal: '#009E73',
  tajikistan: '#CC79A7',
  none: '#999999',
};

const CHART = { width: 460, height: 200, margin: { top: 8, right: 8, bottom: 0, left: -12 } };

/** Grid, axes, tooltip and legend shared by both charts (returned as an array: Recharts reads direct children). */
const axes = () => [
  <CartesianGrid key="grid" strokeDasharray="3 3" stroke="var(--border)" />,
  <XAxis key="x" dataKey="week" fontSize={10} />,
  <YAxis key="y" fontSize={10} allowDecimals={false} />,
  <Tooltip key="tip" />,
  <Legend key="legend" wrapperStyle={{ fontSize: 11 }} />,
];

export function TrendCharts({ trend, regions }: { trend: TrendWeek[]; regions: { region: string; name: string }[] }) {
  const data = trend.map((w) => ({
    week: w.week.slice(5),
    incidents: w.incidents,
    killed: w.killed,
    ...Object.fromEntries(regions.map((r) => [r.region, w.byRegion[r.region]?.incidents ?? 0])),
  }));
  return (
    <div className="trend-charts" data-testid="trend-chart">
      <figure>
        <figcaption className="text-sm font-medium">Incidents and killed per week</figcaption>
        <ComposedChart {...CHART} data={data}>
          {axes()}
          <Bar dataKey="incidents" name="Incidents" fill="#56B4E9" isAnimationActive={false} />
          <Line dataKey="killed" name="Killed" stroke="#D55E00" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </figure>
      <figure>
        <figcaption className="text-sm font-medium">Incidents per week by region</figcaption>
        <BarChart {...CHART} data={data}>
          {axes()}
          {regions.map((r) => (
            <Bar key={r.region} dataKey={r.region} name={r.name} stackId="regions" fill={REGION_COLOURS[r.region] ?? '#777'} isAnimationActive={false} />
          ))}
        </BarChart>
      </figure>
    </div>
  );
}
