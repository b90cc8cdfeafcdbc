import { describe, expect, it } from 'vitest';
import { copyText } from '@/db/pg/copy';

describe("COPY's text format (db/pg/copy.ts)", () => {
  it('writes NULL as \\N and numbers and booleans as PostgreSQL reads them back', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(undefined)).toBe('\\N');
    expect(copyText(34.012345678901234)).toBe('34.012345678901234');
    expect(copyText(1_700_000_000_000)).toBe('1700000000000');
    expect(copyText(1)).toBe('1');
    expect(copyText(false)).toBe('false');
  });

  it('escapes only the characters the format reserves, so text (and a literal "\\N") reads back as written', () => {
    expect(copyText('plain, "quoted" text')).toBe('plain, "quoted" text');
    expect(copyText('a\tb\nc\r\nd\\e')).toBe('a\\tb\\nc\\r\\nd\\\\e');
    expect(copyText('\\N')).toBe('\\\\N');
    expect(copyText('اردو')).toBe('اردو');
  });

  it('refuses the NUL character, which PostgreSQL text cannot hold, with a message that says so', () => {
    expect(() => copyText('a\0b')).toThrow(/NUL character/);
  });

  it('refuses values with no text form rather than writing "[object Object]"', () => {
    expect(() => copyText({})).toThrow(TypeError);
  });
});
