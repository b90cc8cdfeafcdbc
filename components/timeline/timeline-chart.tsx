'use client';
import { useState } from 'react';
import { Area, AreaChart, Bar, BarChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis, type MouseHandlerDataParam } from 'recharts';
import type { TimelineBin } from '@/db/queries/timeline';

export interface TimelineChartProps {
  bins: TimelineBin[];
  bucket: 'day' | 'week';
  /** Bin start highlighted while playing. */
  current: string | null;
  onRange: (first: string, last: string) => void;
}

const label = (v: MouseHandlerDataParam) => (typeof v.activeLabel === 'string' ? v.activeLabel : null);

/** Past this many bins one stepped area (a single SVG path) replaces the bars (two DOM nodes each). */
const MAX_BARS = 90;

/** Bars per bin; press-drag-release across bars selects a range (a click selects one bin). */
export default function TimelineChart({ bins, bucket, current, onRange }: TimelineChartProps) {
  const [drag, setDrag] = useState<{ a: string; b: string } | null>(null);
  const finish = () => {
    if (drag) {
      const [first, last] = drag.a <= drag.b ? [drag.a, drag.b] : [drag.b, drag.a];
      onRange(first, last);
    }
    setDrag(null);
  };
  const Chart = bins.length > MAX_BARS ? AreaChart : BarChart;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <Chart
        data={bins}
        margin={{ top: 6, right: 8, bottom: 0, left: 0 }}
        onMouseDown={(s) => {
          const l = label(s);
          if (l) setDrag({ a: l, b: l });
        }}
        onMouseMove={(s) => {
          const l = label(s);
          if (drag && l) setDrag({ ...drag, b: l });
        }}
        onMouseUp={finish}
        onMouseLeave={() => setDrag(null)}
      >
        <XAxis dataKey="start" tick={{ fontSize: 11, fill: 'var(--muted)' }} minTickGap={28} tickLine={false} />
        <YAxis allowDecimals={false} width={34} tick={{ fontSize: 11, fill: 'var(--muted)' }} tickLine={false} axisLine={false} />
        <Tooltip
          cursor={{ fill: 'var(--hover)' }}
          contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)', fontSize: 12 }}
          labelFormatter={(l) => (bucket === 'week' ? `Week of ${String(l)}` : String(l))}
          formatter={(v) => [String(v), 'incidents']}
          isAnimationActive={false}
        />
        {bins.length > MAX_BARS ? (
          <Area type="step" dataKey="count" stroke="var(--accent)" fill="var(--accent)" fillOpacity={0.5} isAnimationActive={false} dot={false} activeDot={false} />
        ) : (
          <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
        )}
        {drag && <ReferenceArea x1={drag.a} x2={drag.b} fill="var(--accent)" fillOpacity={0.2} />}
        {current && <ReferenceArea x1={current} x2={current} fill="var(--live)" fillOpacity={0.35} />}
      </Chart>
    </ResponsiveContainer>
  );
}
