import { CROSS_BORDER, NONE, type Columns } from '@/lib/incident-index/columns';
import type { CompiledFilter } from '@/lib/incident-index/compile';
import type { IncidentIndex } from '@/lib/incident-index/incident-index';
import { forEachMatch } from '@/lib/incident-index/scan';
import { processSingleton } from '@/lib/registry';
import type { MapIndex, MapPoint } from './cluster';
import type { SidePoint } from './grid-clusters';
import { buildSpatialOrder, drawable, finestCell, latY, lngX, morton, type SpatialOrder } from './spatial-order';

/** The spatial order of a set of main columns and their killed counts in that order. */
interface OrderedColumns {
  order: SpatialOrder;
  killed: Float64Array;
  /** Longitude and latitude per order position, as stored (the grids' cells and the bounds need them exactly, not via Mercator). */
  ordered: { lon: Float64Array; lat: Float64Array };
  /** Row → its position in the order (−1: not drawable), so a scan marks the selection directly. */
  slot: Int32Array;
}

/**
 * One per main column set: those columns never change but for tombstone flags (the filter's scan
 * skips tombstoned rows), and a merge replaces them, so the order is rebuilt only then.
 */
const orders = processSingleton('mapSpatialOrders', () => new WeakMap<Columns, OrderedColumns>());

export function orderOf(main: Columns): OrderedColumns {
  let o = orders.get(main);
  if (!o) {
    const order = buildSpatialOrder(main.lon, main.lat, main.n);
    const killed = new Float64Array(order.n);
    const slot = new Int32Array(main.n).fill(-1);
    const ordered = { lon: new Float64Array(order.n), lat: new Float64Array(order.n) };
    for (let j = 0; j < order.n; j++) {
      const row = order.rows[j];
      const k = main.killed[row];
      killed[j] = k === NONE ? 0 : k;
      slot[row] = j;
      ordered.lon[j] = main.lon[row];
      ordered.lat[j] = main.lat[row];
    }
    orders.set(main, (o = { order, killed, ordered, slot }));
  }
  return o;
}

/** A filter's points on the map: what to cluster, how many match, and each point's fields. */
export interface FilteredMap extends MapIndex {
  /** The index state it reflects: stale once either segment is replaced. */
  main: Columns;
  extra: Columns;
  /** Incidents matching the filter (drawable or not). */
  total: number;
  /** The order's exact positions (OrderedColumns.ordered). */
  ordered: { lon: Float64Array; lat: Float64Array };
}

/**
 * Selects a filter's incidents over the index: one byte per point in spatial order (marked by the
 * index's own scan of the main segment through each row's slot in the order), and the few matching rows of the side segment
 * as points beside it.
 */
export function filteredMap(index: IncidentIndex, f: CompiledFilter): FilteredMap {
  const { main, extra } = index;
  const { order, killed, ordered, slot } = orderOf(main);
  let total = 0;
  const sel = new Uint8Array(order.n);
  forEachMatch(main, f, (i) => {
    total++;
    const j = slot[i];
    if (j >= 0) sel[j] = 1;
  });
  const side: SidePoint[] = [];
  forEachMatch(extra, f, (i) => {
    total++;
    if (!drawable(extra.lon[i], extra.lat[i])) return;
    const x = lngX(extra.lon[i]);
    const y = latY(extra.lat[i]);
    const k = extra.killed[i];
    side.push({ x, y, code: morton(finestCell(x), finestCell(y)), k: k === NONE ? 0 : k, ref: i, lon: extra.lon[i], lat: extra.lat[i] });
  });
  const groups = index.combos.dict.group.values;
  const groupCodes = index.combos.group;
  const pointOf = (c: Columns, i: number): MapPoint => ({
    id: c.id[i],
    lon: c.lon[i],
    lat: c.lat[i],
    g: groups[groupCodes[c.combo[i]]]!,
    k: c.killed[i] === NONE ? null : c.killed[i],
    i: c.injured[i] === NONE ? null : c.injured[i],
    x: (c.flags[i] & CROSS_BORDER) !== 0,
  });
  return {
    main,
    extra,
    input: { order, sel, killed, side },
    total,
    ordered,
    point: (pos) => (pos >= 0 ? pointOf(main, order.rows[pos]) : pointOf(extra, side[-pos - 1].ref)),
  };
}
