/** Real towns and districts of the frontier, weighted so most events fall in KP and Balochistan. */
export type Area = 'kp' | 'balochistan' | 'pk-other' | 'barmal' | 'af-other' | 'tajikistan';

export interface Place {
  area: Area;
  country: 'Pakistan' | 'Afghanistan' | 'Tajikistan';
  admin1: string;
  admin2: string;
  location: string;
  lat: number;
  lon: number;
  weight: number;
}

const kp = (admin2: string, location: string, lat: number, lon: number, weight: number): Place => ({ area: 'kp', country: 'Pakistan', admin1: 'Khyber Pakhtunkhwa', admin2, location, lat, lon, weight });
const bal = (admin2: string, location: string, lat: number, lon: number, weight: number): Place => ({ area: 'balochistan', country: 'Pakistan', admin1: 'Balochistan', admin2, location, lat, lon, weight });

export const PLACES: Place[] = [
  kp('Peshawar', 'Peshawar', 34.008, 71.578, 9),
  kp('Bannu', 'Bannu', 32.986, 70.604, 8),
  kp('Dera Ismail Khan', 'Dera Ismail Khan', 31.832, 70.902, 8),
  kp('Lakki Marwat', 'Lakki Marwat', 32.607, 70.911, 6),
  kp('North Waziristan', 'Miranshah', 33.0, 70.07, 9),
  kp('North Waziristan', 'Mir Ali', 32.97, 70.28, 5),
  kp('South Waziristan', 'Wana', 32.3, 69.57, 7),
  kp('Khyber', 'Landi Kotal', 34.09, 71.15, 4),
  kp('Khyber', 'Bara', 33.91, 71.46, 3),
  kp('Bajaur', 'Khar', 34.73, 71.52, 4),
  kp('Tank', 'Tank', 32.217, 70.383, 4),
  kp('Kurram', 'Parachinar', 33.9, 70.1, 3),
  kp('Swat', 'Mingora', 34.776, 72.36, 2),
  kp('Mohmand', 'Ghalanai', 34.35, 71.42, 2),
  kp('Orakzai', 'Kalaya', 33.6, 70.95, 2),
  kp('Kohat', 'Kohat', 33.58, 71.44, 2),
  kp('Charsadda', 'Charsadda', 34.15, 71.73, 1),
  bal('Quetta', 'Quetta', 30.183, 66.996, 8),
  bal('Kech', 'Turbat', 26.0, 63.05, 5),
  bal('Gwadar', 'Gwadar', 25.126, 62.322, 3),
  bal('Mastung', 'Mastung', 29.8, 66.845, 3),
  bal('Kalat', 'Kalat', 29.027, 66.59, 2),
  bal('Panjgur', 'Panjgur', 26.97, 64.1, 2),
  bal('Zhob', 'Zhob', 31.341, 69.449, 2),
  bal('Kachhi', 'Dhadar', 29.47, 67.65, 2),
  bal('Nushki', 'Nushki', 29.55, 66.02, 2),
  bal('Khuzdar', 'Khuzdar', 27.8, 66.61, 2),
  bal('Killa Abdullah', 'Chaman', 30.92, 66.45, 2),
  bal('Harnai', 'Harnai', 30.1, 67.94, 1),
  bal('Awaran', 'Awaran', 26.45, 65.23, 1),
  { area: 'pk-other', country: 'Pakistan', admin1: 'Punjab', admin2: 'Dera Ghazi Khan', location: 'Dera Ghazi Khan', lat: 30.05, lon: 70.63, weight: 1 },
  { area: 'pk-other', country: 'Pakistan', admin1: 'Punjab', admin2: 'Lahore', location: 'Lahore', lat: 31.55, lon: 74.34, weight: 0.6 },
  { area: 'pk-other', country: 'Pakistan', admin1: 'Sindh', admin2: 'Karachi', location: 'Karachi', lat: 24.86, lon: 67.01, weight: 1.2 },
  { area: 'pk-other', country: 'Pakistan', admin1: 'Islamabad Capital Territory', admin2: 'Islamabad', location: 'Islamabad', lat: 33.69, lon: 73.05, weight: 0.4 },
  { area: 'barmal', country: 'Afghanistan', admin1: 'Paktika', admin2: 'Barmal', location: 'Barmal', lat: 32.73, lon: 69.33, weight: 0.8 },
  { area: 'af-other', country: 'Afghanistan', admin1: 'Nangarhar', admin2: 'Jalalabad', location: 'Jalalabad', lat: 34.43, lon: 70.45, weight: 0.8 },
  { area: 'af-other', country: 'Afghanistan', admin1: 'Kunar', admin2: 'Asadabad', location: 'Asadabad', lat: 34.87, lon: 71.15, weight: 0.5 },
  { area: 'af-other', country: 'Afghanistan', admin1: 'Kabul', admin2: 'Kabul', location: 'Kabul', lat: 34.53, lon: 69.17, weight: 0.6 },
  { area: 'tajikistan', country: 'Tajikistan', admin1: 'Khatlon', admin2: 'Bokhtar', location: 'Bokhtar', lat: 37.836, lon: 68.78, weight: 0.2 },
  { area: 'tajikistan', country: 'Tajikistan', admin1: 'Khatlon', admin2: 'Shamsiddin Shohin', location: 'Shuroobod', lat: 37.84, lon: 70.04, weight: 0.15 },
  { area: 'tajikistan', country: 'Tajikistan', admin1: 'Gorno-Badakhshan', admin2: 'Darvoz', location: 'Kalaikhum', lat: 38.46, lon: 70.79, weight: 0.1 },
];

export const COUNTRY_CODES = {
  Pakistan: { iso: 586, prefix: 'PAK', region: 'South Asia' },
  Afghanistan: { iso: 4, prefix: 'AFG', region: 'Caucasus and Central Asia' },
  Tajikistan: { iso: 762, prefix: 'TJK', region: 'Caucasus and Central Asia' },
} as const;

/** ACLED actor names and per-area weights: TTP dominates KP, Baloch separatists Balochistan. */
export const ACTORS: { actor: string; inter: string; weights: Partial<Record<Area, number>> }[] = [
  { actor: 'TTP: Tehrik-i-Taliban Pakistan', inter: 'Rebel group', weights: { kp: 50, balochistan: 12, 'pk-other': 25, barmal: 25, 'af-other': 10, tajikistan: 20 } },
  { actor: 'TJP: Tehrik-e-Jihad Pakistan', inter: 'Rebel group', weights: { kp: 3, balochistan: 2, 'pk-other': 8 } },
  { actor: 'Hafiz Gul Bahadur Group', inter: 'Rebel group', weights: { kp: 6 } },
  { actor: 'Lashkar-e-Islam', inter: 'Rebel group', weights: { kp: 2 } },
  { actor: 'ISKP: Islamic State Khorasan Province', inter: 'Rebel group', weights: { kp: 5, balochistan: 6, 'pk-other': 5, 'af-other': 40, tajikistan: 15 } },
  { actor: 'BLA: Balochistan Liberation Army', inter: 'Rebel group', weights: { balochistan: 30, 'pk-other': 8 } },
  { actor: 'BLF: Balochistan Liberation Front', inter: 'Rebel group', weights: { balochistan: 14 } },
  { actor: 'Jaish ul-Adl', inter: 'Rebel group', weights: { balochistan: 4 } },
  { actor: 'al-Qaida', inter: 'Rebel group', weights: { kp: 1, 'af-other': 3, 'pk-other': 1 } },
  { actor: 'ETIM: Eastern Turkestan Islamic Movement', inter: 'Rebel group', weights: { 'af-other': 2, tajikistan: 10, barmal: 2 } },
  { actor: 'Unidentified Armed Group (Pakistan)', inter: 'Political militia', weights: { kp: 18, balochistan: 20, 'pk-other': 30 } },
  { actor: 'Unidentified Armed Group (Afghanistan)', inter: 'Political militia', weights: { barmal: 10, 'af-other': 25, tajikistan: 30 } },
  { actor: 'Military Forces of Pakistan (2018-)', inter: 'State forces', weights: { kp: 8, balochistan: 5, barmal: 60 } },
  { actor: 'Police Forces of Pakistan (2018-)', inter: 'State forces', weights: { kp: 3, balochistan: 2, 'pk-other': 6 } },
  { actor: 'Military Forces of Tajikistan (1994-)', inter: 'State forces', weights: { tajikistan: 25 } },
];

/** ACLED (event type, sub-event type, weight, fatality mean). */
export const EVENT_KINDS: [string, string, number, number][] = [
  ['Battles', 'Armed clash', 30, 2.5],
  ['Explosions/Remote violence', 'Remote explosive/landmine/IED', 18, 1.8],
  ['Explosions/Remote violence', 'Suicide bomb', 4, 8],
  ['Explosions/Remote violence', 'Grenade', 4, 0.8],
  ['Explosions/Remote violence', 'Shelling/artillery/missile attack', 3, 1.5],
  ['Explosions/Remote violence', 'Air/drone strike', 3, 4],
  ['Violence against civilians', 'Attack', 22, 1.2],
  ['Violence against civilians', 'Abduction/forced disappearance', 7, 0],
  ['Strategic developments', 'Arrests', 5, 0],
  ['Strategic developments', 'Disrupted weapons use', 4, 0],
];

export const TARGET_PHRASES = [
  'a police checkpost',
  'a Frontier Corps convoy',
  'a security forces patrol',
  'a polio vaccination team',
  'a government office',
  'a gas pipeline',
  'a mobile phone tower',
  'a market',
  'a school',
  'Chinese nationals travelling on a CPEC road',
  'a levies post',
  'a tribal elder',
];

export const SOURCES = ['Dawn', 'The Express Tribune', 'The News International', 'Pajhwok Afghan News', 'Radio Free Europe', 'Asia Plus', 'Balochistan Post', 'Khorasan Diary'];
