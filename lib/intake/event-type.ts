/**
 * Event and sub-event type on the ACLED taxonomy (lib/taxonomy/event-types.ts) from cue words,
 * tried in order of precedence, so a suicide bomber who then opens fire stays a suicide bomb and
 * an operation that kills militants stays an armed clash. An explicit weapon (bomb, drone, grenade,
 * shell) outranks the fighting around it; a plain "blast" is an IED only when nothing says more.
 */
import { parseCasualties, type Casualties } from '@/lib/intake/casualties';
import { foreground } from '@/lib/intake/clauses';
import { ROLE_SOURCES } from '@/lib/intake/roles';
import { POST, target } from '@/lib/intake/event-target';
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
 * Shooting at people or at a post: a battle when those hit were security forces or militants (ACLED
 * codes an attack on police or soldiers as an armed clash), violence against civilians otherwise.
 */
const SHOOTING = 'shooting';
/** The same at a post, a convoy or a station: a clash unless those hit were mostly civilians. */
const SHOOTING_POST = 'shooting at a post';

/**
 * A post stormed or overrun: a battle when someone was killed or hurt in it; one where nobody was
 * and personnel were taken away is the abduction (the next rules decide).
 */
const ASSAULT_POST = 'assault on a post';

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
  [ASSAULT_POST, re(`\\b(?:overr(?:an|un|unning|uns)|storm(?:s|ed|ing)|raid(?:s|ed|ing)|besieg(?:ed|ing))\\s+(?:a\\s+|the\\s+)?${POST}`)],
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
  // Last: armed men attacked and nothing names the weapon ("militants attacked a passenger
  // train"): decided by who was hit, like a shooting.
  [
    SHOOTING,
    re(
      `\\b(?:${ROLE_SOURCES.militants})\\s+(?:[\\w-]+\\s+)?(?:attacked|stormed|raided|struck|ambushed|overran)\\b|` +
        '\\battack(?:s|ed)?\\s+(?:on\\s+)?(?:an?\\s+|the\\s+)?(?:[\\w-]+\\s+)?(?:train|bus|coach|van|vehicle|convoy|camp|market|bazaar|village)\\b',
    ),
  ],
];

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
    if (sub === ASSAULT_POST && !casualties.killed && !casualties.injured) continue;
    const decided =
      sub === SHOOTING
        ? shotAt(casualties, 'Attack')
        : sub === SHOOTING_POST || sub === ASSAULT_POST
          ? shotAt(casualties, 'Armed clash')
          : sub;
    const canonical = hit && canonicalSubEventType(decided);
    if (!hit || !canonical) continue;
    spans.push({ field: 'subEventType', ...hit });
    return { eventType: canonical.eventType, subEventType: canonical.subEventType, target: target(text, spans, casualties), spans };
  }
  return { eventType: null, subEventType: null, target: null, spans };
}
