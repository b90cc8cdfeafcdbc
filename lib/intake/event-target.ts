/**
 * The target category of an event (who or what was attacked), and the noun phrases of security
 * forces' posts and of government that the event-type rules (lib/intake/event-type.ts) share.
 */
import type { Casualties } from '@/lib/intake/casualties';
import { ROLE_SOURCES } from '@/lib/intake/roles';
import type { Span, TargetCategory } from '@/lib/intake/types';

const re = (source: string) => new RegExp(source, 'i');
/**
 * What security forces hold or ride in: an attack on it is a battle (ACLED), where a shooting of a
 * person is violence against civilians. A vehicle or station counts only with a security word
 * before it, so "a passenger van" stays civilian.
 */
export const POST =
  '(?:(?:[\\w-]+\\s+){0,2}?(?:check\\s*-?posts?|checkpoints?|outposts?|convoys?|patrols?|cantonment|forts?|' +
  'police\\s+stations?|police\\s+lines)|(?:[\\w-]+\\s+)?(?:FC|police|security(?:\\s+forces)?|army|military|Levies|CTD|' +
  'Frontier\\s+Corps|border|Rangers)\\s+(?:[\\w-]+\\s+)?(?:posts?|stations?|camps?|mobiles?|vans?|vehicles?|' +
  'headquarters|compound|personnel|teams?|party|offices?))';
const GOVERNMENT =
  '(?:(?:deputy|assistant)\\s+commissioner|judges?|MPAs?|MNAs?|ministers?|government\\s+(?:officials?|offices?|buildings?)|' +
  'tehsil\\s+(?:chairman|office)|political\\s+(?:leaders?|workers?)|politicians?)\\b';

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

export function target(text: string, spans: Span[], c: Casualties): TargetCategory | null {
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
