/** A geographic box in degrees, as the API and Leaflet's fitBounds need it. */
export interface GeoBounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/**
 * The smallest box holding every point, or null when there is none. Points without finite
 * coordinates are skipped. One pass, no allocation per point: it runs over a whole map index
 * (100k points) per filter.
 */
export function boundsOf(points: Iterable<{ lat: number; lon: number }>): GeoBounds | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const { lat, lon } of points) {
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    if (lon < west) west = lon;
    if (lon > east) east = lon;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
  }
  return west === Infinity ? null : { west, south, east, north };
}

/** The union of two boxes (either may be null). */
export function unionBounds(a: GeoBounds | null, b: GeoBounds | null): GeoBounds | null {
  if (!a || !b) return a ?? b;
  return {
    west: Math.min(a.west, b.west),
    south: Math.min(a.south, b.south),
    east: Math.max(a.east, b.east),
    north: Math.max(a.north, b.north),
  };
}
