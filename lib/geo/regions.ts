import type { RegionId } from '@/lib/taxonomy/regions';

/** Placeholder until the generated boundaries land (see scripts/build-geodata). */
export function regionAtPoint(_lat: number, _lon: number): RegionId | null {
  return null;
}
