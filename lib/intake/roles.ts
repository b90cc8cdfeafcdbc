/**
 * Who the dead and wounded were, from the nouns the press puts after a count. Order matters:
 * compounds come before their heads ("FC men" is security, "armed men" militants, "men" civilians).
 */
export type Role = 'security' | 'civilians' | 'militants';

const MILITANT =
  '(?:suspected\\s+|alleged\\s+)?(?:terrorists?|militants?|khawarij|khwarij|kharijis?|attackers?|insurgents?|' +
  '(?:suicide\\s+)?bombers?|assailants?|gunm[ae]n|fighters|rebels|separatists|miscreants|' +
  '(?:armed|masked|unidentified|unknown)\\s+(?:men|motorcyclists|persons))';
const SECURITY =
  '(?:(?:security|law[-\\s]enforcement)\\s+(?:forces?\\s+)?(?:personnel|officials|men|guards|forces)|' +
  '(?:FC|Frontier\\s+Corps|Levies|CTD|police|army|Rangers|border|Afghan\\s+border|Tajik\\s+border)\\s+' +
  '(?:personnel|m[ae]n|soldiers?|troops|officials?|officers?|constables?|guards?|jawans?|sepoys?)|' +
  '(?:brave\\s+)?sons\\s+of\\s+(?:the\\s+)?soil|Frontier\\s+Corps|Levies|policem[ae]n|policewom[ae]n|cops?|constables?|soldiers?|troops|jawans?|' +
  'sepoys?|servicem[ae]n|officers?|personnel|guards?|commandos?|majors?|captains?|lieutenants?|' +
  'subedars?|havildars?|naiks?|sub-inspectors?|inspectors?|SHOs?|ASIs?)';
const CIVILIAN =
  '(?:civilians?|passengers?|labou?rers?|polio\\s+workers?|workers?|children|child|kids|boys?|girls?|' +
  'women|woman|men|man|worshippers?|devotees|pilgrims|villagers?|students?|teachers?|people|persons?|' +
  'individuals|residents?|locals|bystanders?|passers-by|pedestrians?|motorcyclists?|drivers?|' +
  'shopkeepers?|traders?|vendors?|farmers?|tribesm[ae]n|elders?|journalists?|reporters?|lawyers?|' +
  'doctors?|nurses?|engineers?|miners?|vaccinators?|family\\s+members|relatives|minors?|infants?|' +
  'citizens?|nationals|tourists|mourners|others?)';

/** Regex source of any role noun (no capture groups). */
export const ROLE_SOURCE = `(?:${MILITANT}|${SECURITY}|${CIVILIAN})`;

const ROLE_TESTS: [Role, RegExp][] = [
  ['militants', new RegExp(`^${MILITANT}$`, 'i')],
  ['security', new RegExp(`^${SECURITY}$`, 'i')],
  ['civilians', new RegExp(`^${CIVILIAN}$`, 'i')],
];

/** The role of a noun matched by ROLE_SOURCE. */
export function roleOf(noun: string): Role | null {
  const n = noun.replace(/\s+/g, ' ').trim();
  for (const [role, re] of ROLE_TESTS) if (re.test(n)) return role;
  return null;
}

/** Regex source of the role nouns of one kind, for other extractors (target, event type). */
export const ROLE_SOURCES: Record<Role, string> = {
  security: SECURITY,
  civilians: CIVILIAN,
  militants: MILITANT,
};
