import { describe, expect, it } from 'vitest';
import { draftKey } from '@/lib/intake/event-key';
import { analysedText, extractReport } from '@/lib/intake/extract';
import {
  decodeFingerprint,
  encodeFingerprint,
  findOriginal,
  fingerprintOf,
  sameStory,
  textSignature,
  textSimilarity,
  type Fingerprint,
} from '@/lib/intake/fingerprint';
import type { EventKey } from '@/lib/intake/event-key';
import { LABELLED_REPORTS, type LabelledReport } from '../fixtures/intake/reports/index';

const TZ = 'Asia/Karachi';

function fingerprint(r: LabelledReport): Fingerprint {
  const input = { title: r.title, text: r.text, url: null, publishedAt: r.publishedAt, sourceName: r.outlet };
  const x = extractReport(input, { timeZone: TZ, receivedAt: r.publishedAt });
  return fingerprintOf(analysedText(input), x.isIncident ? draftKey(x.draft) : null);
}

const key = (k: Partial<EventKey>): EventKey => ({
  day: 20_000,
  admin1: 'khyber pakhtunkhwa',
  admin2: 'north waziristan',
  location: 'mir ali',
  lat: 32.97,
  lon: 70.27,
  geoPrecision: 1,
  eventType: 'Battles',
  subEventType: 'Armed clash',
  group: 'ttp',
  killed: 4,
  ...k,
});
/** Each outlet words it differently (no shared shingles) unless a test passes the same text. */
let outlet = 0;
const fp = (k: Partial<EventKey> | null, text = `outlet ${++outlet} words it ${outlet} times`): Fingerprint =>
  fingerprintOf(text, k && key(k));

describe('near-duplicate fingerprint', () => {
  it('finds the labelled set’s same-story pairs in publication order: precision ≥ 0.9, recall ≥ 0.8', () => {
    const ordered = [...LABELLED_REPORTS].sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
    const seen: { id: string; fingerprint: Fingerprint }[] = [];
    let flagged = 0;
    let right = 0;
    const rootOf = (id: string): string => LABELLED_REPORTS.find((r) => r.id === id)?.sameEventAs ?? id;
    const misses: string[] = [];
    for (const r of ordered) {
      const f = fingerprint(r);
      const original = findOriginal(f, seen);
      if (original) {
        flagged++;
        if (rootOf(original.id) === rootOf(r.id)) right++;
        else misses.push(`${r.id} → ${original.id}`);
      }
      seen.push({ id: r.id, fingerprint: f });
    }
    // Every pair's later report should point at the earlier one.
    const pairs = LABELLED_REPORTS.filter((r) => r.sameEventAs).length;
    const precision = flagged ? right / flagged : 1;
    const recall = right / pairs;
    expect(pairs).toBeGreaterThanOrEqual(10);
    expect(precision, `wrong originals: ${misses.join(', ')}`).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });

  it('treats an agency copy printed by two outlets as one story whatever the drafts say', () => {
    const wire =
      'BANNU: Two policemen were martyred when unidentified gunmen opened fire on a police mobile near the Kakki bazaar on Monday, police said. The attackers fled. A search operation is under way.';
    const a = fingerprintOf(wire, null);
    const b = fingerprintOf(`${wire} (APP)`, null);
    expect(textSimilarity(a.sig, b.sig)).toBeGreaterThan(0.7);
    expect(sameStory(a, b).duplicate).toBe(true);
    expect(textSimilarity(a.sig, textSignature('A court in Peshawar adjourned the hearing of the case until next week.'))).toBeLessThan(
      0.1,
    );
  });

  it('joins two outlets’ own words when day, town, type and group agree; a rising toll is the same story', () => {
    expect(sameStory(fp({ killed: 3 }), fp({ day: 20_001, killed: 4 })).duplicate).toBe(true);
    expect(
      sameStory(
        fp({ group: 'baloch-separatists', admin2: 'kech', location: 'tump' }),
        fp({ group: 'blf', admin2: 'kech', location: 'tump', subEventType: null, eventType: null }),
      ).duplicate,
    ).toBe(true);
  });

  it('keeps apart what differs in day, place, type or group', () => {
    expect(sameStory(fp({}), fp({ day: 20_002 })).duplicate).toBe(false);
    // Two towns of one district 25 km apart: two events.
    expect(sameStory(fp({}), fp({ location: 'datta khel', lat: 32.93, lon: 69.98 })).duplicate).toBe(false);
    expect(sameStory(fp({}), fp({ eventType: 'Explosions/Remote violence', subEventType: 'Suicide bomb' })).duplicate).toBe(false);
    expect(sameStory(fp({}), fp({ group: 'iskp' })).duplicate).toBe(false);
    expect(sameStory(fp(null), fp({})).duplicate).toBe(false);
  });

  it('survives storage: encode and decode give the same fingerprint; garbage decodes to null', () => {
    const f = fp({});
    expect(decodeFingerprint(encodeFingerprint(f))).toEqual(f);
    for (const bad of [null, '', '{', '{"sig":[1,2]}', '[]']) expect(decodeFingerprint(bad)).toBeNull();
  });
});
