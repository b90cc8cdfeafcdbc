import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incidentInputSchema } from '@/lib/incidents/input';
import { quickIncidentInput } from '@/lib/incidents/input-fast';
import { mapAcledRow } from '@/lib/acled/map-row';
import { GroupMatcher } from '@/lib/taxonomy/groups';
import { acledRow, syntheticAcled } from '../support/api-acled';

const matcher = new GroupMatcher();
const str = (o: Record<string, string | number | null | undefined>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v ?? '')]));
const base = mapAcledRow(str(acledRow()), matcher).input;

/** Values near every edge the schema checks: lengths, ranges, types, padding, enums. */
const edgy = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    '',
    ' ',
    '  x  ',
    'x'.repeat(60),
    'x'.repeat(61),
    ' '.repeat(70) + 'x',
    'x'.repeat(201),
    'x'.repeat(10_001),
  ),
  fc.constantFrom('2024-12-15', '2024-02-30', '2024-12-15T10:00:00Z', '15 December 2024', ' 2024-12-15', '2024-12-15'.padEnd(41, ' ')),
  fc.constantFrom('PK', 'pk', '586', 'Pakistan', 'Narnia', 'AF', ' pak '),
  fc.constantFrom('Battles', 'battles', 'Explosions/Remote violence', 'Suicide bomb', 'Armed clash', 'Attack', 'Nope'),
  fc.constantFrom('claimed', 'civilians', 'confirmed', 'other', 'unclaimed', 'reported', 'CLAIMED'),
  fc.constantFrom(0, -0, 1, 2, 3, 4, 1.5, -1, 90, 90.0001, -180, 180.5, 100_000, 100_001, NaN, Infinity, '3'),
  fc.constantFrom(true, false, 'true', 0),
  fc.constantFrom([], ['Dawn'], [' Dawn '], [''], ['  '], Array(51).fill('x'), 'Dawn', [1]),
  fc.constantFrom({ security: 1 }, {}),
);
const keys = [...Object.keys(base), 'claimStatus', 'verification', 'killedBy', 'injuredBy', 'extraKey'];
const mutated = fc.array(fc.tuple(fc.constantFrom(...keys), edgy, fc.boolean()), { maxLength: 4 }).map((edits) => {
  const input: Record<string, unknown> = { ...base };
  for (const [k, v, remove] of edits) {
    if (v === undefined && remove) delete input[k];
    else input[k] = v;
  }
  return input;
});

describe('quickIncidentInput', () => {
  it('returns exactly what incidentInputSchema returns, or defers to it', () => {
    fc.assert(
      fc.property(mutated, (input) => {
        const quick = quickIncidentInput(input);
        if (quick === null) return;
        const zod = incidentInputSchema.safeParse(input);
        expect(zod.success).toBe(true);
        expect(quick).toEqual(zod.data);
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes the fast path for valid ACLED rows', () => {
    for (const row of syntheticAcled(200)) {
      const input = mapAcledRow(str(row), matcher).input;
      expect(quickIncidentInput(input)).toEqual(incidentInputSchema.parse(input));
    }
  });

  it('defers invalid rows to the schema, whose messages callers report', () => {
    expect(quickIncidentInput({ ...base, lat: 91 })).toBeNull();
    expect(quickIncidentInput({ ...base, eventType: 'Battles' })).toBeNull();
    expect(quickIncidentInput({ ...base, colour: 'red' })).toBeNull();
  });
});
