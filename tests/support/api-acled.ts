import { stringify } from 'csv-stringify/sync';
import { ACLED_COLUMNS } from '@/lib/acled/columns';

export type AcledRow = Partial<Record<(typeof ACLED_COLUMNS)[number], string | number>> & Record<string, string | number | undefined>;

/** A valid ACLED row (Bannu, TTP suicide bomb) with overrides. */
export function acledRow(over: AcledRow = {}): AcledRow {
  return {
    event_id_cnty: 'PAK1001',
    event_date: '2024-12-15',
    year: 2024,
    time_precision: 1,
    disorder_type: 'Political violence',
    event_type: 'Explosions/Remote violence',
    sub_event_type: 'Suicide bomb',
    actor1: 'TTP: Tehrik-i-Taliban Pakistan',
    assoc_actor_1: '',
    inter1: 'Rebel group',
    actor2: 'Military Forces of Pakistan (2018-)',
    assoc_actor_2: '',
    inter2: 'State forces',
    interaction: 'Rebel group-State forces',
    civilian_targeting: '',
    iso: 586,
    region: 'Caucasus and Central Asia',
    country: 'Pakistan',
    admin1: 'Khyber Pakhtunkhwa',
    admin2: 'Bannu',
    admin3: 'Bannu',
    location: 'Bannu',
    latitude: 32.9889,
    longitude: 70.6056,
    geo_precision: 1,
    source: 'Dawn; Express Tribune',
    source_scale: 'National',
    notes: 'On 15 December 2024, a suicide bomber attacked a checkpoint in Bannu.',
    fatalities: 5,
    tags: '',
    timestamp: 1734500000,
    ...over,
  };
}

export function acledCsv(rows: AcledRow[], columns: readonly string[] = ACLED_COLUMNS): string {
  return stringify(rows, { header: true, columns: [...columns] });
}

const PLACES = [
  ['Khyber Pakhtunkhwa', 'Bannu', 'Bannu', 32.99, 70.61],
  ['Khyber Pakhtunkhwa', 'Peshawar', 'Peshawar', 34.01, 71.58],
  ['Khyber Pakhtunkhwa', 'North Waziristan', 'Miran Shah', 33.0, 70.07],
  ['Balochistan', 'Quetta', 'Quetta', 30.18, 66.99],
  ['Balochistan', 'Kech', 'Turbat', 26.0, 63.05],
  ['Punjab', 'Lahore', 'Lahore', 31.55, 74.34],
] as const;
const ACTORS = [
  'TTP: Tehrik-i-Taliban Pakistan',
  'BLA: Balochistan Liberation Army',
  'Unidentified Armed Group (Pakistan)',
  'ISKP: Islamic State Khorasan Province',
  'Lashkar-e-Jhangvi',
];

/** Deterministic synthetic ACLED rows for volume tests (not real events). */
export function syntheticAcled(n: number, offset = 0): AcledRow[] {
  const rows: AcledRow[] = [];
  for (let i = offset; i < offset + n; i++) {
    const [admin1, admin2, location, lat, lon] = PLACES[i % PLACES.length];
    const day = new Date(Date.UTC(2023, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10);
    rows.push(
      acledRow({
        event_id_cnty: `PAK${100000 + i}`,
        event_date: day,
        actor1: ACTORS[i % ACTORS.length],
        admin1,
        admin2,
        admin3: '',
        location,
        latitude: lat + (i % 97) / 1000,
        longitude: lon,
        fatalities: i % 7,
        notes: `Synthetic event ${i} near ${location}.`,
      }),
    );
  }
  return rows;
}
