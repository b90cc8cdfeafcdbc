import type { GeoBounds } from './bounds';
import type { GridSource } from './selection-grid';

/**
 * The smallest box holding every incident of a selection (null when none): one pass over its
 * bytes in the spatial order, reading the exact longitudes and latitudes kept in that order,
 * plus the points beside the order. Incidents the map cannot draw are in neither (the input
 * schema keeps every stored position drawable).
 */
export function selectionBounds(m: GridSource): GeoBounds | null {
  const { sel, side } = m.input;
  const { lon, lat } = m.ordered;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const take = (x: number, y: number) => {
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  };
  for (let j = 0; j < sel.length; j++) if (sel[j] !== 0) take(lon[j], lat[j]);
  for (const p of side) take(p.lon, p.lat);
  return west === Infinity ? null : { west, south, east, north };
}
