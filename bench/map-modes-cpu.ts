/**
 * `npx tsx bench/map-modes-cpu.ts <loaded bench .db> [seed]`: in-process CPU time (this process's
 * user + system, so a loaded machine inflates it far less than wall time) of the map's heat,
 * hexagon and bounds answers at the bench's scale, over the map scenario's 200 all-time filters
 * (cold: each filter's first answer) and 150 all-time viewports (warm), beside:
 * - the floor: deciding the filter over the incident index (what every answer pays first);
 * - the earlier design, reproduced from the same index: each filter's matches read into a point
 *   list (listMapPoints) and a grid built per zoom from it (buildGrid), or boundsOf over it.
 * Passes run back to back in one process over the same loaded index, so they share conditions.
 */
import { indexedFilter } from '@/db/queries/incident-index';
import { listMapPoints } from '@/db/queries/map';
import { openStore } from '@/db/store';
import { countMatching } from '@/lib/incident-index/query';
import { mapQuerySchema, viewFilterSchema, type ViewFilter } from '@/lib/filters/schema';
import { buildGrid, viewportCells, type Grid, type GridMode } from '@/lib/map/aggregate';
import { boundsOf } from '@/lib/map/bounds';
import type { MapPoint, Viewport } from '@/lib/map/cluster';
import { clampGridZoom } from '@/lib/map/grid';
import { filterParamsFromSearch, FILTER_PARAM_NAMES } from '@/lib/validation/incident-filter';
import { getMapBounds } from '@/server/map/map-bounds';
import { mapViewportCells } from '@/server/map/map-cells';
import { allTimeFilters } from './scenarios/map-all-time';
import { viewports } from './scenarios/filters';
import { percentile } from './lib/stats';

const [path, seedArg] = process.argv.slice(2);
if (!path) throw new Error('usage: npx tsx bench/map-modes-cpu.ts <loaded bench .db> [seed]');
const seed = Number(seedArg ?? 20241215) + 1;
const store = openStore(path);
const FRONTIER: Viewport = { west: 60, south: 24, east: 76, north: 40 };

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
async function timed(run: () => unknown): Promise<number> {
  const t = cpuMs();
  await run();
  return cpuMs() - t;
}
const line = (label: string, times: number[]) =>
  console.log(
    `${label.padEnd(44)} p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms  median ${percentile(times, 50).toFixed(1).padStart(6)} ms  (${times.length})`,
  );

/** The earlier design: a point list per filter, a grid per zoom built from it. */
function pointListGrids(points: readonly MapPoint[]) {
  const grids = new Map<string, Grid>();
  return (mode: GridMode, z: number) => {
    const key = `${mode}:${clampGridZoom(z)}`;
    let g = grids.get(key);
    if (!g) grids.set(key, (g = buildGrid(points, mode, z)));
    return g;
  };
}

async function main() {
  const filters: ViewFilter[] = allTimeFilters(seed, 200).map((p) => viewFilterSchema.parse(filterParamsFromSearch(p, FILTER_PARAM_NAMES)));
  await indexedFilter(store, {}); // the index loads once, outside every measurement
  const floor: number[] = [];
  for (const f of filters)
    floor.push(
      await timed(async () => {
        const { index, f: compiled } = await indexedFilter(store, f);
        countMatching(index, compiled);
      }),
    );
  line('floor: filter decided over the index', floor);
  for (const mode of ['heat', 'hex'] as const) {
    const before: number[] = [];
    const after: number[] = [];
    for (const f of filters) {
      before.push(
        await timed(async () => {
          const grids = pointListGrids(await listMapPoints(store, f));
          viewportCells((z) => grids(mode, z), [], FRONTIER, 5);
        }),
      );
      after.push(await timed(() => mapViewportCells(store, f, mode, FRONTIER, 5, 'count')));
    }
    line(`cold ${mode}, point list per filter (before)`, before);
    line(`cold ${mode}, selection over the index (after)`, after);
  }
  const before: number[] = [];
  const after: number[] = [];
  for (const f of filters) {
    before.push(await timed(async () => boundsOf(await listMapPoints(store, f))));
    after.push(await timed(() => getMapBounds(store, f)));
  }
  line('cold bounds, point list per filter (before)', before);
  line('cold bounds, selection over the index (after)', after);

  const views = viewports(seed, 150, { from: '', to: '', count: 0 }).map((v) =>
    mapQuerySchema.parse({ zoom: v.get('zoom'), bbox: v.get('bbox') }),
  );
  const all = await listMapPoints(store, {});
  for (const mode of ['heat', 'hex'] as const) {
    const gridsBefore = pointListGrids(all);
    const weight = mode === 'heat' ? 'killed' : 'count';
    const b: number[] = [];
    const a: number[] = [];
    for (const v of views) {
      b.push(await timed(() => viewportCells((z) => gridsBefore(mode, z), [], v.bbox!, v.zoom, weight)));
      a.push(await timed(() => mapViewportCells(store, {}, mode, v.bbox!, v.zoom, weight)));
    }
    line(`warm ${mode} viewports, "All" (before)`, b);
    line(`warm ${mode} viewports, "All" (after)`, a);
  }
}
void main();
