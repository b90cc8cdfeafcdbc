/**
 * The GTD's codes → ours, documented in docs/intake.md ("Datasets"). Attack types follow the GTD
 * codebook's nine categories; ACLED codes an armed attack on soldiers or police as a clash and one
 * on anyone else as violence against civilians, so `Armed Assault` depends on the target type.
 */
export const GTD_ATTACK_TYPES: Record<string, { eventType: string; subEventType: string }> = {
  assassination: { eventType: 'Violence against civilians', subEventType: 'Attack' },
  'armed assault': { eventType: 'Violence against civilians', subEventType: 'Attack' },
  'bombing/explosion': { eventType: 'Explosions/Remote violence', subEventType: 'Remote explosive/landmine/IED' },
  hijacking: { eventType: 'Violence against civilians', subEventType: 'Abduction/forced disappearance' },
  'hostage taking (barricade incident)': { eventType: 'Violence against civilians', subEventType: 'Abduction/forced disappearance' },
  'hostage taking (kidnapping)': { eventType: 'Violence against civilians', subEventType: 'Abduction/forced disappearance' },
  'facility/infrastructure attack': { eventType: 'Strategic developments', subEventType: 'Looting/property destruction' },
  'unarmed assault': { eventType: 'Violence against civilians', subEventType: 'Attack' },
  unknown: { eventType: 'Violence against civilians', subEventType: 'Attack' },
};

/** Armed assaults on these targets are clashes (ACLED's Battles / Armed clash). */
export const SECURITY_TARGETS = new Set(['military', 'police']);

/** `targtype1_txt` → our target category; types not listed are `other`. */
export const GTD_TARGET_TYPES: Record<
  string,
  'security-forces' | 'civilians' | 'government' | 'foreign-nationals' | 'infrastructure' | 'militants'
> = {
  military: 'security-forces',
  police: 'security-forces',
  'private citizens & property': 'civilians',
  'educational institution': 'civilians',
  'religious figures/institutions': 'civilians',
  'journalists & media': 'civilians',
  tourists: 'foreign-nationals',
  'government (general)': 'government',
  'government (diplomatic)': 'foreign-nationals',
  'terrorists/non-state militia': 'militants',
  utilities: 'infrastructure',
  telecommunication: 'infrastructure',
  transportation: 'infrastructure',
  'food or water supply': 'infrastructure',
};

/** `specificity` (1 the town's own coordinates … 5 no first-order region) → our geo precision. */
export const GTD_SPECIFICITY: Record<number, 1 | 2 | 3> = { 1: 1, 2: 2, 3: 2, 4: 3, 5: 3 };
