import { foldName } from '@/lib/taxonomy/normalize';

/**
 * Actor names UCDP GED and the GTD spell their own way → a name or alias the group taxonomy knows,
 * so their rows land on the same groups as ACLED's. Only names that differ are listed; anything
 * else goes to the group matcher as it is (which also strips a trailing "(TTP)"-style qualifier).
 * UCDP codes the Islamic State as one actor, "IS"; on this frontier that is its Khorasan province.
 */
const DATASET_ACTOR_NAMES: Record<string, string> = {
  'government of pakistan': 'Military Forces of Pakistan',
  'government of afghanistan': 'Military Forces of Afghanistan',
  'government of tajikistan': 'Military Forces of Tajikistan',
  is: 'ISKP',
  'khorasan chapter of the islamic state': 'ISKP',
};

/** The taxonomy's name for a dataset actor; the name itself when it needs no translation. */
export function datasetActorName(name: string): string {
  return DATASET_ACTOR_NAMES[foldName(name)] ?? name;
}
