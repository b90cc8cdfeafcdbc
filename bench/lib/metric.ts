/** One measured number with its target and, where the issue asks for one, its floor or baseline. */
export interface Metric {
  scenario: string;
  name: string;
  unit: string;
  value: number;
  /** Pass when value ≤ target ('max') or value ≥ target ('min'); 'info' has no target. */
  target: number;
  dir: 'max' | 'min' | 'info';
  /** What the value is compared with in the same run (in-process SQL, markercluster, …). */
  baseline?: { name: string; value: number };
  note?: string;
}

export interface AggregatedMetric extends Metric {
  runs: number[];
  passed: boolean;
  /** value / baseline.value (time-like metrics: below 1 is faster than the baseline). */
  ratio: number | null;
}

export const passes = (m: Pick<Metric, 'value' | 'target' | 'dir'>): boolean =>
  m.dir === 'info' || (Number.isFinite(m.value) && (m.dir === 'max' ? m.value <= m.target : m.value >= m.target));

export function metric(
  scenario: string,
  name: string,
  unit: string,
  value: number,
  dir: Metric['dir'],
  target: number,
  extra: Partial<Metric> = {},
): Metric {
  return { scenario, name, unit, value, dir, target, ...extra };
}

/** Median of every metric across runs (metrics keyed by scenario + name); baselines are medians too. */
export function aggregate(runs: Metric[][]): AggregatedMetric[] {
  const byKey = new Map<string, Metric[]>();
  for (const run of runs)
    for (const m of run) byKey.set(`${m.scenario}\u0000${m.name}`, [...(byKey.get(`${m.scenario}\u0000${m.name}`) ?? []), m]);
  return [...byKey.values()].map((ms) => {
    const med = medianOf(ms.map((m) => m.value));
    const base = ms[0].baseline
      ? { name: ms[0].baseline.name, value: medianOf(ms.map((m) => m.baseline?.value ?? Number.NaN)) }
      : undefined;
    const out = { ...ms[0], value: med, baseline: base, runs: ms.map((m) => m.value) };
    return { ...out, passed: passes(out), ratio: base && base.value ? med / base.value : null };
  });
}

function medianOf(values: number[]): number {
  const s = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
