import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { groupColours } from '@/db/queries/map';
import { mapClusters } from '@/server/map/map-clusters';
import { mapViewportCells } from '@/server/map/map-cells';
import { authorize } from '@/server/auth/authorize';
import { parseQuery } from '@/server/http/parse-filter-request';
import { MAP_PARAM_NAMES, mapQuerySchema } from '@/lib/filters/schema';
import { route } from '@/server/http/respond';
import { MAX_FEATURES } from '@/lib/map/cluster';
import { REF_LAT } from '@/lib/map/grid';
import type { MapCellsResponse } from '@/lib/contract';

export const dynamic = 'force-dynamic';

const WORLD = { west: -180, south: -90, east: 180, north: 90 };
const NO_STORE = { headers: { 'cache-control': 'no-store' } };

/**
 * One viewport (`bbox`, `zoom`) under the usual filters, from the in-memory incident index:
 * server-side clusters and points (at most 500 features), or with `mode=heat|hex` the cells of a
 * heat grid or of hexagons (counts and killed per cell), so the browser never holds every incident.
 */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  const { zoom, bbox, mode, weight, ...filter } = parseQuery(req, mapQuerySchema, MAP_PARAM_NAMES);
  const db = getStore();
  const viewport = bbox ?? WORLD;
  if (mode !== 'clusters') {
    const cells = await mapViewportCells(db, filter, mode, viewport, zoom, weight);
    const body: MapCellsResponse = { mode, weight, ...cells, refLat: REF_LAT };
    return NextResponse.json(body, NO_STORE);
  }
  const { total, seq, zoom: used, features } = await mapClusters(db, filter, viewport, zoom, MAX_FEATURES);
  const all = await groupColours(db);
  const colours: Record<string, string> = {};
  for (const f of features) if (f.t === 'p') colours[f.g] = all[f.g] ?? '#888888';
  return NextResponse.json({ total, seq, zoom: used, colours, features }, NO_STORE);
});
