/**
 * Event and sub-event type on the ACLED taxonomy (lib/taxonomy/event-types.ts) from cue words,
 * tried in order of precedence, so a suicide bomber who then opens fire stays a suicide bomb and
 * an operation that kills militants stays an armed clash. An explicit weapon (bomb, drone, grenade,
 * shell) outranks the fighting around it; a plain "blast" is an IED only when nothing says more.
 */
import { parseCasualties, type Casualties } from '@/lib/intake/casualties';
import { foreground } from '@/lib/intake/clauses';
import { ROLE_SOURCES } from '@/lib/intake/roles';
import type { Span, TargetCategory } from '@/lib/intake/types';
import { canonicalSubEventType, type EventType } from '@/lib/taxonomy/event-types';

export interface EventClass {
  eventType: EventType | null;
  subEventType: string | null;
  target: TargetCategory | null;
  spans: Span[];
}

const re = (source: string) => new RegExp(source, 'i');
/**
 * What security forces hold or ride in: an attack on it is a battle (ACLED), where a shooting of a
 * person is violence against civilians. A vehicle or station counts only with a security word
 * before it, so "a passenger van" stays civilian.
 */
const POST =
  '(?:(?:[\\w-]+\\s+){0,2}?(?:check\\s*-?posts?|checkpoints?|outposts?|convoys?|patrols?|cantonment|forts?|' +
  'police\\s+stations?|police\\s+lines)|(?:[\\w-]+\\s+)?(?:FC|police|security(?:\\s+forces)?|army|military|Levies|CTD|' +
  'Frontier\\s+Corps|border|Rangers)\\s+(?:[\\w-]+\\s+)?(?:posts?|stations?|camps?|mobiles?|vans?|vehicles?|' +
  'headquarters|compound|personnel|teams?|party|offices?))';
const GOVERNMENT =
  '(?:(?:deputy|assistant)\\s+commissioner|judges?|MPAs?|MNAs?|ministers?|government\\s+(?:officials?|offices?|buildings?)|' +
  'tehsil\\s+(?:chairman|office)|political\\s+(?:leaders?|workers?)|politicians?)\\b';
/**
 * Shooting at people or at a post: a battle when those hit were security forces or militants (ACLED
 * codes an attack on police or soldiers as an armed clash), violence against civilians otherwise.
 */
const SHOOTING = 'shooting';
/** The same at a post, a convoy or a station: a clash unless those hit were mostly civilians. */
const SHOOTING_POST = 'shooting at a post';

/** [sub-event type, cue]; the first rule with a cue in the text wins. */
const RULES: [string, RegExp][] = [
  [
    'Suicide bomb',
    re(
      '\\bsuicide\\s+(?:bomb(?:er|ers|ing|ings)?|attacks?|attackers?|blasts?|explosions?|vests?|jackets?|car\\s+bomb|' +
        'strikes?)|\\bblew\\s+(?:himself|herself|themselves)\\s+up|\\bexplosives?-laden\\s+(?:vehicle|car|truck|motorcycle)|' +
        '\\bS?VBIEDs?\\b|\\bself-detonat|\\bsuicide\\b(?!\\s+(?:squad|unit|wing|brigade|squads))',
    ),
  ],
  [
    'Air/drone strike',
    re(
      '\\bdrones?\\s+(?:[\\w-]+\\s+){0,3}?(?:strikes?|attacks?|hit|struck|fired|dropped)|\\bby\\s+(?:an?\\s+)?(?:armed\\s+)?drones?\\b|\\bair\\s*-?strikes?|\\bair\\s+raids?|\\baerial\\s+' +
        '(?:bombardment|strikes?|attacks?)|\\bquadcopters?\\b|\\b(?:jets|warplanes|aircraft)\\s+(?:struck|bombed|pounded|hit)',
    ),
  ],
  [
    'Remote explosive/landmine/IED',
    re(
      '\\bIEDs?\\b(?!-making|\\s+(?:making|material|factory))|\\bimprovised\\s+explosive|\\broadside\\s+(?:bomb|blast|explosion)|' +
        '\\bland\\s*-?mines?\\b|\\bmine\\s+(?:blast|explosion)|\\bremote[-\\s]+control(?:led)?\\b|\\b(?:magnetic|sticky)\\s+bomb|' +
        '\\bbomb\\s+(?:planted|fitted|attached|hidden|placed)|\\bplanted\\s+(?:bomb|explosives?|device)|\\bexplosive\\s+device',
    ),
  ],
  // Not the attackers' kit: "gunmen armed with rifles and grenades" stormed, they did not throw one.
  [
    'Grenade',
    re('(?<!rocket-propelled\\s)(?<!(?:armed\\s+with|carrying)\\s+(?:[\\w-]+\\s+){0,4})\\b(?:hand[-\\s]+)?grenades?\\b(?!\\s+launchers?)'),
  ],
  [
    'Shelling/artillery/missile attack',
    re(
      '\\bshell(?:ing|ed)\\b|\\bmortars?\\b|\\bartillery\\b|\\bmissiles?\\b|\\brocket\\s+(?:attacks?|fire)|\\brockets?\\s+' +
        '(?:were\\s+|was\\s+)?(?:fired|landed|hit|struck)|\\bfired\\s+(?:\\w+\\s+)?rockets?\\b',
    ),
  ],
  [
    'Armed clash',
    re(
      '\\bexchang(?:e|es|ed|ing)\\s+(?:of\\s+)?(?:heavy\\s+|intense\\s+)?(?:fire|gunfire)|' +
        '\\bgun\\s*-?battles?|\\bgun\\s*-?fights?|\\bfire\\s*-?fights?|' +
        '\\bclash(?:es|ed)?\\b|\\bambush(?:ed|es)?\\b|\\bintelligence[-\\s]+based\\s+operations?|\\bIBOs?\\b|' +
        // "A search operation was launched" follows most attacks: it is not the event.
        '\\b(?:sanitisation|sanitization|military|security|counter-terrorism)\\s+operations?|\\bconducted\\s+(?:an?\\s+)?(?:\\w+\\s+)?operation|' +
        '\\braid(?:s|ed)?\\s+(?:on\\s+)?(?:a\\s+|the\\s+)?(?:\\w+\\s+)?(?:hideouts?|compounds?|dens?)|' +
        '\\bengaged\\s+the\\s+(?:terrorists|khwarij|khawarij|militants)|\\bretaliat(?:ed|ion|ory)|\\bencounter\\b|\\binfiltrat(?:e|ion)\\b|' +
        '\\brepuls(?:ed|ing)\\b|\\bfoiled\\b|\\bthwarted\\b|\\bneutrali[sz]ed\\b|\\bsent\\s+to\\s+hell\\b',
    ),
  ],
  [
    SHOOTING_POST,
    re(`\\bopened\\s+fire\\s+(?:up)?on\\s+(?:an?\\s+|the\\s+)?${POST}|\\battack(?:s|ed)?\\s+(?:on\\s+)?(?:a\\s+|the\\s+)?${POST}`),
  ],
  [
    'Abduction/forced disappearance',
    re('\\bkidnapp?(?:ed|ing|ers?)?\\b|\\babduct(?:ed|ion|ing|s)?\\b|\\btaken\\s+hostage|\\bhostages?\\b|\\bforced\\s+disappearance'),
  ],
  [
    SHOOTING,
    re(
      '\\bshot\\s+dead\\b|\\bgunned\\s+down\\b|\\btargeted\\s+(?:killing|attack)|\\bopened\\s+fire\\b|\\bshot\\s+(?:at|and\\s+killed)\\b|' +
        '\\bfiring\\b|\\bgunmen\\b|\\bstabbed\\b|\\bbeheaded\\b|\\bset\\s+(?:ablaze|on\\s+fire)|\\btorched\\b|\\bkillings?\\s+of\\b|\\boffloaded\\b',
    ),
  ],
  [
    'Remote explosive/landmine/IED',
    re('\\b(?:blew|blown)\\s+up\\b|\\bbomb\\s+blast|\\bblast\\b|\\bexplosion\\b|\\bexploded\\b|\\bbomb\\b'),
  ],
];

const TARGET_CUES: [TargetCategory, RegExp][] = [
  ['foreign-nationals', re('\\b(?:Chinese|foreign)\\s+(?:nationals|engineers|citizens|workers|convoy)|\\bforeigners\\b')],
  [
    'government',
    // Only as the object of the violence: the minister who condemns an attack is not its target.
    re(
      `\\b(?:targeting|targeted|attack(?:ed|s)?\\s+(?:on\\s+)?|convoy\\s+of|vehicle\\s+of|house\\s+of|residence\\s+of|office\\s+of|` +
        `shot\\s+dead|gunned\\s+down|killing|killed|kidnapped|abducted)\\s+(?:an?\\s+|the\\s+)?(?:[\\w-]+\\s+){0,3}?${GOVERNMENT}|` +
        `${GOVERNMENT}\\s+(?:[\\w-]+\\s+){0,3}?(?:was|were)\\s+(?:\\w+\\s+)?(?:shot|killed|injured|martyred|abducted|kidnapped|targeted)`,
    ),
  ],
  ['security-forces', re(`\\battack(?:s|ed)?\\s+(?:on\\s+)?(?:a\\s+|the\\s+)?${POST}|\\bsecurity\\s+forces\\s+(?:were\\s+)?targeted`)],
  [
    'infrastructure',
    re(
      '\\b(?:gas\\s+pipelines?|pylons?|transmission\\s+(?:towers?|lines?)|railway\\s+(?:tracks?|lines?)|bridges?|mobile\\s+towers?|' +
        'power\\s+(?:lines?|stations?)|girls.?\\s+schools?)\\b',
    ),
  ],
];

const VICTIM_NOUN = `(${ROLE_SOURCES.security}|${ROLE_SOURCES.civilians})`;
/** Victims of an event that counts no casualties: "targeting a police patrol", "polio workers were abducted". */
const VICTIMS = new RegExp(
  `\\b(?:targeting|targeted|on|abducted|kidnapped|abducting|kidnapping)\\s+(?:a\\s+|the\\s+|an\\s+)?(?:[\\w-]+\\s+){0,2}?${VICTIM_NOUN}\\b|` +
    `\\b${VICTIM_NOUN}\\s+(?:were|was)\\s+(?:\\w+\\s+)?(?:abducted|kidnapped|targeted)`,
  'i',
);
const SECURITY_NOUN = new RegExp(`^${ROLE_SOURCES.security}$`, 'i');

function target(text: string, spans: Span[], c: Casualties): TargetCategory | null {
  const foreignOrGov = TARGET_CUES.slice(0, 2).find(([, cue]) => cue.test(text));
  if (foreignOrGov) return foreignOrGov[0];
  const hurt = (role: 'security' | 'civilians' | 'militants') => c.killedRoles[role] + c.injuredRoles[role];
  // The dead say more than the wounded; among them, the larger group was the target. Those of no
  // stated role ("nine people, including two policemen") count as civilians here.
  for (const [by, total] of [
    [c.killedRoles, c.killed],
    [c.injuredRoles, c.injured],
  ] as const) {
    const security = by.security;
    const civilians = by.civilians + Math.max(0, (total ?? 0) - by.security - by.civilians - by.militants);
    if (security + civilians > 0) return security >= civilians ? 'security-forces' : 'civilians';
  }
  for (const [category, cue] of TARGET_CUES.slice(2)) {
    const m = cue.exec(text);
    if (!m) continue;
    spans.push({ field: 'target', start: m.index, end: m.index + m[0].length, text: m[0] });
    return category;
  }
  if (hurt('militants') > 0) return 'militants';
  const v = VICTIMS.exec(text);
  if (!v) return null;
  return SECURITY_NOUN.test(v[1] ?? v[2] ?? '') ? 'security-forces' : 'civilians';
}

/** Who a shooting hit, by the dead (else the wounded): mostly civilians is an attack, else a clash. */
function shotAt(c: Casualties, otherwise: 'Attack' | 'Armed clash'): 'Attack' | 'Armed clash' {
  for (const [by, total] of [
    [c.killedRoles, c.killed],
    [c.injuredRoles, c.injured],
  ] as const) {
    const armed = by.security + by.militants;
    if (!total || armed + by.civilians === 0) continue;
    return by.civilians > armed ? 'Attack' : 'Armed clash';
  }
  return otherwise;
}

/** The first match of cue in the report's own sentences, as a span position. */
function firstHit(cue: RegExp, parts: { at: number; text: string }[]): { start: number; end: number; text: string } | null {
  for (const p of parts) {
    const m = cue.exec(p.text);
    if (m) return { start: p.at + m.index, end: p.at + m.index + m[0].length, text: m[0] };
  }
  return null;
}

/** `casualties` of the same text may be passed in when the caller has them already. */
export function classifyEvent(text: string, casualties: Casualties = parseCasualties(text)): EventClass {
  const spans: Span[] = [];
  const parts = foreground(text).map((b) => ({ at: b.start, text: text.slice(b.start, b.end) }));
  for (const [sub, cue] of RULES) {
    const hit = firstHit(cue, parts);
    const decided = sub === SHOOTING ? shotAt(casualties, 'Attack') : sub === SHOOTING_POST ? shotAt(casualties, 'Armed clash') : sub;
    const canonical = hit && canonicalSubEventType(decided);
    if (!hit || !canonical) continue;
    spans.push({ field: 'subEventType', ...hit });
    return { eventType: canonical.eventType, subEventType: canonical.subEventType, target: target(text, spans, casualties), spans };
  }
  return { eventType: null, subEventType: null, target: null, spans };
}
