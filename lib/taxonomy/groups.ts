import { boundedMemo } from '@/lib/memo';
import { foldName, slugify } from './normalize';

export type GroupKind = 'militant' | 'state' | 'unidentified' | 'other';

export interface GroupDef {
  id: string;
  name: string;
  abbreviation: string | null;
  aliases: string[];
  kind: GroupKind;
  parentId: string | null;
  affiliation: string | null;
  colour: string;
}

/**
 * Colours chosen from the Okabe–Ito and Paul Tol palettes so the largest groups stay
 * distinguishable under the common colour-vision deficiencies.
 */
export const KNOWN_GROUPS: GroupDef[] = [
  {
    id: 'ttp',
    name: 'Tehrik-i-Taliban Pakistan',
    abbreviation: 'TTP',
    // "Fitna al-Khawarij" / "khawarij": the government's designation of the TTP since 2024, used by ISPR and the press.
    aliases: [
      'Tehrik-e-Taliban Pakistan',
      'Tehreek-e-Taliban Pakistan',
      'Tehreek-i-Taliban Pakistan',
      'Pakistani Taliban',
      'Fitna al-Khawarij',
      'Khawarij',
      'Khwarij',
    ],
    kind: 'militant',
    parentId: null,
    affiliation: null,
    colour: '#D55E00',
  },
  {
    id: 'tjp',
    name: 'Tehrik-e-Jihad Pakistan',
    abbreviation: 'TJP',
    aliases: ['Tehreek-e-Jihad Pakistan', 'Tehrik-i-Jihad Pakistan'],
    kind: 'militant',
    parentId: 'ttp',
    affiliation: 'Alleged front of TTP',
    colour: '#E69F00',
  },
  {
    id: 'iskp',
    name: 'Islamic State Khorasan Province',
    abbreviation: 'ISKP',
    aliases: [
      'IS-K',
      'ISIS-K',
      'ISIL-K',
      'ISKP',
      'Islamic State (Khorasan)',
      'Islamic State - Khorasan Province',
      'Islamic State-Khorasan',
      'Wilayat Khorasan',
      'ISIL',
      'Islamic State',
      'Daesh',
      'Daish',
    ],
    kind: 'militant',
    parentId: null,
    affiliation: 'Islamic State',
    colour: '#000000',
  },
  {
    id: 'bla',
    name: 'Balochistan Liberation Army',
    abbreviation: 'BLA',
    aliases: ['Baloch Liberation Army', 'BLA-Jeeyand', 'BLA-Azad', 'Majeed Brigade'],
    kind: 'militant',
    parentId: null,
    affiliation: 'Baloch separatist',
    colour: '#0072B2',
  },
  {
    id: 'blf',
    name: 'Balochistan Liberation Front',
    abbreviation: 'BLF',
    aliases: ['Baloch Liberation Front'],
    kind: 'militant',
    parentId: null,
    affiliation: 'Baloch separatist',
    colour: '#56B4E9',
  },
  {
    id: 'bras',
    name: 'Baloch Raji Aajoi Sangar',
    abbreviation: 'BRAS',
    aliases: ['Baloch Raaji Aajoi Sangar'],
    kind: 'militant',
    parentId: null,
    affiliation: 'Baloch separatist',
    colour: '#DDCC77',
  },
  {
    id: 'brg',
    name: 'Baloch Republican Guards',
    abbreviation: 'BRG',
    aliases: [],
    kind: 'militant',
    parentId: null,
    affiliation: 'Baloch separatist',
    colour: '#AA4499',
  },
  {
    // The actor when a report names no particular Baloch group: the press and the state's 2025
    // term "Fitna al-Hindustan" cover several groups, so it must not default to the BLA.
    id: 'baloch-separatists',
    name: 'Baloch separatist militants',
    abbreviation: null,
    aliases: ['Fitna al-Hindustan', 'Baloch separatists', 'Baloch insurgents'],
    kind: 'militant',
    parentId: null,
    affiliation: 'Baloch separatist',
    colour: '#661100',
  },
  {
    id: 'jaish-ul-adl',
    name: 'Jaish ul-Adl',
    abbreviation: 'JuA',
    aliases: ['Jaish al-Adl', 'Jaish-ul-Adl', 'Jaysh al-Adl', 'Army of Justice'],
    kind: 'militant',
    parentId: null,
    affiliation: null,
    colour: '#009E73',
  },
  {
    id: 'etim',
    name: 'Eastern Turkestan Islamic Movement',
    abbreviation: 'ETIM',
    aliases: ['East Turkestan Islamic Movement', 'Turkistan Islamic Party', 'TIP'],
    kind: 'militant',
    parentId: null,
    affiliation: null,
    colour: '#CC79A7',
  },
  {
    id: 'al-qaida',
    name: 'al-Qaida',
    abbreviation: 'AQ',
    aliases: ['al-Qaeda', 'Al Qaeda', 'AQIS', 'al-Qaida in the Indian Subcontinent', 'Al Qaeda in the Indian Subcontinent'],
    kind: 'militant',
    parentId: null,
    affiliation: null,
    colour: '#882255',
  },
  {
    id: 'hafiz-gul-bahadur',
    name: 'Hafiz Gul Bahadur Group',
    abbreviation: 'HGB',
    aliases: ['Hafiz Gul Bahadur', 'Jaish-e-Fursan-e-Muhammad'],
    kind: 'militant',
    parentId: null,
    affiliation: null,
    colour: '#999933',
  },
  {
    id: 'lashkar-e-islam',
    name: 'Lashkar-e-Islam',
    abbreviation: 'LeI',
    aliases: ['Lashkar-i-Islam'],
    kind: 'militant',
    parentId: null,
    affiliation: null,
    colour: '#44AA99',
  },
  {
    // A TTP faction that claims attacks in its own name; no abbreviation, as "JuA" is Jaish ul-Adl's here.
    id: 'jamaat-ul-ahrar',
    name: 'Jamaat-ul-Ahrar',
    abbreviation: null,
    aliases: ['Jamaatul Ahrar', 'Jamaat ul Ahrar', 'Jamat-ul-Ahrar'],
    kind: 'militant',
    parentId: 'ttp',
    affiliation: 'TTP faction',
    colour: '#4477AA',
  },
  {
    id: 'hizb-ul-ahrar',
    name: 'Hizb-ul-Ahrar',
    abbreviation: null,
    aliases: ['Hizbul Ahrar', 'Hizb ul Ahrar'],
    kind: 'militant',
    parentId: null,
    affiliation: 'TTP splinter',
    colour: '#228833',
  },
  {
    // The 2025 alliance of the Hafiz Gul Bahadur group, Lashkar-e-Islam and others.
    id: 'ittehad-ul-mujahideen-pakistan',
    name: 'Ittehad-ul-Mujahideen Pakistan',
    abbreviation: 'IMP',
    aliases: ['Ittehadul Mujahideen Pakistan', 'Ittehad ul Mujahideen Pakistan'],
    kind: 'militant',
    parentId: null,
    affiliation: null,
    colour: '#888888',
  },
  {
    id: 'unknown',
    name: 'Unidentified armed group',
    abbreviation: null,
    aliases: ['Unidentified Armed Group', 'Unknown', 'Unidentified'],
    kind: 'unidentified',
    parentId: null,
    affiliation: null,
    colour: '#9E9E9E',
  },
  {
    id: 'pakistan-military',
    name: 'Military Forces of Pakistan',
    abbreviation: null,
    aliases: ['Pakistan Army', 'Pakistan Air Force', 'Pakistani military'],
    kind: 'state',
    parentId: null,
    affiliation: 'State forces',
    colour: '#332288',
  },
  {
    id: 'pakistan-police',
    name: 'Police Forces of Pakistan',
    abbreviation: null,
    aliases: ['Pakistan Police', 'Frontier Corps'],
    kind: 'state',
    parentId: null,
    affiliation: 'State forces',
    colour: '#6699CC',
  },
  {
    id: 'afghanistan-military',
    name: 'Military Forces of Afghanistan',
    abbreviation: null,
    aliases: ['Taliban forces', 'Islamic Emirate of Afghanistan forces'],
    kind: 'state',
    parentId: null,
    affiliation: 'State forces',
    colour: '#117733',
  },
  {
    id: 'tajikistan-military',
    name: 'Military Forces of Tajikistan',
    abbreviation: null,
    aliases: ['Tajik border guards', 'Border Forces of Tajikistan'],
    kind: 'state',
    parentId: null,
    affiliation: 'State forces',
    colour: '#88CCEE',
  },
];

/** Fallback colours for groups first seen in imported data (assigned by a stable hash). */
const EXTRA_COLOURS = ['#AA4499', '#DDCC77', '#661100', '#6699CC', '#888888', '#AA4466', '#4477AA', '#228833'];

export function colourFor(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return EXTRA_COLOURS[h % EXTRA_COLOURS.length];
}

/** Strips ACLED's parenthetical qualifiers: `Military Forces of Pakistan (2018-)` → `Military Forces of Pakistan`. */
function stripQualifier(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*$/u, '').trim();
}

const STATE_PREFIX = /^(military|police|border|security) forces of /;

/** Actor strings GroupMatcher.match remembers before it starts over. */
const MATCH_CACHE_SIZE = 50_000;

export interface ActorMatch {
  /** Existing group id, or a proposed new group when nothing matched. */
  group: GroupDef;
  isNew: boolean;
}

/**
 * Index of known names → group id, built once per set of groups. Keys are folded names,
 * abbreviations and aliases, so matching is case- and accent-insensitive.
 */
export class GroupMatcher {
  private readonly byKey = new Map<string, GroupDef>();
  /** match() answers by actor string: imports repeat the same few actor names thousands of times. */
  private readonly matched = boundedMemo((actor) => this.matchUncached(actor), { max: MATCH_CACHE_SIZE });

  constructor(groups: GroupDef[] = KNOWN_GROUPS) {
    for (const g of groups) this.add(g);
  }

  add(g: GroupDef): void {
    this.matched.clear();
    for (const key of [g.id, g.name, g.abbreviation, ...g.aliases]) {
      if (key) {
        const k = foldName(key);
        if (k && !this.byKey.has(k)) this.byKey.set(k, g);
      }
    }
  }

  get(id: string): GroupDef | undefined {
    const g = this.byKey.get(foldName(id));
    return g && g.id === id ? g : undefined;
  }

  /**
   * Match an actor string such as `TTP: Tehrik-i-Taliban Pakistan`; unknown actors become a proposed
   * new group. The answer for a string is computed once and shared (callers must not modify it)
   * until add() changes the known groups.
   */
  match(actor: string): ActorMatch {
    return this.matched(actor);
  }

  private matchUncached(actor: string): ActorMatch {
    const raw = actor.trim();
    const folded = foldName(raw);
    if (/^unidentified (armed|military|militia|group)/.test(folded) || folded === 'unknown') {
      return { group: this.byKey.get('unknown')!, isNew: false };
    }
    const colon = raw.indexOf(':');
    const abbr = colon > 0 && colon <= 16 ? raw.slice(0, colon).trim() : null;
    const fullName = stripQualifier(colon > 0 && colon <= 16 ? raw.slice(colon + 1) : raw);
    for (const candidate of [abbr, fullName, raw]) {
      if (!candidate) continue;
      const hit = this.byKey.get(foldName(candidate));
      if (hit) return { group: hit, isNew: false };
    }
    const name = fullName || raw;
    const kind: GroupKind = STATE_PREFIX.test(foldName(name)) ? 'state' : 'militant';
    const id = slugify(name);
    const group: GroupDef = {
      id,
      name,
      abbreviation: abbr,
      aliases: [],
      kind,
      parentId: null,
      affiliation: kind === 'state' ? 'State forces' : null,
      colour: colourFor(id),
    };
    return { group, isNew: true };
  }
}
