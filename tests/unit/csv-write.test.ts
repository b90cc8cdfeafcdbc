import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { CSV_BOM, csvRecord, type CsvCell } from '@/lib/csv/write';

/** A deterministic generator, so a failure reproduces. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ALPHABET = ['a', 'Z', ' ', ',', '"', '\n', '\r', '\t', "'", '=', '-', '+', '@', 'é', '😀', '\u2028', '\uFF1D', ';', '0'];

function randomCell(r: () => number): CsvCell {
  const k = r();
  if (k < 0.1) return null;
  if (k < 0.15) return undefined;
  if (k < 0.3) return Math.round((r() - 0.5) * 1e6) / (r() < 0.5 ? 1 : 1000);
  if (k < 0.35) return '';
  let s = '';
  for (let n = Math.floor(r() * 12); n > 0; n--) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
  return s;
}

describe('csvRecord', () => {
  it('writes what csv-stringify writes, on records mixing every character that needs quoting', () => {
    const r = rng(21);
    for (let i = 0; i < 5000; i++) {
      const cells = Array.from({ length: 1 + Math.floor(r() * 8) }, () => randomCell(r));
      expect(csvRecord(cells), JSON.stringify(cells)).toBe(stringify([cells]));
    }
  });

  it('quotes only when needed, doubles quotes, keeps numbers and empties', () => {
    expect(csvRecord(['a', 'b,c', 'say "hi"', 'l1\nl2', 'r\r', 0, -1.5, null, undefined, ''])).toBe(
      'a,"b,c","say ""hi""","l1\nl2","r\r",0,-1.5,,,\n',
    );
  });

  it('the byte order mark is csv-stringify’s', () => {
    expect(CSV_BOM + csvRecord(['h'])).toBe(stringify([['h']], { bom: true }));
  });
});
