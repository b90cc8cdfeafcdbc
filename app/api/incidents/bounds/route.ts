import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { authorize } from '@/server/auth/authorize';
import { parseQuery } from '@/server/http/parse-filter-request';
import { MAP_PARAM_NAMES, mapQuerySchema } from '@/lib/filters/schema';
import { route } from '@/server/http/respond';
import { getMapBounds } from '@/server/map/map-bounds';

export const dynamic = 'force-dynamic';

/**
 * The box holding every incident of a filter (the dashboard's "Zoom to results"), answered from
 * the map's in-memory index. Parsed like /api/map; its viewport (`bbox`, `zoom`) is ignored: the
 * answer covers all matches, not the ones in view.
 */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  const { zoom: _zoom, bbox: _bbox, ...filter } = parseQuery(req, mapQuerySchema, MAP_PARAM_NAMES);
  return NextResponse.json(await getMapBounds(getStore(), filter), { headers: { 'cache-control': 'no-store' } });
});
