import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { groupColours } from '@/db/queries/map';
import { getMapView, mapViewportFeatures } from '@/server/map/map-view';
import { authorize } from '@/server/auth/authorize';
import { parseQuery } from '@/server/http/parse-filter-request';
import { MAP_PARAM_NAMES, mapQuerySchema } from '@/lib/filters/schema';
import { route } from '@/server/http/respond';
import { MAX_FEATURES, pointsInView } from '@/lib/map/cluster';

export const dynamic = 'force-dynamic';

const WORLD = { west: -180, south: -90, east: 180, north: 90 };

/**
 * Clusters and points for one viewport (`bbox`, `zoom`) under the usual filters, clustered
 * server-side so the browser never holds every incident; at most 500 features.
 */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  const { zoom, bbox, ...filter } = parseQuery(req, mapQuerySchema, MAP_PARAM_NAMES);
  const db = getStore();
  const map = await getMapView(db, filter);
  const viewport = bbox ?? WORLD;
  const extra = pointsInView(map.extra, viewport);
  const view = await mapViewportFeatures(map, viewport, zoom, MAX_FEATURES - extra.length);
  const features = [...view.features, ...extra];
  const all = await groupColours(db);
  const colours: Record<string, string> = {};
  for (const f of features) if (f.t === 'p') colours[f.g] = all[f.g] ?? '#888888';
  const total = map.indexed + map.extra.length;
  return NextResponse.json({ total, seq: map.seq, zoom: view.zoom, colours, features }, { headers: { 'cache-control': 'no-store' } });
});
