export const REGION_IDS = ['kp', 'balochistan', 'barmal', 'tajikistan'] as const;
export type RegionId = (typeof REGION_IDS)[number];

export interface RegionDef {
  id: RegionId;
  name: string;
  country: string;
  approximate: boolean;
  description: string;
}

export const REGIONS: RegionDef[] = [
  {
    id: 'kp',
    name: 'Khyber Pakhtunkhwa',
    country: 'PK',
    approximate: false,
    description: 'Pakistani province, including the former FATA tribal districts merged in 2018.',
  },
  {
    id: 'balochistan',
    name: 'Balochistan',
    country: 'PK',
    approximate: false,
    description: 'Pakistani province bordering Afghanistan and Iran.',
  },
  {
    id: 'barmal',
    name: 'Barmal (approx.)',
    country: 'AF',
    approximate: true,
    description:
      'District of Paktika province, Afghanistan, facing South Waziristan. No public district boundary exists: the area drawn is approximate.',
  },
  {
    id: 'tajikistan',
    name: 'Tajikistan',
    country: 'TJ',
    approximate: false,
    description: 'Country; Khatlon and Gorno-Badakhshan border Afghanistan.',
  },
];

export const REGION_BY_ID = new Map(REGIONS.map((r) => [r.id, r]));

export function isRegionId(s: string): s is RegionId {
  return (REGION_IDS as readonly string[]).includes(s);
}
