import type { AggregatedMetric } from './metric';

const fmt = (v: number | null | undefined, unit = ''): string => {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return '∞';
  const abs = Math.abs(v);
  const s =
    abs >= 1000
      ? Math.round(v).toLocaleString('en')
      : abs >= 100
        ? v.toFixed(0)
        : abs >= 10
          ? v.toFixed(1)
          : abs >= 1
            ? v.toFixed(2)
            : v.toFixed(3);
  return unit ? `${s} ${unit}` : s;
};

export function rows(metrics: AggregatedMetric[]): string[][] {
  return metrics.map((m) => [
    m.scenario,
    m.name,
    fmt(m.value, m.unit),
    m.dir === 'info' ? '(info)' : `${m.dir === 'max' ? '≤' : '≥'} ${fmt(m.target, m.unit)}`,
    m.baseline ? `${fmt(m.baseline.value, m.unit)} (${m.baseline.name})` : '—',
    m.ratio === null ? '—' : `${fmt(m.ratio)}×`,
    m.dir === 'info' ? '' : m.passed ? 'pass' : 'MISS',
    m.runs.map((v) => fmt(v)).join(' / ') + (m.note ? ` — ${m.note.replace(/\s+/g, ' ').slice(0, 160)}` : ''),
  ]);
}

const HEADER = ['scenario', 'metric', 'median', 'target', 'floor / baseline (same run)', 'ratio', 'result', 'runs — note'];

export function markdownTable(metrics: AggregatedMetric[]): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  return [
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map(() => '---').join('|')}|`,
    ...rows(metrics).map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

export function textTable(metrics: AggregatedMetric[]): string {
  const all = [HEADER, ...rows(metrics)];
  const widths = HEADER.map((_, i) => Math.min(60, Math.max(...all.map((r) => r[i].length))));
  return all.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n');
}
