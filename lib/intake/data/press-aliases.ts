/**
 * Spellings Pakistani, Afghan and international outlets use for places the GeoNames layers hold
 * under another name, and the three countries themselves. Add a spelling here when a report
 * names a known place in a way the gazetteer misses (docs/intake.md).
 */
import type { PressAlias, SupplementPlace } from './supplement-types';

const KP = 'Khyber Pakhtunkhwa';

export const PRESS_ALIASES: readonly PressAlias[] = [
  { of: KP, kind: 'province', country: 'PK', aliases: ['KP', 'K-P', 'KPK', 'Khyber-Pakhtunkhwa', 'NWFP', 'N.W.F.P.', 'North-West Frontier Province', 'FATA', 'erstwhile FATA'] },
  { of: 'Balochistan', kind: 'province', country: 'PK', aliases: ['Baluchistan', 'Balochistan province'] },
  { of: 'Gorno-Badakhshan', kind: 'province', country: 'TJ', aliases: ['GBAO', 'Gorno-Badakhshan Autonomous Region', 'Kuhistoni Badakhshon'] },
  { of: 'Khost', kind: 'province', country: 'AF', aliases: ['Khowst'] },
  { of: 'Dera Ismail Khan', kind: 'district', country: 'PK', aliases: ['D.I. Khan', 'D.I.Khan', 'DI Khan', 'D I Khan', 'Dera Ismail'] },
  { of: 'Dera Ismail Khan', kind: 'town', country: 'PK', aliases: ['D.I. Khan city', 'DI Khan city'] },
  { of: 'North Waziristan', kind: 'district', country: 'PK', aliases: ['N. Waziristan', 'N Waziristan', 'North Waziristan Agency', 'North Waziristan tribal district'] },
  { of: 'South Waziristan', kind: 'district', country: 'PK', aliases: ['S. Waziristan', 'S Waziristan', 'South Waziristan Agency', 'Upper South Waziristan', 'Lower South Waziristan', 'South Waziristan Upper', 'South Waziristan Lower'] },
  { of: 'Khyber', kind: 'district', country: 'PK', aliases: ['Khyber Agency', 'Khyber tribal district'] },
  { of: 'Kurram', kind: 'district', country: 'PK', aliases: ['Kurram Agency', 'Kurram tribal district'] },
  { of: 'Miran Shah', kind: 'town', country: 'PK', aliases: ['Miramshah', 'Miranshah'] },
  { of: 'Lakki Marwat', kind: 'district', country: 'PK', aliases: ['Lakki'] },
  { of: 'Lakki', kind: 'town', country: 'PK', aliases: ['Lakki Marwat city'] },
  { of: 'Timargara', kind: 'town', country: 'PK', aliases: ['Timergara'] },
  { of: 'Mingora', kind: 'town', country: 'PK', aliases: ['Mingaora'] },
  { of: 'Chitral', kind: 'district', country: 'PK', aliases: ['Lower Chitral', 'Upper Chitral'] },
  { of: 'Nushki', kind: 'district', country: 'PK', aliases: ['Noshki'] },
  { of: 'Nushki', kind: 'town', country: 'PK', aliases: ['Noshki'] },
  { of: 'Chagai', kind: 'district', country: 'PK', aliases: ['Chaghi'] },
  { of: 'Kachhi', kind: 'district', country: 'PK', aliases: ['Kachhi-Bolan', 'Bolan district'] },
  { of: 'Killa Abdullah', kind: 'district', country: 'PK', aliases: ['Qila Abdullah', 'Qilla Abdullah'] },
  { of: 'Killa Saifullah', kind: 'district', country: 'PK', aliases: ['Qila Saifullah', 'Qilla Saifullah'] },
  { of: 'Jafarabad', kind: 'district', country: 'PK', aliases: ['Jaffarabad'] },
  { of: 'Nasirabad', kind: 'district', country: 'PK', aliases: ['Naseerabad'] },
  { of: 'Musa Khel Bazar', kind: 'town', country: 'PK', aliases: ['Musakhel', 'Musa Khel'] },
  { of: 'Kulob', kind: 'town', country: 'TJ', aliases: ['Kŭlob'] },
  { of: 'Khorugh', kind: 'town', country: 'TJ', aliases: ['Khorog'] },
  { of: 'Ishqoshim', kind: 'town', country: 'TJ', aliases: ['Ishkashim', 'Ishkoshim'] },
  { of: 'Spin Boldak', kind: 'town', country: 'AF', aliases: ['Spin Buldak'] },
];

/** The three countries, so a report's country is known even when it names no smaller place. */
export const COUNTRY_PLACES: readonly SupplementPlace[] = [
  { name: 'Pakistan', kind: 'country', country: 'PK', admin1: null, admin2: null, lat: 30.38, lon: 69.35, source: 'country centroid, approximate' },
  { name: 'Afghanistan', kind: 'country', country: 'AF', admin1: null, admin2: null, lat: 33.94, lon: 67.71, source: 'country centroid, approximate' },
  { name: 'Tajikistan', kind: 'country', country: 'TJ', admin1: null, admin2: null, lat: 38.86, lon: 71.28, source: 'country centroid, approximate' },
];
