import { describe, expect, it } from 'vitest';
import type { DatasetName } from '@/lib/datasets/dataset-bits';
import fc from 'fast-check';
import { dashboardQuery, filterQuery, parseDashboardSearch } from '@/lib/filters/url';
import { matchesFilter } from '@/lib/filters/match';
import type { ViewFilter } from '@/lib/filters/schema';
import { filterToSearch } from '@/lib/validation/incident-filter';

const parse = (qs: string) => parseDashboardSearch(new URLSearchParams(qs));

describe('dashboard URL ⇄ filter', () => {
  it('keeps the API parameter names and a canonical order', () => {
    const s = parse(
      'q=Bannu&group=ttp,bla&from=2024-01-01&to=2024-12-31&region=kp&type=Suicide bomb&minKilled=3&claimStatus=claimed&minSources=2&incident=42',
    );
    expect(s.filter).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
      group: ['ttp', 'bla'],
      region: ['kp'],
      type: ['Suicide bomb'],
      minKilled: 3,
      minSources: 2,
      claimStatus: ['claimed'],
      q: 'Bannu',
    });
    expect(s.incident).toBe(42);
    expect(dashboardQuery(s.filter, s.incident)).toBe(
      'from=2024-01-01&to=2024-12-31&group=ttp%2Cbla&region=kp&type=Suicide+bomb&minKilled=3&minSources=2&claimStatus=claimed&q=Bannu&incident=42',
    );
  });

  it('round-trips any valid filter through the URL unchanged', () => {
    const day = fc
      .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
    const filterArb = fc.record(
      {
        from: day,
        to: day,
        group: fc.uniqueArray(word, { minLength: 1, maxLength: 4 }),
        region: fc.uniqueArray(fc.constantFrom('kp', 'balochistan', 'barmal', 'tajikistan', 'none' as const), {
          minLength: 1,
          maxLength: 3,
        }),
        type: fc.uniqueArray(fc.constantFrom('Battles', 'Suicide bomb', 'Air/drone strike'), { minLength: 1, maxLength: 2 }),
        minKilled: fc.integer({ min: 1, max: 500 }),
        minSources: fc.integer({ min: 2, max: 1000 }),
        claimStatus: fc.uniqueArray(fc.constantFrom('claimed', 'unclaimed', 'disputed'), { minLength: 1, maxLength: 3 }),
        q: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}[A-Za-z]$/),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(filterArb, fc.option(fc.integer({ min: 1, max: 1e9 }), { nil: null }), (filter, incident) => {
        const back = parse(dashboardQuery(filter, incident));
        expect(back.invalid).toEqual([]);
        expect(back.incident).toBe(incident);
        expect(filterQuery(back.filter)).toBe(filterQuery(filter as ViewFilter));
        // The client-side serializer must stay identical to the shared filterToSearch.
        expect(filterQuery(filter as ViewFilter)).toBe(filterToSearch(filter as ViewFilter).toString());
      }),
    );
  });

  it('drops (and reports) only the parameters that do not parse', () => {
    const s = parse('group=ttp&region=mars&minKilled=-1&from=2024-02-30&limit=5&cursor=abc&bbox=1,2');
    expect(s.filter).toEqual({ group: ['ttp'] });
    expect(s.invalid.sort()).toEqual(['from', 'minKilled', 'region']);
    const sources = parse('minSources=0&claimStatus=claimed,denied&group=ttp');
    expect(sources.filter).toEqual({ group: ['ttp'] });
    expect(sources.invalid.sort()).toEqual(['claimStatus', 'minSources']);
    expect(parse('incident=abc').incident).toBeNull();
    expect(parse('incident=-3').incident).toBeNull();
  });

  it('repeated parameters merge like the API does', () => {
    expect(parse('group=ttp&group=bla').filter.group).toEqual(['ttp', 'bla']);
  });
});

describe('matchesFilter (live incidents against the current view)', () => {
  const item = {
    occurredAt: '2024-12-15T20:30:00Z',
    occurredDate: '2024-12-16',
    group: 'ttp',
    region: 'kp',
    eventType: 'Battles',
    subEventType: 'Armed clash',
    killed: 3,
    lat: 33,
    lon: 70,
    sourceCount: 2,
    claimStatus: 'disputed',
    datasets: ['acled', 'ucdp'] as DatasetName[],
  };
  it.each([
    [{}, true],
    [{ group: ['ttp'] }, true],
    [{ group: ['bla'] }, false],
    [{ region: ['none'] }, false],
    [{ type: ['Armed clash'] }, true],
    [{ type: ['Suicide bomb'] }, false],
    // Types in any spelling, as the server reads them (this matcher once compared raw strings).
    [{ type: ['armed  CLASH'] }, true],
    [{ type: ['battles'] }, true],
    [{ minKilled: 3 }, true],
    [{ minKilled: 4 }, false],
    [{ minSources: 2 }, true],
    [{ minSources: 3 }, false],
    [{ claimStatus: ['disputed', 'claimed'] }, true],
    [{ claimStatus: ['unclaimed'] }, false],
    [{ from: '2024-12-16' }, true],
    [{ to: '2024-12-15' }, false],
    [{ from: '2024-12-15T21:00:00Z' }, false],
    [{ source: ['ucdp'] }, true],
    [{ source: ['gtd', 'report'] }, false],
    [{ q: 'anything' }, true],
    // No searchable word: nothing matches, on the server and here.
    [{ q: '"' }, false],
  ] as [ViewFilter, boolean][])('%j → %s', (f, expected) => {
    expect(matchesFilter(item, f)).toBe(expected);
  });
});
