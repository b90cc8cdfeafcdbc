/** Marker radius in pixels by casualties (area grows with the count, capped). Unknown counts draw smallest. */
export function pointRadius(killed: number | null, injured: number | null): number {
  const c = (killed ?? 0) + (injured ?? 0) / 2;
  return Math.min(4 + 2.2 * Math.sqrt(c), 18);
}

/** Cluster radius in pixels by member count (log scale so 10 and 10,000 both fit). */
export function clusterRadius(count: number): number {
  return Math.min(12 + 5 * Math.log10(Math.max(count, 1)), 30);
}

export const FALLBACK_COLOUR = '#8a8f98';

export function groupColour(group: string, colours: Record<string, string>): string {
  const c = colours[group];
  return c && /^#[0-9a-f]{6}$/i.test(c) ? c : FALLBACK_COLOUR;
}

/** Sequential ramp readable with colour-vision deficiencies (ColorBrewer YlOrRd, 5 classes). */
export const CHOROPLETH_RAMP = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;

/**
 * Class breaks for the choropleth: equal steps from 0 to the maximum, rounded up to whole
 * numbers so the legend reads cleanly. Returns the upper bound of each class.
 */
export function choroplethBreaks(values: number[], classes = CHOROPLETH_RAMP.length): number[] {
  const max = Math.max(0, ...values);
  if (max === 0) return [0];
  const step = Math.max(1, Math.ceil(max / classes));
  const breaks: number[] = [];
  for (let b = step; breaks.length < classes; b += step) {
    breaks.push(b);
    if (b >= max) break;
  }
  return breaks;
}

/** Index of the class a value falls in (0 … breaks.length - 1); values above the last break go to the last class. */
export function choroplethClass(value: number, breaks: number[]): number {
  const i = breaks.findIndex((b) => value <= b);
  return i === -1 ? breaks.length - 1 : i;
}

export function choroplethColour(value: number, breaks: number[]): string {
  if (value <= 0) return 'transparent';
  const offset = CHOROPLETH_RAMP.length - breaks.length;
  return CHOROPLETH_RAMP[offset + choroplethClass(value, breaks)];
}
