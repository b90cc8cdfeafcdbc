/**
 * The curated third layer of the intake gazetteer: towns, tehsils, crossings, valleys and
 * districts the press names that GeoNames' packaged extracts lack (or lack coordinates for).
 * Every entry says where its coordinates come from. "approximate" entries are placed from a
 * verbal description (the tehsil or valley centre to within ~10 km) and are good for a map dot,
 * not for distance work finer than that; a district's seat stands for the district.
 */
import type { SupplementPlace } from './supplement-types';

const KP = 'Khyber Pakhtunkhwa';
const BA = 'Balochistan';
const APPROX = 'approximate: placed from its description (tehsil/town centre, ~10 km)';

export const SUPPLEMENT: readonly SupplementPlace[] = [
  // North Waziristan
  { name: 'Mir Ali', kind: 'town', country: 'PK', admin1: KP, admin2: 'North Waziristan', lat: 32.99, lon: 70.27, aliases: ['Mirali'], source: APPROX },
  { name: 'Datta Khel', kind: 'tehsil', country: 'PK', admin1: KP, admin2: 'North Waziristan', lat: 32.96, lon: 69.79, aliases: ['Dattakhel', 'Datakhel'], source: APPROX },
  { name: 'Spinwam', kind: 'tehsil', country: 'PK', admin1: KP, admin2: 'North Waziristan', lat: 33.17, lon: 70.37, aliases: ['Spin Wam'], source: APPROX },
  { name: 'Razmak', kind: 'town', country: 'PK', admin1: KP, admin2: 'North Waziristan', lat: 32.68, lon: 69.85, source: APPROX },
  { name: 'Ghulam Khan', kind: 'crossing', country: 'PK', admin1: KP, admin2: 'North Waziristan', lat: 33.13, lon: 69.93, source: APPROX },
  { name: 'Shewa', kind: 'tehsil', country: 'PK', admin1: KP, admin2: 'North Waziristan', lat: 33.08, lon: 70.42, source: APPROX },
  { name: 'Shawal', kind: 'valley', country: 'PK', admin1: KP, admin2: 'North Waziristan', lat: 32.85, lon: 69.72, aliases: ['Shawal valley'], source: APPROX },
  { name: 'Boya', kind: 'town', country: 'PK', admin1: KP, admin2: 'North Waziristan', lat: 33.03, lon: 70.0, source: APPROX },
  // South Waziristan (split into Upper and Lower in 2022; the press and ACLED still say South Waziristan)
  { name: 'Makeen', kind: 'town', country: 'PK', admin1: KP, admin2: 'South Waziristan', lat: 32.63, lon: 69.83, aliases: ['Makin'], source: APPROX },
  { name: 'Ladha', kind: 'tehsil', country: 'PK', admin1: KP, admin2: 'South Waziristan', lat: 32.56, lon: 69.95, source: APPROX },
  { name: 'Sararogha', kind: 'tehsil', country: 'PK', admin1: KP, admin2: 'South Waziristan', lat: 32.46, lon: 69.99, source: APPROX },
  { name: 'Tiarza', kind: 'tehsil', country: 'PK', admin1: KP, admin2: 'South Waziristan', lat: 32.4, lon: 69.82, source: APPROX },
  { name: 'Shakai', kind: 'valley', country: 'PK', admin1: KP, admin2: 'South Waziristan', lat: 32.5, lon: 69.75, source: APPROX },
  { name: 'Angoor Adda', kind: 'crossing', country: 'PK', admin1: KP, admin2: 'South Waziristan', lat: 32.5156, lon: 69.2825, aliases: ['Angur Adda', 'Angoor Ada'], source: 'lib/geo Barmal fallback point (docs geodata.md)' },
  { name: 'Jandola', kind: 'town', country: 'PK', admin1: KP, admin2: 'Tank', lat: 32.34, lon: 70.13, source: APPROX },
  // Khyber, Bajaur, Mohmand, Orakzai, Kurram
  { name: 'Torkham', kind: 'crossing', country: 'PK', admin1: KP, admin2: 'Khyber', lat: 34.12, lon: 71.09, source: APPROX },
  { name: 'Jamrud', kind: 'town', country: 'PK', admin1: KP, admin2: 'Khyber', lat: 33.99, lon: 71.38, source: APPROX },
  { name: 'Bara', kind: 'tehsil', country: 'PK', admin1: KP, admin2: 'Khyber', lat: 33.92, lon: 71.46, source: APPROX },
  { name: 'Tirah', kind: 'valley', country: 'PK', admin1: KP, admin2: 'Khyber', lat: 33.75, lon: 70.95, aliases: ['Tirah valley'], source: APPROX },
  { name: 'Khar', kind: 'town', country: 'PK', admin1: KP, admin2: 'Bajaur', lat: 34.73, lon: 71.52, source: APPROX },
  { name: 'Bajaur', kind: 'district', country: 'PK', admin1: KP, admin2: 'Bajaur', lat: 34.73, lon: 71.52, aliases: ['Bajaur Agency'], source: 'district seat of Bajaur (Khar)' },
  { name: 'Mamund', kind: 'tehsil', country: 'PK', admin1: KP, admin2: 'Bajaur', lat: 34.8, lon: 71.43, aliases: ['Mamond'], source: APPROX },
  { name: 'Salarzai', kind: 'tehsil', country: 'PK', admin1: KP, admin2: 'Bajaur', lat: 34.8, lon: 71.6, source: APPROX },
  { name: 'Mohmand', kind: 'district', country: 'PK', admin1: KP, admin2: 'Mohmand', lat: 34.35, lon: 71.4, aliases: ['Mohmand Agency'], source: 'district seat of Mohmand (Ghalanai), approximate' },
  { name: 'Orakzai', kind: 'district', country: 'PK', admin1: KP, admin2: 'Orakzai', lat: 33.67, lon: 71.0, aliases: ['Orakzai Agency'], source: 'district seat of Orakzai (Kalaya), approximate' },
  { name: 'Kalaya', kind: 'town', country: 'PK', admin1: KP, admin2: 'Orakzai', lat: 33.67, lon: 71.0, source: APPROX },
  { name: 'Sadda', kind: 'town', country: 'PK', admin1: KP, admin2: 'Kurram', lat: 33.7, lon: 70.33, source: APPROX },
  // Peshawar valley, Malakand division
  { name: 'Hayatabad', kind: 'town', country: 'PK', admin1: KP, admin2: 'Peshawar', lat: 33.99, lon: 71.45, source: APPROX },
  { name: 'Besham', kind: 'town', country: 'PK', admin1: KP, admin2: 'Shangla', lat: 34.93, lon: 72.87, source: APPROX },
  { name: 'Dargai', kind: 'town', country: 'PK', admin1: KP, admin2: 'Malakand', lat: 34.51, lon: 71.9, source: APPROX },
  { name: 'Batkhela', kind: 'town', country: 'PK', admin1: KP, admin2: 'Malakand', lat: 34.62, lon: 71.97, source: APPROX },
  { name: 'Chakdara', kind: 'town', country: 'PK', admin1: KP, admin2: 'Lower Dir', lat: 34.66, lon: 72.02, source: APPROX },
  { name: 'Matta', kind: 'tehsil', country: 'PK', admin1: KP, admin2: 'Swat', lat: 34.98, lon: 72.43, source: APPROX },
  { name: 'Kabal', kind: 'tehsil', country: 'PK', admin1: KP, admin2: 'Swat', lat: 34.79, lon: 72.29, source: APPROX },
  // Southern districts
  { name: 'Daraban', kind: 'town', country: 'PK', admin1: KP, admin2: 'Dera Ismail Khan', lat: 31.73, lon: 70.33, source: APPROX },
  { name: 'Pezu', kind: 'town', country: 'PK', admin1: KP, admin2: 'Lakki Marwat', lat: 32.3, lon: 70.74, source: APPROX },
  { name: 'Serai Naurang', kind: 'town', country: 'PK', admin1: KP, admin2: 'Lakki Marwat', lat: 32.82, lon: 70.78, aliases: ['Naurang'], source: APPROX },
  { name: 'Domel', kind: 'town', country: 'PK', admin1: KP, admin2: 'Bannu', lat: 32.94, lon: 70.48, source: APPROX },
  { name: 'Bakakhel', kind: 'town', country: 'PK', admin1: KP, admin2: 'Bannu', lat: 32.96, lon: 70.45, aliases: ['Baka Khel'], source: APPROX },
  { name: 'Jani Khel', kind: 'town', country: 'PK', admin1: KP, admin2: 'Bannu', lat: 32.83, lon: 70.42, aliases: ['Janikhel'], source: APPROX },
  // Balochistan
  { name: 'Sui', kind: 'town', country: 'PK', admin1: BA, admin2: 'Dera Bugti', lat: 28.64, lon: 69.18, source: APPROX },
  { name: 'Hoshab', kind: 'town', country: 'PK', admin1: BA, admin2: 'Kech', lat: 26.03, lon: 63.92, source: APPROX },
  { name: 'Tump', kind: 'town', country: 'PK', admin1: BA, admin2: 'Kech', lat: 26.11, lon: 62.37, source: APPROX },
  { name: 'Hub', kind: 'town', country: 'PK', admin1: BA, admin2: 'Lasbela', lat: 25.05, lon: 66.88, source: APPROX },
  { name: 'Taftan', kind: 'crossing', country: 'PK', admin1: BA, admin2: 'Chagai', lat: 28.96, lon: 61.6, source: APPROX },
  { name: 'Washuk', kind: 'district', country: 'PK', admin1: BA, admin2: 'Washuk', lat: 27.73, lon: 64.8, source: 'district seat of Washuk, approximate' },
  { name: 'Sambaza', kind: 'town', country: 'PK', admin1: BA, admin2: 'Zhob', lat: 31.45, lon: 69.3, source: APPROX },
  { name: 'Bolan', kind: 'valley', country: 'PK', admin1: BA, admin2: 'Kachhi', lat: 29.75, lon: 67.5, aliases: ['Bolan Pass'], source: APPROX },
  { name: 'Sherani', kind: 'district', country: 'PK', admin1: BA, admin2: 'Sherani', lat: 31.55, lon: 69.9, aliases: ['Shirani'], source: 'district seat of Sherani, approximate' },
  // Afghanistan, facing the monitored Pakistani districts
  { name: 'Barmal', kind: 'district', country: 'AF', admin1: 'Paktika', admin2: 'Barmal', lat: 32.5156, lon: 69.2825, aliases: ['Bermal', 'Birmal'], source: 'lib/geo Barmal fallback point at the Angur Adda crossing (docs geodata.md)' },
  // Tajikistan, facing Afghanistan
  { name: 'Shamsiddin Shohin', kind: 'district', country: 'TJ', admin1: 'Khatlon', admin2: 'Shamsiddin Shohin', lat: 37.84, lon: 70.04, aliases: ['Shamsiddin Shohin district', 'Shuroobod', 'Shurobod', 'Shuro-obod'], source: 'district seat Shuroobod, approximate' },
  { name: 'Darvoz', kind: 'district', country: 'TJ', admin1: 'Gorno-Badakhshan', admin2: 'Darvoz', lat: 38.4537, lon: 70.789, aliases: ['Darvaz', 'Darvoz district'], source: 'district seat Qalaikhumb (GeoNames)' },
];
