import type { Cell } from './aggregate';

/**
 * Sequential ramp for hexagon counts (ColorBrewer YlGnBu, 5 classes): distinct from the region
 * shading's YlOrRd, readable with colour-vision deficiencies, and dark enough at the top to hold
 * a white count label.
 */
export const HEX_RAMP = ['#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'] as const;
/** Text on each class (contrast ≥ 4.5:1 against the fill). */
export const HEX_TEXT = ['#111111', '#111111', '#111111', '#ffffff', '#ffffff'] as const;
/** Heat ramp from faint to intense (ColorBrewer YlOrRd without its palest step, which vanished on the light basemap). */
export const HEAT_RAMP = ['#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'] as const;

/**
 * Upper bounds of the hexagon classes for the counts in view: roughly geometric steps (1, 2–5,
 * 6–20 …), since counts per cell are heavily skewed and equal steps would paint nearly every
 * hexagon in the first class. Fewer classes when the largest count is small.
 */
export function hexBreaks(cells: readonly Cell[]): number[] {
  const max = cells.reduce((m, c) => Math.max(m, c[2]), 0);
  if (max <= 0) return [];
  const classes = Math.min(HEX_RAMP.length, max);
  const breaks: number[] = [];
  for (let i = 1; i <= classes; i++) {
    const b = Math.round(Math.pow(max, i / classes));
    breaks.push(Math.max(b, (breaks[breaks.length - 1] ?? 0) + 1));
  }
  breaks[breaks.length - 1] = Math.max(breaks[breaks.length - 1], max);
  return breaks;
}

/** Class index of a count (0 … breaks.length − 1). */
export function hexClass(n: number, breaks: readonly number[]): number {
  const i = breaks.findIndex((b) => n <= b);
  return i === -1 ? breaks.length - 1 : i;
}

/** Ramp position of a class: spread over the whole ramp when there are fewer classes than colours. */
const rampIndex = (cls: number, classes: number) => (classes <= 1 ? 2 : Math.round((cls * (HEX_RAMP.length - 1)) / (classes - 1)));
export const hexColour = (cls: number, classes: number) => HEX_RAMP[rampIndex(cls, classes)];
export const hexText = (cls: number, classes: number) => HEX_TEXT[rampIndex(cls, classes)];
