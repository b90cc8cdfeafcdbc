import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { incidentFeature } from '@/lib/incidents/geojson';
import { incidentFeatureText } from '@/lib/incidents/geojson-text';
import { toIncidentItem } from '@/lib/incidents/item';
import type { IncidentRecord } from '@/lib/incidents/record';

// Every UTF-16 code unit is possible, with the ones JSON escapes (quote, backslash, controls,
// lone surrogates) and U+2028 (which it does not) made frequent.
const unit = fc.oneof(
  fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udfff', '😀', 'é', '/'),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('a', 'B', ' ', '1'),
);
const text = fc.string({ unit, maxLength: 12 });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const count = maybe(fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constant(-0)));
const coord = fc.double({ min: -180, max: 180, noNaN: true });
const instant = fc.integer({ min: 0, max: 4e12 });

/** Any stored row, read through toIncidentItem: the item has exactly the fields, in the order, an export serializes. */
const record: fc.Arbitrary<IncidentRecord> = fc.record({
  id: fc.integer({ min: 1, max: 2 ** 40 }),
  source: fc.constantFrom('acled', 'manual', 'rss', 'x"y'),
  sourceId: text,
  occurredAt: instant,
  occurredDay: fc.integer({ min: 0, max: 40_000 }),
  hasTime: fc.boolean(),
  timePrecision: fc.constantFrom(1, 2, 3),
  country: text,
  admin1: maybe(text),
  admin2: maybe(text),
  admin3: maybe(text),
  location: maybe(text),
  lat: coord,
  lon: coord,
  geoPrecision: fc.constantFrom(1, 2, 3),
  region: maybe(fc.constantFrom('kp', 'balochistan', 'unknown-region')),
  eventType: text,
  subEventType: text,
  groupId: text,
  actor1: maybe(text),
  assocActors: maybe(text),
  actor2: maybe(text),
  claimStatus: fc.constantFrom('claimed', 'unclaimed', 'disputed'),
  target: fc.constantFrom('civilians', 'militants', 'other'),
  killed: count,
  injured: count,
  killedSecurity: count,
  killedCivilians: count,
  killedMilitants: count,
  injuredSecurity: count,
  injuredCivilians: count,
  injuredMilitants: count,
  crossBorder: fc.boolean(),
  sources: fc.oneof(
    fc.array(text, { maxLength: 3 }).map((a) => JSON.stringify(a)),
    fc.constant('not json'),
  ),
  sourceCount: fc.integer({ min: 0, max: 9 }),
  mergedDatasets: fc.integer({ min: 0, max: 7 }),
  sourceScale: maybe(text),
  verification: fc.constantFrom('reported', 'confirmed', 'disputed'),
  notes: maybe(text),
  dataset: fc.constantFrom('demo', 'live', 'import'),
  importBatchId: maybe(fc.integer({ min: 1, max: 99 })),
  acledExtra: maybe(text),
  createdAt: instant,
  updatedAt: instant,
});
const group = fc.record({ groupName: text, groupColour: text, groupKind: text });

describe('incidentFeatureText', () => {
  it('is JSON.stringify(incidentFeature(item)), byte for byte, for any stored row', () => {
    fc.assert(
      fc.property(record, group, (r, g) => {
        const item = toIncidentItem(r, g);
        expect(incidentFeatureText(item)).toBe(JSON.stringify(incidentFeature(item)));
      }),
      { numRuns: 5000 },
    );
  });

  it('writes null for a coordinate JSON cannot hold, as JSON.stringify does', () => {
    fc.assert(
      fc.property(record, group, (r, g) => {
        const item = { ...toIncidentItem(r, g), lat: Number.NaN, lon: Number.POSITIVE_INFINITY };
        expect(incidentFeatureText(item)).toBe(JSON.stringify(incidentFeature(item)));
      }),
      { numRuns: 50 },
    );
  });
});
