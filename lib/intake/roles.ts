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
  'subedars?|havildars?|naiks?|naib\\s+risaldars?|risaldars?|dafadars?|sub-inspectors?|inspectors?|SHOs?|ASIs?)';
const CIVILIAN =
  '(?:private\\s+(?:security\\s+)?guards?|bodyguards?|civilians?|passer-by|passengers?|labou?rers?|polio\\s+workers?|workers?|children|child|kids|boys?|girls?|' +
  'women|woman|men|man|worshippers?|devotees|pilgrims|villagers?|students?|teachers?|people|persons?|' +
  'individuals|residents?|locals|bystanders?|passers-by|pedestrians?|motorcyclists?|drivers?|' +
  'shopkeepers?|traders?|vendors?|farmers?|tribesm[ae]n|elders?|journalists?|reporters?|lawyers?|' +
  '(?:school)?teachers?|headmasters?|principals?|professors?|MPAs?|MNAs?|senators?|councillors?|nazims?|maliks?|' +
  'activists?|businessm[ae]n|tailors?|barbers?|cooks?|watchm[ae]n|chowkidars?|judges?|magistrates?|tehsildars?|' +
  'doctors?|nurses?|engineers?|miners?|vaccinators?|family\\s+members|relatives|minors?|infants?|' +
  'citizens?|nationals|tourists|mourners|others?|' +
  // People the press names one by one: "a religious scholar and his son", "a local leader".
  '(?:prayer\\s+)?leaders?|scholars?|clerics?|imams?|members?|politicians?|contractors?|' +
  'sons?|daughters?|brothers?|sisters?|fathers?|mothers?|wife|wives|husbands?|nephews?|cousins?|uncles?|' +
  'grandsons?|relatives?|friends?|companions?|colleagues?|shepherds?|herders?|coal\\s+miners?)';

/** Regex source of any role noun (no capture groups). */
export const ROLE_SOURCE = `(?:${MILITANT}|${SECURITY}|${CIVILIAN})`;

const ROLE_TESTS: [Role, RegExp][] = [
  ['militants', new RegExp(`^${MILITANT}$`, 'i')],
  ['security', new RegExp(`^${SECURITY}$`, 'i')],
  ['civilians', new RegExp(`^${CIVILIAN}$`, 'i')],
];

/** Nouns that count people without saying who they were: "24 people" may include militants. */
const ANYONE = /^(?:people|persons?|individuals|others?)$/i;

/** The role of a noun matched by ROLE_SOURCE (null for "people", which says nothing about who). */
export function roleOf(noun: string): Role | null {
  const n = noun.replace(/\s+/g, ' ').trim();
  if (ANYONE.test(n)) return null;
  for (const [role, re] of ROLE_TESTS) if (re.test(n)) return role;
  return null;
}

/** Regex source of the role nouns of one kind, for other extractors (target, event type). */
export const ROLE_SOURCES: Record<Role, string> = {
  security: SECURITY,
  civilians: CIVILIAN,
  militants: MILITANT,
};
