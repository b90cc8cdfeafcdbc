/**
 * Near duplicates across outlets (issue 18): "the same story from two outlets becomes two reports,
 * the later one with duplicateOf = the first". A report's fingerprint is the event its draft
 * describes (day, place, type, group, toll) plus a MinHash of its word 3-shingles; two reports are
 * one story when their texts are near copies (agency copy printed twice) or when their events agree
 * on day, place and type without a conflict (two outlets' own words). Pure and deterministic:
 * stored in reports.fingerprint so a new report is compared without re-reading old texts.
 */
import { compareEvents, type EventComparison } from './candidates';
import { groupRelation, typeRelation, type EventKey } from './event-key';
import { foldWord } from './tokens';

export interface Fingerprint {
  /** The drafted event; null for a report that describes no new violent event. */
  key: EventKey | null;
  /** MinHash signature of the text's word 3-shingles (SIGNATURE_SIZE values). */
  sig: number[];
}

const SIGNATURE_SIZE = 32;
/** Estimated shingle overlap from which two texts are copies of one another. */
export const COPY_SIMILARITY = 0.5;
/** Event agreement (compareEvents' score plus a share of text overlap) that makes one story. */
export const STORY_SCORE = 0.6;
/** Two named towns this far apart are two places, even in one district. */
const SAME_PLACE_KM = 10;

// Fixed odd multipliers and offsets: one hash family for every fingerprint ever stored.
const MULT = Array.from({ length: SIGNATURE_SIZE }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) | 1) >>> 0);
const ADD = Array.from({ length: SIGNATURE_SIZE }, (_, i) => Math.imul(i + 7, 0x85ebca6b) >>> 0);

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** MinHash of the folded word 3-shingles (a text under three words hashes its words). */
export function textSignature(text: string): number[] {
  const words = Array.from(text.matchAll(WORD), (m) => foldWord(m[0]));
  const sig = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  const n = words.length < 3 ? words.length : words.length - 2;
  for (let w = 0; w < n; w++) {
    const h = fnv1a(words.length < 3 ? words[w] : `${words[w]} ${words[w + 1]} ${words[w + 2]}`);
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = (Math.imul(h, MULT[i]) + ADD[i]) >>> 0;
      if (v < sig[i]) sig[i] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two texts' shingle sets (share of equal signature slots). */
export function textSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / a.length;
}

export function fingerprintOf(text: string, key: EventKey | null): Fingerprint {
  return { key, sig: textSignature(text) };
}

export function encodeFingerprint(fp: Fingerprint): string {
  return JSON.stringify(fp);
}

/** A stored fingerprint, or null when the column is empty or not one of ours. */
export function decodeFingerprint(s: string | null): Fingerprint | null {
  if (!s) return null;
  try {
    const v = JSON.parse(s) as Partial<Fingerprint>;
    return Array.isArray(v.sig) && v.sig.length === SIGNATURE_SIZE ? { key: v.key ?? null, sig: v.sig } : null;
  } catch {
    return null;
  }
}

export interface StoryMatch {
  duplicate: boolean;
  /** 0–1: how sure; the best-scoring earlier report becomes `duplicateOf`. */
  score: number;
}

/** Two outlets' events conflict when they name two places, or both the type and the group differ. */
function conflicts(a: EventKey, b: EventKey, cmp: EventComparison): boolean {
  const twoTowns = a.location !== null && b.location !== null && !cmp.sameTown && (cmp.km === null || cmp.km > SAME_PLACE_KM);
  return twoTowns || groupRelation(a.group, b.group) === 'different' || typeRelation(a, b) === 'different';
}

/** Whether `later` tells the same story as `earlier`. */
export function sameStory(earlier: Fingerprint, later: Fingerprint): StoryMatch {
  const text = textSimilarity(earlier.sig, later.sig);
  if (text >= COPY_SIMILARITY) return { duplicate: true, score: Math.min(1, 0.5 + text / 2) };
  if (!earlier.key || !later.key) return { duplicate: false, score: text };
  const cmp = compareEvents(earlier.key, later.key);
  if (!cmp.compatible || conflicts(earlier.key, later.key, cmp)) return { duplicate: false, score: 0 };
  const score = Math.min(1, cmp.score + 0.3 * text);
  return { duplicate: score >= STORY_SCORE, score };
}

/** The earlier report `later` duplicates: the best match among `earlier` (oldest first; ties go to the older), or null. */
export function findOriginal<T extends { fingerprint: Fingerprint }>(later: Fingerprint, earlier: readonly T[]): T | null {
  let best: T | null = null;
  let bestScore = 0;
  for (const e of earlier) {
    const m = sameStory(e.fingerprint, later);
    if (m.duplicate && m.score > bestScore) {
      best = e;
      bestScore = m.score;
    }
  }
  return best;
}
