import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, exportCells, exportCsvRecord } from '@/lib/acled/export-row';
import { csvRecord } from '@/lib/csv/write';
import { ACLED_COLUMNS, EXTRA_EXPORT_COLUMNS } from '@/lib/acled/columns';
import type { IncidentItem } from '@/lib/incidents/item';
import { referenceExportCells } from '../support/export-row-reference';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TEXTS = [
  '',
  'Bannu',
  '=cmd',
  '+1',
  '-2',
  '@x',
  '\tTab',
  'a,"b"',
  '\uFF1Dx',
  'Police Forces of Pakistan (2018-)',
  'l1\nl2',
  '\r\n',
  'x=1',
  '"',
  'é😀',
];

function randomItem(r: () => number, id: number): IncidentItem {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const maybe = <T>(v: T) => (r() < 0.3 ? null : v);
  const n = () => maybe(Math.floor(r() * 40));
  return {
    id,
    source: pick(['acled', 'manual', 'rss']),
    datasets: [],
    sourceId: `s${id}`,
    occurredAt: new Date(Date.UTC(2015 + Math.floor(r() * 10), 0, 1) + Math.floor(r() * 3e10)).toISOString(),
    occurredDate: `20${10 + Math.floor(r() * 15)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
    hasTime: r() < 0.5,
    timePrecision: pick([1, 2, 3]),
    region: maybe(pick(['kp', 'balochistan', 'gb'])),
    regionName: null,
    group: pick(['ttp', 'iskp', 'bla']),
    groupName: pick(TEXTS),
    groupColour: '#aa0000',
    groupKind: pick(['jihadist', 'separatist']),
    actor1: maybe(pick(TEXTS)),
    assocActors: maybe(pick(TEXTS)),
    actor2: maybe(pick(TEXTS)),
    eventType: pick(['Battles', 'Explosions/Remote violence']),
    subEventType: pick(['Armed clash', 'Suicide bomb']),
    claimStatus: pick(['claimed', 'unclaimed']),
    target: pick(['civilians', 'security', 'unknown']),
    killed: n(),
    injured: n(),
    casualties: { killed: { security: n(), civilians: n(), militants: n() }, injured: { security: n(), civilians: n(), militants: n() } },
    crossBorder: r() < 0.2,
    lat: Math.round(r() * 1e6) / 1e4,
    lon: -Math.round(r() * 1e6) / 1e4,
    geoPrecision: pick([1, 2, 3]),
    country: pick(['PK', 'AF', 'TJ', 'CL', 'XX']),
    admin1: maybe(pick(TEXTS)),
    admin2: maybe(pick(TEXTS)),
    admin3: maybe(pick(TEXTS)),
    location: maybe(pick(TEXTS)),
    notes: maybe(pick(TEXTS)),
    sources: Array.from({ length: Math.floor(r() * 3) }, () => pick(TEXTS)),
    sourceCount: Math.floor(r() * 4),
    sourceScale: maybe(pick(TEXTS)),
    verification: pick(['single', 'corroborated']),
    dataset: pick(['live', 'demo']),
    importBatchId: maybe(Math.floor(r() * 9)),
    createdAt: '2024-12-15T00:00:00.000Z',
    updatedAt: '2024-12-16T00:00:00.000Z',
  };
}

/** Kept columns as an import stores them: ACLED's unmodelled ones, but also modelled, ours and unknown names. */
function randomExtra(r: () => number): Record<string, string> | null {
  if (r() < 0.3) return null;
  const names = [...ACLED_COLUMNS, ...EXTRA_EXPORT_COLUMNS, 'unknown_col', 'constructor'];
  const x: Record<string, string> = {};
  for (const k of names) if (r() < 0.15) x[k] = TEXTS[Math.floor(r() * TEXTS.length)];
  return x;
}

describe('exportCells', () => {
  it('gives the cells the pre-round-2 implementation gave, for items with nulls, kept columns and formula text', () => {
    const r = rng(2026);
    for (let id = 1; id <= 3000; id++) {
      const item = randomItem(r, id);
      const extra = randomExtra(r);
      expect(exportCells(item, extra), JSON.stringify({ item, extra })).toEqual(referenceExportCells(item, extra));
    }
  });

  it('has one cell per export column', () => {
    expect(exportCells(randomItem(rng(1), 1), null)).toHaveLength(EXPORT_COLUMNS.length);
  });
});

describe('exportCsvRecord', () => {
  it('writes csvRecord of the reference cells, byte for byte (formula text, quoting, nulls, kept columns)', () => {
    const r = rng(21);
    for (let id = 1; id <= 3000; id++) {
      const item = randomItem(r, id);
      const extra = randomExtra(r);
      expect(exportCsvRecord(item, extra), JSON.stringify({ item, extra })).toBe(csvRecord(referenceExportCells(item, extra)));
    }
  });

  it('neutralises and quotes a cell that needs both', () => {
    const item = { ...randomItem(rng(3), 1), notes: '=HYPERLINK("x"),\n' };
    expect(exportCsvRecord(item, null)).toContain(`"'=HYPERLINK(""x""),\n"`);
  });
});
