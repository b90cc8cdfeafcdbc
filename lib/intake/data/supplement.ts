/**
 * The curated third layer of the intake gazetteer: towns, tehsils, crossings, valleys and
 * districts the press names that GeoNames' packaged extracts lack (or lack coordinates for).
 * Every entry says where its coordinates come from. "approximate" entries are placed from a
 * verbal description (the tehsil or valley centre to within ~10 km) and are good for a map dot,
 * not for distance work finer than that; a district's seat stands for the district.
 */
import type { PlaceKind, SupplementPlace } from './supplement-types';

const KP = 'Khyber Pakhtunkhwa';
const BA = 'Balochistan';
const APPROX = 'approximate: placed from its description (tehsil/town centre, ~10 km)';

/**
 * One entry as a table row: name, kind, province/admin1, district/admin2, lat, lon, source, then
 * the press's other spellings when there are any (left off the entry when there are none).
 */
function place(country: string) {
  return (
    name: string,
    kind: PlaceKind,
    admin1: string,
    admin2: string,
    lat: number,
    lon: number,
    source: string,
    aliases?: string[],
  ): SupplementPlace => ({ name, kind, country, admin1, admin2, lat, lon, ...(aliases ? { aliases } : {}), source });
}
const pk = place('PK');
const af = place('AF');
const tj = place('TJ');

export const SUPPLEMENT: readonly SupplementPlace[] = [
  // North Waziristan
  pk('Mir Ali', 'town', KP, 'North Waziristan', 32.99, 70.27, APPROX, ['Mirali']),
  pk('Datta Khel', 'tehsil', KP, 'North Waziristan', 32.96, 69.79, APPROX, ['Dattakhel', 'Datakhel']),
  pk('Spinwam', 'tehsil', KP, 'North Waziristan', 33.17, 70.37, APPROX, ['Spin Wam']),
  pk('Razmak', 'town', KP, 'North Waziristan', 32.68, 69.85, APPROX),
  pk('Ghulam Khan', 'crossing', KP, 'North Waziristan', 33.13, 69.93, APPROX),
  pk('Shewa', 'tehsil', KP, 'North Waziristan', 33.08, 70.42, APPROX),
  pk('Shawal', 'valley', KP, 'North Waziristan', 32.85, 69.72, APPROX, ['Shawal valley']),
  pk('Boya', 'town', KP, 'North Waziristan', 33.03, 70.0, APPROX),
  // South Waziristan (split into Upper and Lower in 2022; the press and ACLED still say South Waziristan)
  pk('Makeen', 'town', KP, 'South Waziristan', 32.63, 69.83, APPROX, ['Makin']),
  pk('Ladha', 'tehsil', KP, 'South Waziristan', 32.56, 69.95, APPROX),
  pk('Sararogha', 'tehsil', KP, 'South Waziristan', 32.46, 69.99, APPROX),
  pk('Tiarza', 'tehsil', KP, 'South Waziristan', 32.4, 69.82, APPROX),
  pk('Shakai', 'valley', KP, 'South Waziristan', 32.5, 69.75, APPROX),
  pk('Angoor Adda', 'crossing', KP, 'South Waziristan', 32.5156, 69.2825, 'lib/geo Barmal fallback point (docs geodata.md)', ['Angur Adda', 'Angoor Ada']),
  pk('Jandola', 'town', KP, 'Tank', 32.34, 70.13, APPROX),
  pk('Esham', 'town', KP, 'North Waziristan', 33.05, 70.15, APPROX, ['Isham']),
  pk('Hassu Khel', 'town', KP, 'North Waziristan', 32.97, 70.24, APPROX, ['Hassokhel', 'Hasso Khel']),
  pk('Eidak', 'town', KP, 'North Waziristan', 33.0, 70.2, APPROX),
  pk('Kaniguram', 'town', KP, 'South Waziristan', 32.52, 69.78, APPROX),
  pk('Azam Warsak', 'town', KP, 'South Waziristan', 32.29, 69.45, APPROX),
  pk('Toi Khulla', 'town', KP, 'South Waziristan', 32.26, 69.41, APPROX, ['Toi Khula']),
  pk('Spinkai Raghzai', 'town', KP, 'South Waziristan', 32.38, 70.05, APPROX, ['Spinkai']),
  // Khyber, Bajaur, Mohmand, Orakzai, Kurram
  pk('Torkham', 'crossing', KP, 'Khyber', 34.12, 71.09, APPROX),
  pk('Jamrud', 'town', KP, 'Khyber', 33.99, 71.38, APPROX),
  pk('Bara', 'tehsil', KP, 'Khyber', 33.92, 71.46, APPROX),
  pk('Tirah', 'valley', KP, 'Khyber', 33.75, 70.95, APPROX, ['Tirah valley']),
  pk('Khar', 'town', KP, 'Bajaur', 34.73, 71.52, APPROX),
  pk('Bajaur', 'district', KP, 'Bajaur', 34.73, 71.52, 'district seat of Bajaur (Khar)', ['Bajaur Agency']),
  pk('Mamund', 'tehsil', KP, 'Bajaur', 34.8, 71.43, APPROX, ['Mamond']),
  pk('Salarzai', 'tehsil', KP, 'Bajaur', 34.8, 71.6, APPROX),
  pk('Mohmand', 'district', KP, 'Mohmand', 34.35, 71.4, 'district seat of Mohmand (Ghalanai), approximate', ['Mohmand Agency']),
  pk('Orakzai', 'district', KP, 'Orakzai', 33.67, 71.0, 'district seat of Orakzai (Kalaya), approximate', ['Orakzai Agency']),
  pk('Kalaya', 'town', KP, 'Orakzai', 33.67, 71.0, APPROX),
  pk('Nawagai', 'tehsil', KP, 'Bajaur', 34.68, 71.33, APPROX),
  pk('Loi Sam', 'town', KP, 'Bajaur', 34.75, 71.5, APPROX),
  pk('Charmang', 'town', KP, 'Bajaur', 34.78, 71.38, APPROX),
  pk('Ghalanai', 'town', KP, 'Mohmand', 34.35, 71.4, APPROX),
  pk('Yakka Ghund', 'tehsil', KP, 'Mohmand', 34.3, 71.45, APPROX),
  pk('Ghiljo', 'town', KP, 'Orakzai', 33.72, 70.85, APPROX),
  pk('Mamozai', 'tehsil', KP, 'Orakzai', 33.65, 70.9, APPROX),
  pk('Pewar', 'town', KP, 'Kurram', 33.96, 69.95, APPROX),
  pk('Bagan', 'town', KP, 'Kurram', 33.6, 70.45, APPROX),
  pk('Kunj Alizai', 'town', KP, 'Kurram', 33.55, 70.35, APPROX),
  pk('Lower Kurram', 'tehsil', KP, 'Kurram', 33.55, 70.4, APPROX),
  pk('Upper Kurram', 'tehsil', KP, 'Kurram', 33.9, 70.05, APPROX),
  pk('Central Kurram', 'tehsil', KP, 'Kurram', 33.7, 70.3, APPROX),
  pk('Sadda', 'town', KP, 'Kurram', 33.7, 70.33, APPROX),
  // Peshawar valley, Malakand division
  pk('Hayatabad', 'town', KP, 'Peshawar', 33.99, 71.45, APPROX),
  pk('Besham', 'town', KP, 'Shangla', 34.93, 72.87, APPROX),
  pk('Dargai', 'town', KP, 'Malakand', 34.51, 71.9, APPROX),
  pk('Batkhela', 'town', KP, 'Malakand', 34.62, 71.97, APPROX),
  pk('Chakdara', 'town', KP, 'Lower Dir', 34.66, 72.02, APPROX),
  pk('Matta', 'tehsil', KP, 'Swat', 34.98, 72.43, APPROX),
  pk('Kabal', 'tehsil', KP, 'Swat', 34.79, 72.29, APPROX),
  pk('Mattani', 'town', KP, 'Peshawar', 33.84, 71.56, APPROX),
  pk('Badaber', 'town', KP, 'Peshawar', 33.93, 71.56, APPROX, ['Badabher']),
  pk('Hassan Khel', 'tehsil', KP, 'Peshawar', 33.8, 71.7, APPROX),
  pk('Darra Adam Khel', 'town', KP, 'Kohat', 33.68, 71.5, APPROX, ['Dara Adam Khel', 'Darra Adamkhel', 'Darra']),
  pk('Thall', 'town', KP, 'Hangu', 33.37, 70.55, APPROX),
  pk('Takht-e-Nasrati', 'tehsil', KP, 'Karak', 33.28, 71.28, APPROX, ['Takht-i-Nasrati', 'Takht Nasrati']),
  pk('Banda Daud Shah', 'tehsil', KP, 'Karak', 33.27, 71.1, APPROX),
  pk('Takht Bhai', 'town', KP, 'Mardan', 34.32, 71.95, APPROX, ['Takhtbhai']),
  pk('Drosh', 'town', KP, 'Chitral', 35.56, 71.79, APPROX),
  pk('Khwazakhela', 'town', KP, 'Swat', 34.94, 72.47, APPROX),
  pk('Kalam', 'town', KP, 'Swat', 35.49, 72.58, APPROX),
  pk('Alpuri', 'town', KP, 'Shangla', 34.9, 72.64, APPROX),
  pk('Wari', 'town', KP, 'Upper Dir', 35.05, 71.93, APPROX),
  pk('Balambat', 'town', KP, 'Lower Dir', 34.8, 71.86, APPROX),
  // Southern districts
  pk('Daraban', 'town', KP, 'Dera Ismail Khan', 31.73, 70.33, APPROX),
  pk('Pezu', 'town', KP, 'Lakki Marwat', 32.3, 70.74, APPROX),
  pk('Serai Naurang', 'town', KP, 'Lakki Marwat', 32.82, 70.78, APPROX, ['Naurang']),
  pk('Domel', 'town', KP, 'Bannu', 32.94, 70.48, APPROX),
  pk('Bakakhel', 'town', KP, 'Bannu', 32.96, 70.45, APPROX, ['Baka Khel']),
  pk('Jani Khel', 'town', KP, 'Bannu', 32.83, 70.42, APPROX, ['Janikhel']),
  pk('Miryan', 'town', KP, 'Bannu', 32.98, 70.55, APPROX, ['Mirian']),
  pk('Hawaid', 'town', KP, 'Bannu', 32.93, 70.65, APPROX),
  pk('Ghazni Khel', 'town', KP, 'Lakki Marwat', 32.5, 70.87, APPROX),
  pk('Tajazai', 'town', KP, 'Lakki Marwat', 32.7, 70.8, APPROX),
  pk('Kot Azam', 'town', KP, 'Tank', 32.15, 70.46, APPROX),
  pk('Paroa', 'tehsil', KP, 'Dera Ismail Khan', 31.85, 70.63, APPROX, ['Parova', 'Paharpur Paroa']),
  pk('Chodhwan', 'town', KP, 'Dera Ismail Khan', 31.65, 70.35, APPROX),
  // Balochistan
  pk('Sui', 'town', BA, 'Dera Bugti', 28.64, 69.18, APPROX),
  pk('Hoshab', 'town', BA, 'Kech', 26.03, 63.92, APPROX),
  pk('Tump', 'town', BA, 'Kech', 26.11, 62.37, APPROX),
  pk('Hub', 'town', BA, 'Lasbela', 25.05, 66.88, APPROX),
  pk('Taftan', 'crossing', BA, 'Chagai', 28.96, 61.6, APPROX),
  pk('Washuk', 'district', BA, 'Washuk', 27.73, 64.8, 'district seat of Washuk, approximate'),
  pk('Sambaza', 'town', BA, 'Zhob', 31.45, 69.3, APPROX),
  pk('Bolan', 'valley', BA, 'Kachhi', 29.75, 67.5, APPROX, ['Bolan Pass']),
  pk('Sherani', 'district', BA, 'Sherani', 31.55, 69.9, 'district seat of Sherani, approximate', ['Shirani']),
  pk('Kuchlak', 'town', BA, 'Quetta', 30.33, 66.95, APPROX),
  pk('Sariab', 'town', BA, 'Quetta', 30.15, 66.98, APPROX),
  pk('Hazara Town', 'town', BA, 'Quetta', 30.16, 66.93, APPROX),
  pk('Zehri', 'town', BA, 'Khuzdar', 28.32, 66.63, APPROX),
  pk('Wadh', 'town', BA, 'Khuzdar', 27.35, 66.37, APPROX),
  pk('Buleda', 'town', BA, 'Kech', 26.3, 62.9, APPROX),
  pk('Mand', 'town', BA, 'Kech', 26.25, 62.12, APPROX),
  pk('Mashkay', 'town', BA, 'Awaran', 26.9, 65.3, APPROX, ['Mashkai']),
  pk('Nokkundi', 'town', BA, 'Chagai', 28.82, 62.75, APPROX, ['Nok Kundi']),
  pk('Muslim Bagh', 'town', BA, 'Killa Saifullah', 30.83, 67.73, APPROX, ['Muslimbagh']),
  pk('Dera Allah Yar', 'town', BA, 'Jafarabad', 28.37, 68.35, APPROX),
  pk('Kalmat', 'town', BA, 'Gwadar', 25.42, 64.08, APPROX),
  pk('Basima', 'town', BA, 'Washuk', 27.9, 65.87, APPROX),
  pk('Mashkel', 'town', BA, 'Washuk', 27.98, 63.25, APPROX),
  // Afghanistan, facing the monitored Pakistani districts
  af('Barmal', 'district', 'Paktika', 'Barmal', 32.5156, 69.2825, 'lib/geo Barmal fallback point at the Angur Adda crossing (docs geodata.md)', ['Bermal', 'Birmal']),
  af('Tora Bora', 'valley', 'Nangarhar', 'Pachir wa Agam', 34.12, 70.22, APPROX),
  af('Zazai Maidan', 'district', 'Khost', 'Zazai Maidan', 33.46, 69.88, 'approximate: district centre from its description', ['Zazi Maidan']),
  // Tajikistan, facing Afghanistan
  tj('Shamsiddin Shohin', 'district', 'Khatlon', 'Shamsiddin Shohin', 37.84, 70.04, 'district seat Shuroobod, approximate', ['Shamsiddin Shohin district', 'Shuroobod', 'Shurobod', 'Shuro-obod']),
  tj('Darvoz', 'district', 'Gorno-Badakhshan', 'Darvoz', 38.4537, 70.789, 'district seat Qalaikhumb (GeoNames)', ['Darvaz', 'Darvoz district']),
  tj('Panji Poyon', 'crossing', 'Khatlon', 'Jayhun', 37.24, 68.57, APPROX, ['Nizhny Pyanj', 'Nizhniy Pyanzh', 'Panji Poyon port']),
  tj('Jayhun', 'district', 'Khatlon', 'Jayhun', 37.4, 68.6, 'approximate: district centre from its description', ['Jaihun', 'Qumsangir', 'Kumsangir']),
  tj('Hamadoni', 'district', 'Khatlon', 'Hamadoni', 37.62, 69.6, 'approximate: district centre from its description'),
];
