import type { SITE_KINDS } from '@/db/schema';

interface SeedSite {
  name: string;
  lat: number;
  lon: number;
  kind: (typeof SITE_KINDS)[number];
  example: boolean;
  notes: string;
}

/**
 * The sites every database starts with. Border crossings are watched places in their own right.
 * The landmarks are public, well-known places flagged `example`: they show what a watched site
 * is for, and operators replace them with their own. Coordinates (WGS 84) and where they come from:
 * - Gwadar Port: Wikipedia gives Gwadar city at 25.1264°N 62.3225°E; the port's berths lie on the
 *   east bay of the peninsula, about 1.5 km south-east of that point (approximate).
 * - Dasu hydropower project: WAPDA places the dam "7 km upstream of Dasu town on the Indus River"
 *   (wapda.gov.pk, Dasu Hydropower Project page); the point is on the Indus near Dasu, approximate
 *   to a few kilometres (not surveyed: well inside any useful proximity radius).
 * - Panji Poyon bridge: the Tajik–Afghan bridge over the Panj between Panji Poyon (Tajikistan) and
 *   Sherkhan Bandar (Kunduz), opened 2007; Wikipedia "Tajik–Afghan bridge at Panji Poyon",
 *   37°11′41″N 68°36′19″E = 37.1946°N 68.6053°E.
 */
export const SEED_SITES: SeedSite[] = [
  {
    name: 'Torkham border crossing',
    lat: 34.1126,
    lon: 71.0936,
    kind: 'border-crossing',
    example: false,
    notes: 'Khyber Pass crossing, Pakistan–Afghanistan',
  },
  {
    name: 'Chaman border crossing',
    lat: 30.921,
    lon: 66.4597,
    kind: 'border-crossing',
    example: false,
    notes: 'Chaman–Spin Boldak crossing, Pakistan–Afghanistan',
  },
  {
    name: 'Angoor Adda border crossing',
    lat: 32.5156,
    lon: 69.2825,
    kind: 'border-crossing',
    example: false,
    notes: 'South Waziristan–Paktika crossing',
  },
  {
    name: 'Ghulam Khan border crossing',
    lat: 33.1361,
    lon: 69.9833,
    kind: 'border-crossing',
    example: false,
    notes: 'North Waziristan–Khost crossing',
  },
  {
    name: 'Gwadar Port',
    lat: 25.1122,
    lon: 62.3297,
    kind: 'cpec-project',
    example: true,
    notes: 'Deep-sea port on the Arabian Sea, CPEC flagship (approximate position)',
  },
  {
    name: 'Dasu hydropower project',
    lat: 35.2926,
    lon: 73.2154,
    kind: 'chinese-project',
    example: true,
    notes: 'Indus dam in Upper Kohistan built by a Chinese contractor (approximate position)',
  },
  {
    name: 'Panji Poyon bridge',
    lat: 37.1946,
    lon: 68.6053,
    kind: 'border-crossing',
    example: true,
    notes: 'Tajik–Afghan bridge over the Panj to Sherkhan Bandar (Kunduz)',
  },
];
