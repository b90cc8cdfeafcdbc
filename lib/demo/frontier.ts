/** Demo incidents across the border: Barmal (Paktika) and Tajikistan, including the two events in the brief. */
import { requirePlace } from '@/lib/geo/gazetteer';
import { Rng, mixSeed } from './prng';
import { jitter, SYNTHETIC_NOTE, type DemoIncident } from './incident';

/** Inside the approximate Barmal area (the Angur Adda crossing itself sits on the border line). */
const BARMAL_POINT = { lat: 32.56, lon: 69.17 };

/** Modelled on the Dec 2024 Pakistani airstrikes in Barmal; known to the month only. */
export const BARMAL_AIRSTRIKES: DemoIncident = {
  source: 'demo',
  sourceId: 'demo-2024-barmal-airstrikes',
  occurredAt: '2024-12-15',
  timePrecision: 3,
  country: 'AF',
  admin1: 'Paktika',
  admin2: 'Barmal',
  location: 'Barmal',
  ...BARMAL_POINT,
  geoPrecision: 2,
  eventType: 'Explosions/Remote violence',
  subEventType: 'Air/drone strike',
  group: 'Military Forces of Pakistan (2018-)',
  actor2: 'TTP: Tehrik-i-Taliban Pakistan',
  claimStatus: 'unclaimed',
  target: 'militants',
  killed: 46,
  injured: null,
  killedBy: { militants: 20, civilians: 26 },
  crossBorder: true,
  sources: ['Dawn (synthetic reference)', 'ACLED-style synthetic (synthetic reference)'],
  sourceScale: 'Regional',
  verification: 'disputed',
  notes: `${SYNTHETIC_NOTE} Pakistani air strikes on militant hideouts in Barmal district, Paktika, across the border from South Waziristan (Dec 2024, month precision). Casualty split disputed between Islamabad and Kabul.`,
};

/** Modelled on the autumn 2024 cross-border attack on Chinese personnel at a mining project in Tajikistan. */
export const TAJIK_MINING_ATTACK: DemoIncident = {
  source: 'demo',
  sourceId: 'demo-2024-tj-mining-attack',
  occurredAt: '2024-11-18T14:30:00Z',
  timePrecision: 1,
  country: 'TJ',
  admin1: 'Khatlon',
  admin2: 'Shamsiddin Shohin',
  location: 'Shamsiddin Shohin (gold mining project)',
  lat: 37.72,
  lon: 70.1,
  geoPrecision: 2,
  eventType: 'Violence against civilians',
  subEventType: 'Attack',
  group: 'Unidentified Armed Group (Afghanistan)',
  claimStatus: 'unclaimed',
  target: 'foreign-nationals',
  killed: 1,
  injured: 4,
  killedBy: { civilians: 1 },
  injuredBy: { civilians: 4 },
  crossBorder: true,
  sources: ['ACLED-style synthetic (synthetic reference)'],
  sourceScale: 'International',
  verification: 'confirmed',
  notes: `${SYNTHETIC_NOTE} Armed men crossed from Afghanistan and attacked Chinese personnel at a mining project near the border; 1 killed, 4 injured.`,
};

const TJ_TOWNS = ['Panj', 'Kulob', 'Khorog', 'Bokhtar'] as const;

/** A few border incidents a year in Barmal and Tajikistan, plus the two named events in 2024. */
export function frontierExtras(seed: number, year: number): DemoIncident[] {
  const rng = new Rng(mixSeed(seed, 'frontier', year));
  const rows: DemoIncident[] = [];
  const at = () => Date.UTC(year, rng.int(0, 11), rng.int(1, 28), rng.int(0, 16), rng.int(0, 59));
  const barmal = { ...requirePlace('Barmal'), ...BARMAL_POINT };
  for (let i = 1; i <= 3; i++) {
    const shelling = rng.chance(0.5);
    rows.push({
      source: 'demo',
      sourceId: `demo-${year}-af-${String(i).padStart(3, '0')}`,
      occurredAt: new Date(at()).toISOString(),
      country: 'AF',
      admin1: 'Paktika',
      admin2: 'Barmal',
      location: 'Barmal',
      ...jitter(rng, barmal, 0.04),
      geoPrecision: 2,
      eventType: shelling ? 'Explosions/Remote violence' : 'Battles',
      subEventType: shelling ? 'Shelling/artillery/missile attack' : 'Armed clash',
      group: shelling ? 'Military Forces of Pakistan (2018-)' : 'Military Forces of Afghanistan (2021-)',
      actor2: shelling ? 'TTP: Tehrik-i-Taliban Pakistan' : 'Military Forces of Pakistan (2018-)',
      claimStatus: 'unclaimed',
      target: shelling ? 'militants' : 'security-forces',
      killed: rng.int(0, 6),
      injured: rng.int(0, 9),
      crossBorder: true,
      sources: ['ACLED-style synthetic (synthetic reference)'],
      verification: 'reported',
      notes: `${SYNTHETIC_NOTE} ${shelling ? 'Cross-border shelling of suspected TTP positions' : 'Exchange of fire between Afghan and Pakistani border forces'} near Barmal.`,
    });
  }
  for (let i = 1; i <= 2; i++) {
    const place = requirePlace(rng.pick(TJ_TOWNS));
    rows.push({
      source: 'demo',
      sourceId: `demo-${year}-tj-${String(i).padStart(3, '0')}`,
      occurredAt: new Date(at()).toISOString(),
      country: 'TJ',
      admin1: place.admin1,
      admin2: place.admin2,
      location: place.name,
      ...jitter(rng, place, 0.05),
      geoPrecision: 2,
      eventType: 'Battles',
      subEventType: 'Armed clash',
      group: rng.chance(0.7) ? 'Unidentified Armed Group (Afghanistan)' : 'ISKP: Islamic State Khorasan Province',
      actor2: 'Military Forces of Tajikistan',
      claimStatus: 'unclaimed',
      target: 'security-forces',
      killed: rng.int(0, 3),
      injured: rng.int(0, 4),
      crossBorder: true,
      sources: ['ACLED-style synthetic (synthetic reference)'],
      verification: 'reported',
      notes: `${SYNTHETIC_NOTE} Armed men crossing the Panj river from Afghanistan clashed with Tajik border guards near ${place.name}.`,
    });
  }
  if (year === 2024) rows.push(BARMAL_AIRSTRIKES, TAJIK_MINING_ATTACK);
  return rows;
}
