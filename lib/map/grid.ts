/**
 * The plane the heat and hexagon grids live in: x = lon·cos(φ0), y = lat. It is square at the
 * reference latitude (the middle of the frontier, 24–40° N), so cells drawn on the Web Mercator
 * map stay within about ±10% of regular over the monitored area. Plain arithmetic, on purpose: a
 * cell is computable in SQL on either engine (the tests' oracle, and any later SQL aggregation).
 */
export const REF_LAT = 32;
export const PLANE_X = Math.cos((REF_LAT * Math.PI) / 180);

/** Zooms the grids are computed for; other zooms reuse the nearest one. */
export const GRID_MIN_ZOOM = 0;
export const GRID_MAX_ZOOM = 16;

/** Hexagon circumradius on screen, in pixels at the reference latitude. */
export const HEX_PX = 22;
/** Heat grid step on screen, in pixels: finer than the blur radius, so no blockiness shows. */
export const HEAT_PX = 9;

export const clampGridZoom = (zoom: number) => Math.max(GRID_MIN_ZOOM, Math.min(GRID_MAX_ZOOM, Math.round(zoom)));

/** Plane units per screen pixel at a zoom (256-pixel Web Mercator tiles, at the reference latitude). */
const planePerPx = (zoom: number) => (360 * PLANE_X) / (256 * 2 ** zoom);

/** Hexagon circumradius in plane units for a zoom. */
export const hexSize = (zoom: number) => HEX_PX * planePerPx(clampGridZoom(zoom));
/** Heat cell side in plane units for a zoom. */
export const heatStep = (zoom: number) => HEAT_PX * planePerPx(clampGridZoom(zoom));

// Integer cell coordinates packed into one safe integer key (|q|, |r| < 2^24 at every zoom used).
const OFFSET = 2 ** 24;
export const packCell = (q: number, r: number) => (q + OFFSET) * 2 ** 25 + (r + OFFSET);
export const unpackCell = (key: number): [number, number] => [Math.floor(key / 2 ** 25) - OFFSET, (key % 2 ** 25) - OFFSET];

/**
 * Axial coordinates (q, r) of the pointy-top hexagon holding a plane point: fractional axial
 * coordinates rounded in cube space (the component with the largest rounding error is derived
 * from the other two, so q + r + s = 0 holds).
 */
export function hexOf(x: number, y: number, size: number): [number, number] {
  const out = new Int32Array(2);
  hexInto(x, y, size, out);
  return [out[0], out[1]];
}

/** hexOf writing (q, r) into `out`: no allocation in a pass over a million points. */
export function hexInto(x: number, y: number, size: number, out: Int32Array): void {
  const qf = ((Math.sqrt(3) / 3) * x - y / 3) / size;
  const rf = ((2 / 3) * y) / size;
  const sf = -qf - rf;
  let q = Math.round(qf);
  let r = Math.round(rf);
  const s = Math.round(sf);
  const dq = Math.abs(q - qf);
  const dr = Math.abs(r - rf);
  const ds = Math.abs(s - sf);
  if (dq > dr && dq > ds) q = -r - s;
  else if (dr > ds) r = -q - s;
  out[0] = q;
  out[1] = r;
}

/** Centre of hexagon (q, r) in plane units. */
export const hexCentre = (q: number, r: number, size: number): [number, number] => [size * Math.sqrt(3) * (q + r / 2), size * 1.5 * r];

/** The six neighbours' axial offsets (a point is in a hexagon iff no neighbour's centre is nearer). */
export const HEX_NEIGHBOURS: readonly (readonly [number, number])[] = [
  [1, 0],
  [1, -1],
  [0, -1],
  [-1, 0],
  [-1, 1],
  [0, 1],
];

/** Corners of a hexagon as [lat, lon] pairs (Leaflet's order), from its centre in degrees. */
export function hexCorners(lon: number, lat: number, size: number): [number, number][] {
  const cx = lon * PLANE_X;
  const out: [number, number][] = [];
  for (let i = 0; i < 6; i++) {
    const a = ((60 * i + 30) * Math.PI) / 180;
    out.push([lat + size * Math.sin(a), (cx + size * Math.cos(a)) / PLANE_X]);
  }
  return out;
}
