import type { GroupMatcher } from '@/lib/taxonomy/groups';
import { foldName } from '@/lib/taxonomy/normalize';

export type ActorRole = 'state' | 'armed' | 'civilian' | 'none';

/** Sub-event types where the state actor is the one doing the violence. */
const STATE_STRIKES = new Set(['Air/drone strike', 'Shelling/artillery/missile attack']);

/**
 * ACLED inter codes: numbers in older exports (1 state forces … 8 external/other forces), the
 * codebook's labels in newer ones, singular or plural ("State forces", "Rebel group", "Rioters");
 * compared after foldName. External/other forces (8) are foreign state forces.
 */
const INTER_CIVILIAN = new Set(['5', '6', '7', 'rioters', 'rioter', 'protesters', 'protester', 'civilians', 'civilian']);
const INTER_STATE = new Set(['1', '8', 'state forces', 'state force', 'external other forces', 'external other force']);
const CIVILIAN_NAME = /^(civilians|protesters|rioters|labou?r group|students|journalists|refugees|prisoners)\b/;

/** Classifies an ACLED actor: state forces, an armed non-state group, or civilians/protesters. */
export function actorRole(actor: string | undefined, inter: string | undefined, matcher: GroupMatcher): ActorRole {
  if (!actor?.trim()) return 'none';
  // A known group's kind beats the inter code; the code decides for actors we have never seen.
  const match = matcher.match(actor);
  if (!match.isNew) return match.group.kind === 'state' ? 'state' : 'armed';
  const code = foldName(inter ?? '');
  if (INTER_STATE.has(code)) return 'state';
  if (INTER_CIVILIAN.has(code) || CIVILIAN_NAME.test(foldName(actor))) return 'civilian';
  return match.group.kind === 'state' ? 'state' : 'armed';
}

export interface Perpetrator {
  actor: string;
  role: ActorRole;
  /** The other side, if any (used to guess the target category). */
  otherRole: ActorRole;
}

/**
 * Picks the primary perpetrator of an ACLED event. The non-state armed actor is preferred
 * (ACLED often lists state forces as actor1 in clashes they did not start), except for air/drone
 * strikes and shelling, where a state actor1 is the perpetrator.
 */
export function choosePerpetrator(
  row: { actor1: string; actor2?: string; inter1?: string; inter2?: string; subEventType: string },
  matcher: GroupMatcher,
): Perpetrator {
  const r1 = actorRole(row.actor1, row.inter1, matcher);
  const r2 = actorRole(row.actor2, row.inter2, matcher);
  if (r1 === 'state' && STATE_STRIKES.has(row.subEventType)) return { actor: row.actor1, role: r1, otherRole: r2 };
  if (r1 === 'armed') return { actor: row.actor1, role: r1, otherRole: r2 };
  if (r2 === 'armed') return { actor: row.actor2!, role: r2, otherRole: r1 };
  return { actor: row.actor1, role: r1, otherRole: r2 };
}

/** Target category guessed from ACLED's civilian_targeting flag and the other actor. */
export function targetFor(p: Perpetrator, civilianTargeting: boolean): 'civilians' | 'security-forces' | 'militants' | 'other' {
  if (civilianTargeting || p.otherRole === 'civilian') return 'civilians';
  if (p.otherRole === 'state') return 'security-forces';
  if (p.role === 'state' && p.otherRole === 'armed') return 'militants';
  return 'other';
}
