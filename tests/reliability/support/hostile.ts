import fc from 'fast-check';
import { expect } from 'vitest';
import type { CallResult } from './http';

/** Values that have broken parsers, SQL builders and FTS queries elsewhere. */
export const NASTY = [
  "' OR 1=1 --",
  '"; DROP TABLE incidents; --',
  "') UNION SELECT * FROM api_tokens --",
  '%',
  '_',
  '\\',
  '\u0000',
  '%00',
  '%ZZ',
  '"unbalanced',
  'NEAR(a b',
  'a AND OR NOT b',
  '*',
  'notes:x',
  '^a',
  '-a',
  '(',
  ')',
  '{}',
  '[]',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1',
  '-0',
  '9007199254740993',
  '0x10',
  '1_000',
  '2024-02-30',
  '2024-13-01',
  '9999-99-99T99:99:99Z',
  '0000-00-00',
  '',
  ' ',
  ',,,',
  'kp,,balochistan',
  '181,0,0,0',
  '0,91,1,92',
  '-180,-90,180,90',
  '1,2,3',
  '../../etc/passwd',
  '..\\..\\win.ini',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  "=cmd|'/c calc'!A1",
  '\uFEFF',
  '\r\n',
  '😀',
  '\uD800',
  'a'.repeat(5000),
  'ttp,'.repeat(200),
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.integer().map(String),
);

/** Any JSON value, including the awkward ones (huge numbers, deep-ish nesting, long strings). */
export const nastyJson: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.double({ noNaN: true }),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -1, 0.5, 100_001, true, false, null),
  fc.jsonValue({ maxDepth: 4 }),
);

/** A handled outcome: 2xx, or 4xx with `{ error: { code, message } }`. Never 5xx, never a hang (status 0). */
export function expectHandled(r: CallResult, what: string): void {
  expect(r.status, `${what} → ${r.status} ${r.text.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
  expect(r.status, `${what} → ${r.status} ${r.text.slice(0, 300)}`).toBeLessThan(500);
  // Next's own 404 page / 405 for a method a route does not export carry no JSON body.
  const framework = (r.status === 404 || r.status === 405) && !(r.headers.get('content-type') ?? '').includes('json');
  if (r.status >= 400 && !framework) {
    const err = (r.json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    expect(typeof err?.code, `${what}: error code`).toBe('string');
    expect(typeof err?.message === 'string' && err.message.length > 0, `${what}: error message`).toBe(true);
  }
}

/** encodeURIComponent that accepts lone surrogates (they become U+FFFD, as a browser would send them). */
export function encodeSegment(s: string): string {
  return encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}
