/**
 * What synthetic reports are about: places of the monitored regions as the press writes them,
 * the groups under the names the state and the press use, and the outlets (all labelled
 * synthetic). Every place name here is one the intake gazetteer knows (the unit test checks that
 * each report extracts the district written down here), so the demo's drafts land on the map.
 */
import type { RegionId } from '@/lib/taxonomy/regions';

export interface SynthPlace {
  /** Upper-case dateline, as Pakistani dailies open a story ("BANNU:"). */
  dateline: string;
  /** How the body names the place ("the Mir Ali area of North Waziristan district"). */
  where: string;
  /** Short form for headlines ("North Waziristan"). */
  short: string;
  /** The district (admin2) the gazetteer resolves it to: the test's expectation. */
  district: string;
  region: RegionId;
  country: 'PK' | 'AF' | 'TJ';
}

const kp = (dateline: string, where: string, short: string, district: string): SynthPlace => ({
  dateline,
  where,
  short,
  district,
  region: 'kp',
  country: 'PK',
});
const ba = (dateline: string, where: string, short: string, district: string): SynthPlace => ({
  dateline,
  where,
  short,
  district,
  region: 'balochistan',
  country: 'PK',
});

const tj = (where: string, short: string, district: string): SynthPlace => ({
  dateline: 'DUSHANBE',
  where,
  short,
  district,
  region: 'tajikistan',
  country: 'TJ',
});

export const PLACES: Record<'kp' | 'balochistan' | 'barmal' | 'tajikistan', readonly SynthPlace[]> = {
  kp: [
    kp('MIRAN SHAH', 'the Mir Ali area of North Waziristan district', 'North Waziristan', 'North Waziristan'),
    kp('MIRAN SHAH', 'Datta Khel tehsil of North Waziristan', 'North Waziristan', 'North Waziristan'),
    kp('BANNU', 'the Domel area of Bannu district', 'Bannu', 'Bannu'),
    kp('DERA ISMAIL KHAN', 'the Kulachi tehsil of D.I. Khan district', 'DI Khan', 'Dera Ismail Khan'),
    kp('LAKKI MARWAT', 'the Serai Naurang area of Lakki Marwat district', 'Lakki Marwat', 'Lakki Marwat'),
    kp('WANA', 'Wana, the headquarters of South Waziristan', 'South Waziristan', 'South Waziristan'),
    kp('KHAR', 'the Mamund tehsil of Bajaur district', 'Bajaur', 'Bajaur'),
    kp('PESHAWAR', 'Jamrud in Khyber district', 'Khyber', 'Khyber'),
    kp('PESHAWAR', 'the Badaber area on the outskirts of Peshawar', 'Peshawar', 'Peshawar'),
    kp('PARACHINAR', 'Parachinar, the main town of Kurram district', 'Kurram', 'Kurram'),
    kp('TANK', 'the Jandola area of Tank district', 'Tank', 'Tank'),
  ],
  balochistan: [
    ba('QUETTA', 'the Sariab Road area of Quetta', 'Quetta', 'Quetta'),
    ba('TURBAT', 'Turbat in Kech district', 'Kech', 'Kech'),
    ba('MASTUNG', 'the Dasht area of Mastung district', 'Mastung', 'Mastung'),
    ba('KALAT', 'the Mangochar area of Kalat district', 'Kalat', 'Kalat'),
    ba('PANJGUR', 'Panjgur district near the Iranian border', 'Panjgur', 'Panjgur'),
    ba('ZHOB', 'the Sambaza area of Zhob district', 'Zhob', 'Zhob'),
    ba('KHUZDAR', 'Khuzdar district', 'Khuzdar', 'Khuzdar'),
    ba('GWADAR', 'the port town of Gwadar', 'Gwadar', 'Gwadar'),
    ba('NOSHKI', 'Noshki district', 'Noshki', 'Nushki'),
  ],
  barmal: [
    {
      dateline: 'KABUL',
      where: 'the Barmal district of Paktika province',
      short: 'Paktika',
      district: 'Barmal',
      region: 'barmal',
      country: 'AF',
    },
  ],
  tajikistan: [
    tj('the Shamsiddin Shohin district of Khatlon region', 'Khatlon', 'Shamsiddin Shohin'),
    tj('the Hamadoni district of Khatlon region', 'Khatlon', 'Hamadoni'),
    tj('the Jaihun district of Khatlon region', 'Khatlon', 'Jayhun'),
    tj('the Darvoz district of Gorno-Badakhshan', 'Gorno-Badakhshan', 'Darvoz'),
  ],
};

export interface SynthGroup {
  /** Taxonomy slug the extractor should find. */
  id: string;
  /** The name a daily or the state uses first ("the outlawed Tehreek-e-Taliban Pakistan"). */
  name: string;
  /** The short form for later mentions and headlines ("TTP"). */
  short: string;
  /** How officials call its fighters ("khawarij", "terrorists"). */
  fighters: string;
}

export const GROUPS: Record<'kp' | 'balochistan', readonly (readonly [SynthGroup, number])[]> = {
  kp: [
    [{ id: 'ttp', name: 'the banned Tehreek-e-Taliban Pakistan', short: 'TTP', fighters: 'terrorists' }, 5],
    [{ id: 'ttp', name: 'Fitna al-Khawarij', short: 'the khawarij', fighters: 'khawarij' }, 3],
    [{ id: 'hafiz-gul-bahadur', name: 'the Hafiz Gul Bahadur group', short: 'the Gul Bahadur group', fighters: 'militants' }, 1],
    [{ id: 'iskp', name: 'the Islamic State Khorasan Province', short: 'IS-K', fighters: 'militants' }, 1],
    [{ id: 'tjp', name: 'Tehreek-e-Jihad Pakistan', short: 'TJP', fighters: 'terrorists' }, 1],
  ],
  balochistan: [
    [{ id: 'bla', name: 'the banned Balochistan Liberation Army', short: 'BLA', fighters: 'terrorists' }, 4],
    [{ id: 'blf', name: 'the Balochistan Liberation Front', short: 'BLF', fighters: 'militants' }, 2],
    [{ id: 'baloch-separatists', name: 'Fitna al-Hindustan', short: 'Fitna al-Hindustan', fighters: 'terrorists' }, 2],
    [{ id: 'iskp', name: 'Daesh', short: 'Daesh', fighters: 'militants' }, 1],
  ],
};

export interface Outlet {
  /** Shown as the report's source name: always says it is synthetic. */
  name: string;
  /** Path segment of the synthetic links. */
  slug: string;
  style: 'daily' | 'wire' | 'ispr';
}

export const OUTLETS: readonly Outlet[] = [
  { name: 'Synthetic Dawn (demo)', slug: 'dawn', style: 'daily' },
  { name: 'Synthetic Express Tribune (demo)', slug: 'tribune', style: 'daily' },
  { name: 'Synthetic Geo News (demo)', slug: 'geo', style: 'daily' },
  { name: 'Synthetic The News (demo)', slug: 'thenews', style: 'daily' },
  { name: 'Synthetic VOA (demo)', slug: 'voa', style: 'wire' },
  { name: 'Synthetic ISPR (demo)', slug: 'ispr', style: 'ispr' },
];

/** Every title carries this marker, so a synthetic report is recognisable wherever it is shown. */
export const SYNTHETIC_MARKER = '[synthetic]';
