/**
 * Who did it, and who says so. The perpetrator is chosen by how each group is mentioned, per
 * sentence, strongest first:
 *   1. a group that claimed responsibility ("TTP claimed responsibility", "claimed by the BLA");
 *   2. a group the authorities named ("police blamed the TTP", ISPR's "khawarij");
 *   3. a group in a sentence about the attack itself ("BLA militants stormed ...");
 *   4. any other mention, unless the sentence is only background (a year, a ceasefire, talks).
 * So "TTP ended its ceasefire in 2022" never wins over the group that attacked. Any denial, or two
 * different claimants, makes the claim status 'disputed'. The state's umbrella term for Baloch
 * groups ("Fitna al-Hindustan") gives way to a Baloch group the report names.
 */
import type { Span } from './types';
import { findGroups, type GroupMatch } from './group-aliases';
import { sentenceAt, sentenceBounds, type Bounds } from './sentence-bounds';

export { findGroups, type GroupMatch } from './group-aliases';

export type ClaimKind = 'claim' | 'denial' | 'attribution';
export interface ClaimEntry {
  groupId: string;
  kind: ClaimKind;
  by: string | null;
}
export interface Attribution {
  groupId: string | null;
  claimStatus: 'claimed' | 'unclaimed' | 'disputed';
  claims: ClaimEntry[];
  spans: Span[];
  /** How the group was named: 4 claimed, 3 named by officials, 2 in the attack's sentence, 1 other, 0 none. */
  strength: number;
}

const CLAIM =
  /\b(?:claim(?:ed|s|ing)?|accept(?:ed|s)|took|owned|own(?:s|ed)? up)\b[^.;]{0,40}?\bresponsibility\b|\bresponsibility\b[^.;]{0,40}?\b(?:claimed|accepted)\b|\bowned (?:up )?the (?:attack|bombing|assault)|\bclaim(?:ed|s|ing)? (?:the|this|that|[\p{Lu}][\p{L}]+'s) (?:attacks?|bombings?|assault|killings?|blasts?|ambush|raids?|abductions?|kidnappings?|assassination|murders?|strikes?|explosions?)|\bclaimed by\b|\b(?:issued|made|released|sent) (?:a|its|their) claim\b|\b(?:said|says) (?:its|their) (?:fighters|militants|men|members|suicide bombers?|cadres?) (?:had )?(?:carried (?:it |them )?out|conducted|attacked|targeted|killed|ambushed)|\b(?:mujahideen|mujahidin|fidayeen)\b/giu;
const DENIAL =
  /\b(?:(?:denied|denies|deny|denying)(?=\s+(?:any\s+|all\s+|its\s+|their\s+|the\s+group's\s+)?(?:involvement|responsibility|role|links?|hand|part|the\s+(?:claim|allegations?|charges?|reports?)|(?:it|that|this)\b|having|carrying|being)|\s*[.,;])|disowned|distanced (?:itself|themselves)|rejected (?:any )?(?:involvement|responsibility|the claim)|(?:was|were) not involved|had no (?:hand|role|involvement)|condemned)\b/giu;
/** A claim sentence saying nobody claimed ("no group has claimed responsibility so far"). */
const NO_CLAIM = /\b(?:no(?: one| group| organi[sz]ation)?|none|nobody|not|yet to|n't)\b[^.;]{0,30}$/iu;
const ATTRIBUTION =
  /\b(?:blamed|blames|attributed|accused|held [^.;]{0,30}responsible|suspected|suspects|belong(?:ing|ed|s)? to|members of|affiliated with|associated with|linked to|backed|sponsored|proxies|khawarij|khwarij|fitna)/iu;
const OFFICIAL =
  /\b(?:ISPR|Inter-Services Public Relations|CTD|police|officials?|the military|the army|army|security sources|(?:interior |information |defence )?minist(?:er|ry)|government|chief minister|deputy commissioner|DPO|SSP|IGP|spokes(?:man|person) (?:for|of) the (?:police|army|military|provincial government))\b/iu;
const ATTACK =
  /\b(?:attack(?:ed|s)?|stormed|ambush(?:ed)?|opened fire|fired|shot|gunned down|killed|martyred|planted|detonated|blew|blast|bomb(?:ing|er)?|targeted|abducted|kidnapped|raided|struck|militants|terrorists|fighters|assailants|attackers|exchange of fire)\b/iu;
/** Background: history, policy and talks rather than this event. */
const CONTEXT =
  /\b(?:(?:in|since|during|until|till|of|from) (?:the )?(?:(?:early|late|mid)[- ])?(?:[a-z]+ )?(?:19|20)\d\d|ceasefire|cease-fire|truce|talks|negotiations|banned in|proscribed in|founded|formed in|history|previously|in the past|last year|earlier this year|sanctuar(?:y|ies)|safe havens?|(?:is|are|has been|have been|remains?) active|similar (?:attacks|bombings|incidents)|(?:has|have) (?:previously )?carried out|operat(?:es|ing) in (?:the|this) (?:area|region))\b/iu;

const OFFICIAL_SUBJECT = /\b(?:police|officials?|the government|the military|the army|ISPR|authorities)\s+(?:\w+\s+)?$/iu;

/** A relative clause just before the verb: "which had claimed", "who claimed". */
const RELATIVE = /\b(?:which|who|that)\s+(?:(?:had|has|have|was|were|also|earlier|previously|later)\s+)*$/iu;

type Strength = 4 | 3 | 2 | 1 | 0;

interface Reading {
  mention: GroupMatch;
  strength: Strength;
}

/** Pairs each claim or denial verb with the group nearest it in the same sentence. */
function claimsIn(text: string, s: Bounds, mentions: GroupMatch[], re: RegExp, kind: 'claim' | 'denial') {
  const out: { mention: GroupMatch; span: Span; kind: ClaimKind }[] = [];
  const sentence = text.slice(s.start, s.end);
  re.lastIndex = 0;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    const at = s.start + m.index;
    const before = sentence.slice(Math.max(0, m.index - 60), m.index);
    if (kind === 'claim' && NO_CLAIM.test(before)) continue;
    // "…putting the toll at four, which police denied": officials deny the group's figures, not a role.
    if (kind === 'denial' && OFFICIAL_SUBJECT.test(before)) continue;
    // "the 2023 mosque bombing, which was claimed by Jamaat-ul-Ahrar": a past event's claim, not this one's.
    if (kind === 'claim' && RELATIVE.test(before) && CONTEXT.test(sentence)) continue;
    // "IMP, an alliance that includes the Hafiz Gul Bahadur group, claimed": not the group in the apposition.
    const inSentence = mentions.filter((g) => g.start >= s.start && g.end <= s.end && !appositive(text, mentions, g));
    // "X claimed" names the claimant first; "claimed by X" after: take the one closest to the verb.
    const nearest = [...inSentence].sort((a, b) => distance(a, at, m[0].length) - distance(b, at, m[0].length))[0];
    if (!nearest) continue;
    // "The TTP condemned the attack" disowns it; "officials condemned the TTP's attack" does not.
    if (/^condemn/iu.test(m[0]) && nearest.end > at) continue;
    const span: Span = { field: 'claim', start: at, end: at + m[0].length, text: m[0] };
    for (const g of joined(text, inSentence, nearest)) out.push({ mention: g, kind, span });
  }
  return out;
}

/** "the TTP and the JuA claimed": the nearest claimant and those listed with it. */
function joined(text: string, inSentence: GroupMatch[], nearest: GroupMatch): GroupMatch[] {
  const i = inSentence.indexOf(nearest);
  let lo = i;
  let hi = i;
  const linked = (a: GroupMatch, b: GroupMatch) => LIST_GAP.test(text.slice(a.end, b.start));
  while (lo > 0 && linked(inSentence[lo - 1], inSentence[lo])) lo--;
  while (hi < inSentence.length - 1 && linked(inSentence[hi], inSentence[hi + 1])) hi++;
  return inSentence.slice(lo, hi + 1);
}

/** A group named inside an apposition to an earlier group: "X, a front for Y, claimed". */
function appositive(text: string, mentions: GroupMatch[], g: GroupMatch): boolean {
  return (
    mentions.some((a) => a.end <= g.start && APPOSITION.test(text.slice(a.end, g.start))) &&
    /^[^,.;]{0,40},/.test(text.slice(g.end, g.end + 41))
  );
}
const APPOSITION = /^\s*,\s*(?:an?|the)\s[^,.;]{0,100}$/iu;

const LIST_GAP = /^\s*(?:\([^)]{0,12}\))?\s*(?:,|and|or|as well as|,? and)?\s*(?:the\s+)?$/iu;

function distance(g: GroupMatch, at: number, len: number): number {
  return g.end <= at ? at - g.end : g.start >= at + len ? g.start - (at + len) : 0;
}

const SPOKESMAN = /\bspokes(?:man|person),? ([\p{Lu}][\p{L}'-]+(?: [\p{Lu}][\p{L}'-]+){0,2})/u;

export function attribution(text: string): Attribution {
  const mentions = findGroups(text);
  if (!mentions.length) return { groupId: null, claimStatus: 'unclaimed', claims: [], spans: [], strength: 0 };
  const bounds = sentenceBounds(text);
  const claims: ClaimEntry[] = [];
  const spans: Span[] = [];
  const readings: Reading[] = [];
  const seen = new Set<string>();
  const addClaim = (c: ClaimEntry) => {
    const key = `${c.groupId}|${c.kind}`;
    if (!seen.has(key)) {
      seen.add(key);
      claims.push(c);
    }
  };

  for (const s of uniqueSentences(bounds, mentions)) {
    const sentence = text.slice(s.start, s.end);
    const spokesman = SPOKESMAN.exec(sentence)?.[1] ?? null;
    const decided = [...claimsIn(text, s, mentions, CLAIM, 'claim'), ...claimsIn(text, s, mentions, DENIAL, 'denial')];
    for (const d of decided) {
      addClaim({ groupId: d.mention.groupId, kind: d.kind, by: spokesman });
      // Two claimants listed together share one verb: highlight it once.
      if (!spans.includes(d.span)) spans.push(d.span);
      readings.push({ mention: d.mention, strength: d.kind === 'claim' ? 4 : 2 });
    }
    const official = OFFICIAL.exec(sentence)?.[0] ?? null;
    const attributed = ATTRIBUTION.test(sentence) && (official !== null || /khawarij|khwarij|fitna/iu.test(sentence));
    const context = CONTEXT.test(sentence);
    for (const g of mentions) {
      if (g.start < s.start || g.end > s.end || decided.some((d) => d.mention === g)) continue;
      if (attributed && !context) {
        addClaim({ groupId: g.groupId, kind: 'attribution', by: official });
        readings.push({ mention: g, strength: 3 });
      } else readings.push({ mention: g, strength: context ? 0 : ATTACK.test(sentence) ? 2 : 1 });
    }
  }

  const claimants = new Set(claims.filter((c) => c.kind === 'claim').map((c) => c.groupId));
  // A denial disputes a claim only from a group someone named: a group that was never blamed and
  // denies beside another group's claim leaves the claim as it is.
  const blamed = (g: string) => claimants.has(g) || claims.some((c) => c.groupId === g && c.kind === 'attribution');
  const denied = claims.some((c) => c.kind === 'denial' && (claimants.size === 0 || blamed(c.groupId)));
  const claimStatus = denied || claimants.size > 1 ? 'disputed' : claimants.size === 1 ? 'claimed' : 'unclaimed';
  const best = readings.filter((r) => r.strength > 0).sort((a, b) => b.strength - a.strength || a.mention.start - b.mention.start)[0];
  let groupId = best?.mention.groupId ?? null;
  if (groupId === 'baloch-separatists') groupId = namedBalochGroup(readings) ?? groupId;
  if (groupId) {
    for (const r of readings) {
      if (r.mention.groupId === groupId && r.strength > 0) {
        spans.push({ field: 'group', start: r.mention.start, end: r.mention.end, text: r.mention.text });
      }
    }
  }
  spans.sort((a, b) => a.start - b.start);
  return { groupId, claimStatus, claims, spans, strength: best?.strength ?? 0 };
}

const BALOCH_GROUPS = new Set(['bla', 'blf', 'bras', 'brg']);

/** A named Baloch group outside background sentences, preferred to the umbrella term. */
function namedBalochGroup(readings: Reading[]): string | null {
  return readings.find((r) => r.strength > 0 && BALOCH_GROUPS.has(r.mention.groupId))?.mention.groupId ?? null;
}

/** The sentences that hold at least one mention, each once, in order. */
function uniqueSentences(bounds: readonly Bounds[], mentions: GroupMatch[]): Bounds[] {
  const out: Bounds[] = [];
  for (const g of mentions) {
    const s = sentenceAt(bounds, g.start);
    if (out[out.length - 1] !== s) out.push(s);
  }
  return out;
}
