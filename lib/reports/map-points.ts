import { inView, project, type View } from './map-svg';

/** What the weekly map needs of an incident (the query returns them deadliest first). */
export interface WeekMapPoint {
  id: number;
  lat: number;
  lon: number;
  killed: number;
  colour: string;
}

/** One incident drawn as its own SVG circle, with its number on hover. */
export interface PointCircle {
  id: number;
  x: number;
  y: number;
  r: number;
  killed: number;
  colour: string;
}

/** Many incidents of one colour and size as one path: a zero-length, round-capped stroke per incident. */
export interface PointStroke {
  colour: string;
  /** Stroke width: the circle's diameter. */
  width: number;
  d: string;
  /** How many incidents the path draws (a repeated position is drawn once). */
  count: number;
}

/** Circle radius in SVG units: grows with the square root of the killed, capped. */
export function pointRadius(killed: number): number {
  return Math.min(9, 2.5 + Math.sqrt(Math.max(0, killed)));
}

/**
 * Splits the week's points into a few individual circles and grouped strokes. A brief's week can
 * hold 3,000 incidents: one `<circle>` and `<title>` each made the page 6,600 elements, sent twice
 * (HTML and the React payload) and walked by hydration. The `detailed` deadliest keep a circle and
 * a tooltip; the rest are drawn with the same centre and (to half a unit) the same radius in one
 * path per colour and size, largest first, so smaller incidents stay on top as before.
 */
export function pointLayers(
  view: View,
  points: readonly WeekMapPoint[],
  detailed = 200,
): { circles: PointCircle[]; strokes: PointStroke[]; drawn: number } {
  const circles: PointCircle[] = [];
  const groups = new Map<string, { colour: string; width: number; parts: Set<string>; count: number }>();
  let drawn = 0;
  for (const p of points) {
    if (!inView(view, p.lon, p.lat)) continue;
    drawn++;
    const [x, y] = project(view, p.lon, p.lat);
    const r = pointRadius(p.killed);
    if (circles.length < detailed) {
      circles.push({ id: p.id, x, y, r, killed: p.killed, colour: p.colour });
      continue;
    }
    const width = Math.round(r * 4) / 2;
    const key = `${p.colour}/${width}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { colour: p.colour, width, parts: new Set(), count: 0 }));
    g.parts.add(`M${x} ${y}h0`);
    g.count++;
  }
  const strokes = [...groups.values()]
    .sort((a, b) => b.width - a.width || a.colour.localeCompare(b.colour))
    .map((g) => ({ colour: g.colour, width: g.width, d: [...g.parts].join(''), count: g.count }));
  return { circles, strokes, drawn };
}
