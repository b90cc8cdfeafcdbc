/**
 * Weights behind the synthetic demo data. They are judgement calls shaped by the published
 * aggregates (PICSS/PIPS-style provincial splits, group shares, tactics), not measurements.
 */
import type { TARGET_CATEGORIES } from '@/lib/incidents/record';

export type TargetCategory = (typeof TARGET_CATEGORIES)[number];

export type DemoArea = 'kp' | 'balochistan' | 'pk-other';
type Weighted<T> = readonly (readonly [T, number])[];

/** Share of Pakistani attacks per area: ≥95% in KP and Balochistan by construction. */
export const AREA_SHARE: Record<DemoArea, number> = { kp: 0.6, balochistan: 0.36, 'pk-other': 0.04 };

/** Gazetteer names per area, weighted by how often they appear in reporting. */
export const PLACES: Record<DemoArea, Weighted<string>> = {
  kp: [
    ['Miran Shah', 14],
    ['Bannu', 12],
    ['Dera Ismail Khan', 12],
    ['Peshawar', 11],
    ['Lakki Marwat', 8],
    ['Wana', 8],
    ['Khar', 7],
    ['Landi Kotal', 6],
    ['Tank', 6],
    ['Parachinar', 5],
    ['Kohat', 4],
    ['Mingora', 3],
    ['Charsadda', 3],
    ['Mardan', 2],
  ],
  balochistan: [
    ['Quetta', 18],
    ['Turbat', 10],
    ['Mastung', 7],
    ['Kalat', 7],
    ['Panjgur', 6],
    ['Zhob', 6],
    ['Khuzdar', 6],
    ['Gwadar', 5],
    ['Chaman', 5],
    ['Noshki', 5],
    ['Sibi', 5],
  ],
  'pk-other': [
    ['Karachi', 8],
    ['Islamabad', 3],
    ['Rawalpindi', 3],
    ['Lahore', 3],
  ],
};

export interface GroupProfile {
  /** ACLED-style actor name; every one resolves to a known group. */
  actor: string;
  /** Probability that the group claims an attack (the rest is unclaimed or disputed). */
  claims: number;
  /** Restricts the group to these places within the area (e.g. Jaish ul-Adl near the Iran border). */
  places?: readonly string[];
}

const TTP: GroupProfile = { actor: 'TTP: Tehrik-i-Taliban Pakistan', claims: 0.55 };
const UNKNOWN: GroupProfile = { actor: 'Unidentified Armed Group (Pakistan)', claims: 0 };
const ISKP: GroupProfile = { actor: 'ISKP: Islamic State Khorasan Province', claims: 0.7 };
const BLA: GroupProfile = { actor: 'BLA: Balochistan Liberation Army', claims: 0.75 };

export const GROUPS: Record<DemoArea, Weighted<GroupProfile>> = {
  kp: [
    [TTP, 56],
    [UNKNOWN, 17],
    [ISKP, 7],
    [{ actor: 'TJP: Tehrik-e-Jihad Pakistan', claims: 0.8 }, 6],
    [{ actor: 'HGB: Hafiz Gul Bahadur Group', claims: 0.5, places: ['Miran Shah', 'Bannu', 'Lakki Marwat', 'Tank'] }, 8],
    [{ actor: 'LeI: Lashkar-e-Islam', claims: 0.3, places: ['Landi Kotal', 'Peshawar'] }, 3],
    [{ actor: 'AQ: al-Qaida', claims: 0.4 }, 1],
    [{ actor: 'ETIM: Eastern Turkestan Islamic Movement', claims: 0.2 }, 0.5],
  ],
  balochistan: [
    [BLA, 44],
    [
      { actor: 'BLF: Balochistan Liberation Front', claims: 0.7, places: ['Turbat', 'Panjgur', 'Gwadar', 'Khuzdar', 'Kalat', 'Noshki'] },
      15,
    ],
    [UNKNOWN, 17],
    [{ ...TTP, places: ['Zhob', 'Quetta', 'Chaman', 'Sibi'] }, 12],
    [{ ...ISKP, places: ['Mastung', 'Quetta', 'Khuzdar'] }, 6],
    [{ actor: 'JuA: Jaish ul-Adl', claims: 0.6, places: ['Panjgur', 'Turbat', 'Gwadar'] }, 4],
    [{ actor: 'TJP: Tehrik-e-Jihad Pakistan', claims: 0.8, places: ['Zhob', 'Quetta'] }, 2],
  ],
  'pk-other': [
    [TTP, 35],
    [UNKNOWN, 30],
    [ISKP, 14],
    [BLA, 12],
    [{ actor: 'AQ: al-Qaida', claims: 0.4 }, 4],
    [{ actor: 'TJP: Tehrik-e-Jihad Pakistan', claims: 0.8 }, 5],
  ],
};

export interface Tactic {
  eventType: string;
  subEventType: string;
  /** Heavy-tail scale for the killed count (larger = deadlier). */
  lethality: number;
  targets: Weighted<TargetCategory>;
  label: string;
}

export const TACTICS: Weighted<Tactic> = [
  [
    {
      eventType: 'Battles',
      subEventType: 'Armed clash',
      lethality: 1.2,
      targets: [
        ['security-forces', 85],
        ['militants', 15],
      ],
      label: 'armed clash with security forces',
    },
    30,
  ],
  [
    {
      eventType: 'Explosions/Remote violence',
      subEventType: 'Remote explosive/landmine/IED',
      lethality: 0.9,
      targets: [
        ['security-forces', 60],
        ['civilians', 20],
        ['infrastructure', 12],
        ['government', 8],
      ],
      label: 'IED attack',
    },
    27,
  ],
  [
    {
      eventType: 'Violence against civilians',
      subEventType: 'Attack',
      lethality: 0.7,
      targets: [
        ['civilians', 70],
        ['government', 25],
        ['foreign-nationals', 5],
      ],
      label: 'targeted killing',
    },
    22,
  ],
  [
    {
      eventType: 'Explosions/Remote violence',
      subEventType: 'Suicide bomb',
      lethality: 4,
      targets: [
        ['security-forces', 62],
        ['civilians', 25],
        ['foreign-nationals', 8],
        ['government', 5],
      ],
      label: 'suicide bombing',
    },
    7,
  ],
  [
    {
      eventType: 'Explosions/Remote violence',
      subEventType: 'Grenade',
      lethality: 0.5,
      targets: [
        ['security-forces', 45],
        ['civilians', 40],
        ['government', 15],
      ],
      label: 'grenade attack',
    },
    5,
  ],
  [
    {
      eventType: 'Explosions/Remote violence',
      subEventType: 'Shelling/artillery/missile attack',
      lethality: 0.6,
      targets: [
        ['security-forces', 90],
        ['infrastructure', 10],
      ],
      label: 'mortar and rocket fire on a post',
    },
    4,
  ],
  [
    {
      eventType: 'Violence against civilians',
      subEventType: 'Abduction/forced disappearance',
      lethality: 0,
      targets: [
        ['civilians', 60],
        ['government', 30],
        ['foreign-nationals', 10],
      ],
      label: 'abduction',
    },
    5,
  ],
];

export const TARGET_PHRASES: Record<TargetCategory, readonly string[]> = {
  'security-forces': [
    'a police checkpost',
    'a Frontier Corps convoy',
    'an army patrol',
    'a police station',
    'a counter-terrorism department team',
  ],
  civilians: ['a market', 'a passenger van', 'tribal elders', 'a polio vaccination team', 'labourers'],
  government: ['a district official', 'a government office', 'a levies post', 'an election office'],
  'foreign-nationals': [
    'a convoy carrying Chinese nationals on a CPEC project',
    'Chinese engineers at a hydropower site',
    'a vehicle of foreign workers',
  ],
  infrastructure: ['a gas pipeline', 'a railway track', 'a mobile phone tower', 'a power pylon'],
  militants: ['a rival militant faction', 'suspected militants'],
  other: ['unidentified targets'],
};

export const OUTLETS: Weighted<string> = [
  ['Dawn', 26],
  ['The Express Tribune', 22],
  ['The News International', 14],
  ['Geo News', 10],
  ['Pakistan Today', 6],
  ['ISPR press release', 8],
  ['The Balochistan Post', 5],
  ['Khorasan Diary', 4],
  ['ACLED-style synthetic', 5],
];

export const SOURCE_SCALES: Weighted<string> = [
  ['National', 55],
  ['Subnational', 20],
  ['National-Regional', 15],
  ['Other-National', 10],
];

export const VERIFICATION: Weighted<'reported' | 'confirmed' | 'disputed'> = [
  ['reported', 58],
  ['confirmed', 36],
  ['disputed', 6],
];
