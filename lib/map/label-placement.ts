/**
 * Placement of map labels in screen space, independent of Leaflet: candidates come sorted by
 * priority, and each is kept only when its box overlaps neither an obstacle (a cluster or an
 * incident marker, a watched site's marker) nor a label already kept. Greedy in priority order:
 * watched sites first, then the monitored regions' names, then towns, so the largest town of a
 * crowded area wins and small places fill the gaps as the map zooms in. A label that fits
 * nowhere is left out (its marker stays; the map shows the name on hover or tap).
 */

/** A box in container pixels. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LabelCandidate {
  name: string;
  lat: number;
  lon: number;
  /** First zoom at which the label may show. */
  minZoom: number;
  /** Last zoom at which it may show (province names give way to towns when zoomed in). */
  maxZoom: number;
  /**
   * 'dot': a town (a dot and its name beside it); 'area': a province name centred on its point;
   * 'site': a watched site's name beside its marker (drawn by the sites layer, radius SITE_RADIUS);
   * 'region': a monitored region's name, centred on its point or, when that is taken, on one of
   * its `alternates` (other points inside the region, nearest first).
   */
  kind: 'dot' | 'area' | 'site' | 'region';
  /** A stable identity when the name is not one (a site's id). */
  key?: string;
  /** Secondary text after the name (" · example", " · 1,204"); it takes room too. */
  detail?: string;
  alternates?: readonly { lat: number; lon: number }[];
}

export interface PlacedLabel {
  label: LabelCandidate;
  /** The place's position in container pixels. */
  x: number;
  y: number;
  /** Where the text sits relative to the dot ('centre' for areas; a site may also take 'above' or 'below'). */
  side: 'right' | 'left' | 'centre' | 'above' | 'below';
  box: Box;
}

export interface PlacementView {
  zoom: number;
  width: number;
  height: number;
  /** Container pixels of a geographic point. */
  project: (lat: number, lon: number) => { x: number; y: number };
  obstacles: readonly Box[];
  /** Text width in pixels (the browser measures; tests pass an estimate). */
  measure: (label: LabelCandidate) => number;
  /** Upper bound on the labels kept; labelBudget() when absent. */
  max?: number;
}

/** Text height and the gap between the dot and its name, in pixels. */
export const LABEL_HEIGHT = 14;
export const DOT_GAP = 5;
/** A watched site's marker: its radius plus its stroke, in pixels (components/map/sites-layer.tsx). */
export const SITE_RADIUS = 6;
/** The sides a label may take, in order of preference: a site, being few and asked for, tries four. */
const SIDES: Record<LabelCandidate['kind'], PlacedLabel['side'][]> = {
  dot: ['right', 'left'],
  area: ['centre'],
  site: ['right', 'left', 'above', 'below'],
  region: ['centre'],
};
/** Gazetteer labels count against the view's budget; sites and regions are few and always tried. */
const BUDGETED = new Set<LabelCandidate['kind']>(['dot', 'area']);
/** Space kept free around each label so that neighbours stay readable. */
const PAD = 2;

export const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * The box a label's text takes on one side of its point. A town's box covers its own dot (the
 * label draws it); a site's starts past its marker, which is an obstacle of its own.
 */
export function labelBox(x: number, y: number, width: number, side: PlacedLabel['side'], kind: LabelCandidate['kind'] = 'dot'): Box {
  const half = LABEL_HEIGHT / 2;
  if (side === 'centre') return { x0: x - width / 2 - PAD, y0: y - half - PAD, x1: x + width / 2 + PAD, y1: y + half + PAD };
  if (kind === 'site') {
    const start = SITE_RADIUS + 2;
    if (side === 'right') return { x0: x + start, y0: y - half - PAD, x1: x + start + width + PAD, y1: y + half + PAD };
    if (side === 'left') return { x0: x - start - width - PAD, y0: y - half - PAD, x1: x - start, y1: y + half + PAD };
    const x0 = x - width / 2 - PAD;
    const x1 = x + width / 2 + PAD;
    return side === 'above'
      ? { x0, y0: y - start - LABEL_HEIGHT - PAD, x1, y1: y - start }
      : { x0, y0: y + start, x1, y1: y + start + LABEL_HEIGHT + PAD };
  }
  if (side === 'right') return { x0: x - 3 - PAD, y0: y - half - PAD, x1: x + DOT_GAP + width + PAD, y1: y + half + PAD };
  return { x0: x - DOT_GAP - width - PAD, y0: y - half - PAD, x1: x + 3 + PAD, y1: y + half + PAD };
}

/** A site's marker as an obstacle: kept clear of every label, its own included, placed or not. */
export const markerBox = (x: number, y: number): Box => ({
  x0: x - SITE_RADIUS,
  y0: y - SITE_RADIUS,
  x1: x + SITE_RADIUS,
  y1: y + SITE_RADIUS,
});

/** A uniform grid over the screen, so each test looks at a few boxes instead of all of them. */
class BoxGrid {
  private readonly cells = new Map<number, Box[]>();
  constructor(private readonly size = 64) {}
  private keys(b: Box): number[] {
    const out: number[] = [];
    for (let gx = Math.floor(b.x0 / this.size); gx <= Math.floor(b.x1 / this.size); gx++)
      for (let gy = Math.floor(b.y0 / this.size); gy <= Math.floor(b.y1 / this.size); gy++) out.push(gx * 100_003 + gy);
    return out;
  }
  add(b: Box): void {
    for (const k of this.keys(b)) {
      const list = this.cells.get(k);
      if (list) list.push(b);
      else this.cells.set(k, [b]);
    }
  }
  hits(b: Box): boolean {
    return this.keys(b).some((k) => this.cells.get(k)?.some((o) => overlaps(o, b)) ?? false);
  }
}

/** Labels per 100,000 px² of map by zoom: about 20 on a desktop dashboard's map at zoom 5, no limit from zoom 9. */
const DENSITY: Record<number, number> = { 5: 4.5, 6: 7, 7: 11, 8: 18 };

/**
 * How many labels a view may hold: a density, so a phone shows fewer than a wide screen at the
 * same zoom. The best-ranked free places fill it, so clusters hiding a big town let the next
 * one show instead of leaving the map blank.
 */
export function labelBudget(zoom: number, width: number, height: number): number {
  const z = Math.round(zoom);
  if (z >= 9) return 600;
  const density = DENSITY[Math.max(5, z)] ?? DENSITY[5];
  return Math.max(3, Math.round((density * width * height) / 100_000));
}

/** The labels to draw for one view, in priority order. */
export function placeLabels(candidates: readonly LabelCandidate[], view: PlacementView): PlacedLabel[] {
  const zoom = Math.round(view.zoom);
  const taken = new BoxGrid();
  for (const o of view.obstacles) taken.add(o);
  const onScreen = (x: number, y: number) => x >= 0 && y >= 0 && x <= view.width && y <= view.height;
  // Site markers stay on the map whether or not their names fit: no label may cover one.
  for (const c of candidates) {
    if (c.kind !== 'site') continue;
    const p = view.project(c.lat, c.lon);
    if (onScreen(p.x, p.y)) taken.add(markerBox(p.x, p.y));
  }
  const out: PlacedLabel[] = [];
  const max = view.max ?? labelBudget(view.zoom, view.width, view.height);
  let budgeted = 0;
  for (const label of candidates) {
    const counts = BUDGETED.has(label.kind);
    if (counts && budgeted >= max) continue;
    if (zoom < label.minZoom || zoom > label.maxZoom) continue;
    const placed = firstFree(label);
    if (!placed) continue;
    taken.add(placed.box);
    out.push({ label, ...placed });
    if (counts) budgeted++;
  }
  return out;

  /** Where the label fits first: its point (or a region's alternates in turn), its sides in order. */
  function firstFree(label: LabelCandidate) {
    const sides = SIDES[label.kind];
    const points = label.kind === 'region' ? [label, ...(label.alternates ?? [])] : [label];
    let width: number | undefined; // measured once, and only for a label on screen
    for (const pt of points) {
      const { x, y } = view.project(pt.lat, pt.lon);
      if (!onScreen(x, y)) continue;
      width ??= view.measure(label);
      for (const side of sides) {
        const box = labelBox(x, y, width, side, label.kind);
        if (box.x0 < 0 || box.x1 > view.width || box.y0 < 0 || box.y1 > view.height || taken.hits(box)) continue;
        return { x, y, side, box };
      }
    }
    return null;
  }
}

/**
 * The point nearest to (x, y) within `radius` pixels, or null: which watched site a hover or a
 * tap means when its name is not on the map.
 */
export function nearestWithin<T extends { x: number; y: number }>(points: readonly T[], x: number, y: number, radius: number): T | null {
  let best: T | null = null;
  let bestD = radius * radius;
  for (const p of points) {
    const d = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (d <= bestD) {
      best = p;
      bestD = d;
    }
  }
  return best;
}
