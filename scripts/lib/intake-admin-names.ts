/**
 * GeoNames admin names in the shape ACLED and the app use ("North Waziristan", "Khost",
 * "Khatlon"), for scripts/build-intake-gazetteer.ts.
 */

/** admin1 names that differ from the app's spelling. */
export const ADMIN1_NAMES: Record<string, string> = {
  Khowst: 'Khost',
  'Maidan Wardak Province': 'Wardak',
  'Sar-e Pol Province': 'Sar-e-Pul',
  Ghowr: 'Ghor',
  Oruzgan: 'Uruzgan',
  'Khatlon Province': 'Khatlon',
  'Republican Subordination': 'Districts of Republican Subordination',
};

/** admin2 names that differ from the app's spelling once diacritics are gone. */
export const ADMIN2_NAMES: Record<string, string> = {
  'South Waziristan Agency': 'South Waziristan',
  'North Wazīristān District': 'North Waziristan',
  'Khyber Agency': 'Khyber',
  'Bājaur Agency': 'Bajaur',
  'Mohmand Agency': 'Mohmand',
  'Orakzai Agency': 'Orakzai',
  'Malakand Protected Area': 'Malakand',
  'Kachhi District': 'Kachhi',
  'Qila Abdullah District': 'Killa Abdullah',
  'Qila Saifullah': 'Killa Saifullah',
  'Musa Khel District': 'Musakhel',
  Bêrmal: 'Barmal',
  Giyān: 'Gayan',
  Spērah: 'Spera',
  'Urgun District': 'Urgun',
};

/** Former Frontier Regions and tribal areas: merged into the district they adjoin. */
export const ADMIN2_DROP: Record<string, string> = {
  'Dera Ismail Khan Tribal Area': 'Dera Ismail Khan',
  'Tank Frontier Region': 'Tank',
  'Bannu Tribal Area': 'Bannu',
  'Lakki Marwat Tribal Area': 'Lakki Marwat',
  'Peshawar Frontier Region': 'Peshawar',
  'Tribal Area Adjoining Kohat District': 'Kohat',
};

/** Drops diacritics and the administrative suffixes or prefixes GeoNames keeps. */
export function cleanAdminName(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[‘’']/g, '');
  return (
    plain
      .replace(/^Nohiyai\s+/u, '')
      .replace(/(skiy|skij|sky)\s+Rayon$/iu, '')
      .replace(/\s+(District|Agency|Province|Region|rayon|Rayon)$/u, '')
      .trim() || plain
  );
}
