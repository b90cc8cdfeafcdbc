/** Deterministic test data: a seeded PRNG, valid incident bodies and ACLED CSV files. */
import { ACLED_COLUMNS } from '@/lib/acled/columns';
import { mulberry32 } from '@/lib/demo/prng';

/** The project's seeded PRNG (lib/demo/prng.ts). */
export const prng = mulberry32;

const PLACES = [
  { country: 'PK', admin1: 'Khyber Pakhtunkhwa', admin2: 'Bannu', location: 'Bannu', lat: 32.99, lon: 70.6 },
  { country: 'PK', admin1: 'Balochistan', admin2: 'Quetta', location: 'Quetta', lat: 30.18, lon: 66.99 },
  { country: 'PK', admin1: 'Khyber Pakhtunkhwa', admin2: 'Peshawar', location: 'Peshawar', lat: 34.01, lon: 71.58 },
  { country: 'AF', admin1: 'Paktika', admin2: 'Barmal', location: 'Barmal', lat: 32.76, lon: 69.16 },
];
const KINDS = [
  ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  ['Battles', 'Armed clash'],
  ['Violence against civilians', 'Attack'],
  ['Explosions/Remote violence', 'Suicide bomb'],
] as const;
const GROUPS = ['ttp', 'bla', 'iskp', 'TTP: Tehrik-i-Taliban Pakistan'];

/** A valid POST /api/incidents body with a unique source id (recent, so alert rules see it). */
export function incidentBody(sourceId: string, i: number, now = Date.now()) {
  const p = PLACES[i % PLACES.length];
  const [eventType, subEventType] = KINDS[i % KINDS.length];
  return {
    source: 'reliability',
    sourceId,
    occurredAt: new Date(now - (i % 48) * 3_600_000).toISOString(),
    country: p.country,
    admin1: p.admin1,
    admin2: p.admin2,
    location: p.location,
    lat: p.lat + (i % 100) / 1000,
    lon: p.lon + (i % 100) / 1000,
    eventType,
    subEventType,
    group: GROUPS[i % GROUPS.length],
    killed: i % 7,
    injured: i % 5,
    notes: `reliability test incident ${i}`,
  };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The ACLED export header, in ACLED's order (lib/acled/columns.ts is the one list). */
export const ACLED_HEADER: readonly string[] = ACLED_COLUMNS;

const COUNTRY_NAMES: Record<string, string> = { PK: 'Pakistan', AF: 'Afghanistan' };
const ACTORS = [
  'TTP: Tehrik-i-Taliban Pakistan',
  'BLA: Balochistan Liberation Army',
  'Unidentified Armed Group (Pakistan)',
  'ISKP: Islamic State (Khorasan Province)',
];

/** One ACLED-format row (ids `${prefix}${n}`), dated in 2024 so bulk imports stay historical. */
export function acledRow(prefix: string, n: number, variant = 0): (string | number)[] {
  const p = PLACES[n % PLACES.length];
  const [eventType, subEventType] = KINDS[n % KINDS.length];
  const day = new Date(Date.UTC(2024, 0, 1) + (n % 360) * 86_400_000).toISOString().slice(0, 10);
  return [
    `${prefix}${n}`,
    day,
    2024,
    1,
    'Political violence',
    eventType,
    subEventType,
    ACTORS[n % ACTORS.length],
    '',
    2,
    'Military Forces of Pakistan (2018-)',
    '',
    1,
    12,
    '',
    586,
    'Caucasus and Central Asia',
    COUNTRY_NAMES[p.country],
    p.admin1,
    p.admin2,
    '',
    p.location,
    (p.lat + (n % 50) / 1000).toFixed(4),
    (p.lon + (n % 50) / 1000).toFixed(4),
    1,
    'Dawn',
    'National',
    `row ${n} variant ${variant}, "quoted", comma`,
    (n + variant) % 9,
    '',
    1718000000,
  ];
}

export function acledCsv(prefix: string, count: number, variant = 0, start = 0): string {
  const lines = [ACLED_HEADER.join(',')];
  for (let n = start; n < start + count; n++) lines.push(acledRow(prefix, n, variant).map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
