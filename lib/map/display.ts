import { HEAT_WEIGHTS, MAP_MODES, type HeatWeight, type MapMode } from './aggregate';

/** How the dashboard map draws the filter: kept in the URL beside the filter (`mode`, `weight`). */
export interface MapDisplay {
  mode: MapMode;
  weight: HeatWeight;
}
export const DEFAULT_DISPLAY: MapDisplay = { mode: 'clusters', weight: 'count' };
export const DISPLAY_PARAMS = ['mode', 'weight'] as const;

const isMode = (v: string | null): v is MapMode => (MAP_MODES as readonly (string | null)[]).includes(v);
const isWeight = (v: string | null): v is HeatWeight => (HEAT_WEIGHTS as readonly (string | null)[]).includes(v);

/**
 * The display a dashboard URL asks for. Unknown values are ignored (the default shows instead):
 * a hand-edited or outdated link still opens the dashboard; the API is the strict one.
 */
export function parseDisplay(params: URLSearchParams): MapDisplay {
  const mode = params.get('mode');
  const weight = params.get('weight');
  return { mode: isMode(mode) ? mode : DEFAULT_DISPLAY.mode, weight: isWeight(weight) ? weight : DEFAULT_DISPLAY.weight };
}

/** Query string of a display, defaults omitted (a clusters view keeps the short URL it had). */
export function displayQuery(d: MapDisplay): string {
  const p = new URLSearchParams();
  if (d.mode !== DEFAULT_DISPLAY.mode) p.set('mode', d.mode);
  if (d.mode === 'heat' && d.weight !== DEFAULT_DISPLAY.weight) p.set('weight', d.weight);
  return p.toString();
}
