import { describe, expect, it } from 'vitest';
import {
  filterParamsFromSearch,
  filterToSearch,
  incidentFilterSchema,
  unknownParams,
  FILTER_PARAM_NAMES,
} from '@/lib/validation/incident-filter';

const parse = (qs: string) => incidentFilterSchema.safeParse(filterParamsFromSearch(new URLSearchParams(qs)));
const ok = (qs: string) => {
  const r = parse(qs);
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data;
};
const failsOn = (qs: string) => {
  const r = parse(qs);
  expect(r.success, qs).toBe(false);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('incident filter parsing', () => {
  it('defaults limit to 100 and leaves the rest absent', () => {
    expect(ok('')).toEqual({ limit: 100 });
  });
  it('parses every parameter', () => {
    expect(
      ok(
        'from=2024-12-01&to=2024-12-15T20:30:00Z&group=ttp,bla&region=kp,none&type=Battles,Suicide bomb&minKilled=3&q= police van &bbox=60,25,75,37&limit=50&cursor=1734000000000_42',
      ),
    ).toEqual({
      from: '2024-12-01',
      to: '2024-12-15T20:30:00Z',
      group: ['ttp', 'bla'],
      region: ['kp', 'none'],
      type: ['Battles', 'Suicide bomb'],
      minKilled: 3,
      q: 'police van',
      bbox: { west: 60, south: 25, east: 75, north: 37 },
      limit: 50,
      cursor: '1734000000000_42',
    });
  });
  it('repeated parameters and comma lists combine, de-duplicated, empties dropped', () => {
    expect(ok('group=ttp&group=bla,ttp,&region=').group).toEqual(['ttp', 'bla']);
    expect(ok('region=').region).toBeUndefined();
  });
  it.each([
    ['from=2024-02-30', 'from'],
    ['from=15/12/2024', 'from'],
    ['to=2024-12-15T20:30:00', 'to'],
    ['region=punjab', 'region'],
    ['minKilled=1.5', 'minKilled'],
    ['minKilled=-2', 'minKilled'],
    ['minKilled=lots', 'minKilled'],
    ['bbox=a,b,c,d', 'bbox'],
    ['bbox=10,0,0,10', 'bbox'],
    ['bbox=0,0,200,10', 'bbox'],
    ['limit=0', 'limit'],
    ['limit=5000', 'limit'],
    ['cursor=1_2_3', 'cursor'],
    [`q=${'a'.repeat(201)}`, 'q'],
    [`group=${Array.from({ length: 101 }, (_, i) => `g${i}`).join(',')}`, 'group'],
  ])('%s fails naming %s', (qs, field) => {
    expect(failsOn(qs)).toContain(field);
  });
  it('lists unknown parameters', () => {
    expect(unknownParams(new URLSearchParams('group=ttp&colour=red&colour=blue&page=2'), FILTER_PARAM_NAMES)).toEqual(['colour', 'page']);
  });
  it('round-trips through filterToSearch', () => {
    const f = ok('from=2024-12-01&group=ttp,bla&region=none&minKilled=2&bbox=60,25,75,37&q=bannu');
    expect(ok(filterToSearch(f).toString())).toEqual(f);
  });
});
