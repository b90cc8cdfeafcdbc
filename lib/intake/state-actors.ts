/**
 * State forces as the actor of an event (docs/intake.md, coding rules): Pakistani airstrikes or
 * shelling across the border, Afghan forces firing on border villages, Tajik border troops killing
 * men who crossed the river. A state force is the perpetrator only where it acts: "Pakistani jets
 * bombed", "fired by Afghan forces", "blamed Pakistan for a drone strike", "an exchange of fire
 * with Pakistani forces" (reported from the other side). Troops who merely "responded" to fire,
 * or state forces that were themselves attacked, name no perpetrator here.
 */
import { foreground } from './clauses';
import type { Span } from './types';

const FORCES = '(?:(?:security\\s+)?forces|troops|border\\s+(?:guards|forces|troops|police)|military|army|soldiers)';
const ARMS =
  '(?:air\\s*strikes?|aircraft|jets|fighter\\s+jets|warplanes|drone\\s+strikes?|drones|shelling|artillery|mortars?|mortar\\s+(?:fire|shells)|shells|rockets)';
// A headline's passive ("Afghan border guards killed in…") is not the force acting.
const ACTS =
  '(?:opened\\s+(?:\\w+\\s+)?fire|shelled|bombed|pounded|' +
  '(?:fired|struck|targeted|attacked|killed|kill|shot|abducted|kidnapped|detained)(?!\\s+(?:in|by|when|as|during|after|near|on|at)\\b))';

/** Air and artillery strikes, as opposed to ground forces in a fight. */
const STRIKE = new RegExp(`${ARMS}|\\b(?:accus|blam)`, 'i');

const actor = (nation: string, country: string, firedFrom: boolean) =>
  new RegExp(
    [
      // "Pakistani airstrikes", "Afghan Taliban shelling", "Pakistani military aircraft bombed"
      `\\b${nation}\\s+(?:Taliban\\s+)?(?:military\\s+|army\\s+|air\\s+force\\s+)?${ARMS}\\b`,
      // "Afghan Taliban forces opened fire", "Tajikistan's border troops said they had killed"
      `\\b${nation}\\s+(?:Taliban\\s+)?${FORCES}\\s+(?:(?:said|say)\\s+(?:on\\s+\\w+\\s+)?(?:that\\s+)?(?:they\\s+)?(?:had\\s+)?)?${ACTS}\\b`,
      // "fired by Afghan forces", "abducted by Afghan Taliban forces", "exchange of fire with Pakistani forces"
      `\\b(?:by|with)\\s+(?:the\\s+)?${nation}\\s+(?:Taliban\\s+)?${FORCES}`,
      // "blamed Pakistan for", "accused Pakistan of", "rockets fired from Pakistan"
      `\\b(?:accus|blam)(?:ed|es|ing)\\s+${country}\\s+(?:of|for)\\b`,
      // Fire "from Pakistan" into Afghanistan is the army's; "from Afghanistan" is as often militants.
      ...(firedFrom ? [`\\b(?:fired|launched)\\s+from\\s+${country}\\b`] : []),
    ].join('|'),
    'i',
  );

const ACTORS: [string, RegExp][] = [
  ['pakistan-military', actor('Pakistani?', 'Pakistan', true)],
  ['afghanistan-military', actor("(?:Afghan|Afghanistan['’]s)", 'Afghanistan', false)],
  ['tajikistan-military', actor("(?:Tajik|Tajikistan['’]s)", 'Tajikistan', false)],
];

/** Jets and airstrikes inside Pakistan: only the state flies them (militants' drones are quadcopters). */
const AIR_POWER = /\b(?:fighter\s+jets|jets|warplanes|air\s*strikes?|aerial\s+bombardment|helicopter\s+gunships)\b/i;

export interface StateActor {
  groupId: string;
  /** An air or artillery strike (which outranks the group it targeted), or ground forces in a fight. */
  kind: 'strike' | 'forces';
  span: Span;
}

/** The state force acting in the report's own event, or null. `country` is the place's, if known. */
export function stateActor(text: string, country: string | null): StateActor | null {
  let best: { groupId: string; m: RegExpExecArray; at: number } | null = null;
  for (const b of foreground(text)) {
    const sentence = text.slice(b.start, b.end);
    for (const [groupId, re] of ACTORS) {
      const m = re.exec(sentence);
      if (m && (!best || b.start + m.index < best.at)) best = { groupId, m, at: b.start + m.index };
    }
    if (best) break;
    const air = country === 'PK' ? AIR_POWER.exec(sentence) : null;
    if (air) best = { groupId: 'pakistan-military', m: air, at: b.start + air.index };
    if (best) break;
  }
  if (!best) return null;
  const { groupId, m, at } = best;
  const kind = STRIKE.test(m[0]) || /\bfired\s+from\b/i.test(m[0]) ? 'strike' : 'forces';
  return { groupId, kind, span: { field: 'group', start: at, end: at + m[0].length, text: m[0] } };
}
