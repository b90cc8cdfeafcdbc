/**
 * Placement of map labels in screen space, independent of Leaflet: candidates come sorted by
 * priority, and each is kept only when its box overlaps neither an obstacle (a cluster or an
 * incident marker, a region label) nor a label already kept. Greedy in priority order, so the
 * largest town of a crowded area wins and small places fill the gaps as the map zooms in.
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
  /** 'dot': a place (a dot and its name beside it); 'area': a province name centred on its point. */
  kind: 'dot' | 'area';
}

export interface PlacedLabel {
  label: LabelCandidate;
  /** The place's position in container pixels. */
  x: number;
  y: number;
  /** Where the text sits relative to the dot ('centre' for areas). */
  side: 'right' | 'left' | 'centre';
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
/** Space kept free around each label so that neighbours stay readable. */
const PAD = 2;

export const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** The box a label's text takes on one side of its point. */
export function labelBox(x: number, y: number, width: number, side: PlacedLabel['side']): Box {
  const half = LABEL_HEIGHT / 2;
  if (side === 'centre') return { x0: x - width / 2 - PAD, y0: y - half - PAD, x1: x + width / 2 + PAD, y1: y + half + PAD };
  if (side === 'right') return { x0: x - 3 - PAD, y0: y - half - PAD, x1: x + DOT_GAP + width + PAD, y1: y + half + PAD };
  return { x0: x - DOT_GAP - width - PAD, y0: y - half - PAD, x1: x + 3 + PAD, y1: y + half + PAD };
}

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
  const out: PlacedLabel[] = [];
  const max = view.max ?? labelBudget(view.zoom, view.width, view.height);
  for (const label of candidates) {
    if (zoom < label.minZoom || zoom > label.maxZoom) continue;
    const { x, y } = view.project(label.lat, label.lon);
    if (x < 0 || y < 0 || x > view.width || y > view.height) continue;
    const width = view.measure(label);
    const sides: PlacedLabel['side'][] = label.kind === 'area' ? ['centre'] : ['right', 'left'];
    for (const side of sides) {
      const box = labelBox(x, y, width, side);
      if (box.x0 < 0 || box.x1 > view.width || box.y0 < 0 || box.y1 > view.height || taken.hits(box)) continue;
      taken.add(box);
      out.push({ label, x, y, side, box });
      break;
    }
    if (out.length >= max) break;
  }
  return out;
}
