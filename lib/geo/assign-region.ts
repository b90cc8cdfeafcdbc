import type { RegionId } from '@/lib/taxonomy/regions';
import { foldName } from '@/lib/taxonomy/normalize';
import { regionAtPoint } from './regions';

const KP_NAMES = new Set([
  'khyber pakhtunkhwa',
  'khyber pakhtoonkhwa',
  'kpk',
  'kp',
  'n w f p',
  'nwfp',
  'north west frontier province',
  'fata',
  'f a t a',
  'federally administered tribal areas',
  'k p',
]);
const BALOCHISTAN_NAMES = new Set(['balochistan', 'baluchistan']);

export interface RegionInput {
  country: string;
  admin1?: string | null;
  admin2?: string | null;
  lat: number;
  lon: number;
}

/** Monitored region from admin names (ACLED conventions); point-in-polygon when names say nothing. */
export function assignRegion(i: RegionInput): RegionId | null {
  const a1 = i.admin1 ? foldName(i.admin1) : '';
  const a2 = i.admin2 ? foldName(i.admin2) : '';
  if (i.country === 'TJ') return 'tajikistan';
  if (i.country === 'PK' && a1) {
    if (KP_NAMES.has(a1)) return 'kp';
    if (BALOCHISTAN_NAMES.has(a1)) return 'balochistan';
    return null;
  }
  if (i.country === 'AF' && (a1 || a2)) {
    return a2 === 'barmal' ? 'barmal' : null;
  }
  return regionAtPoint(i.lat, i.lon);
}
