import { describe, expect, it } from 'vitest';
import { isMailAddress, MAX_HEADER_TEXT, safeHeaderText } from '@/lib/mail/headers';

describe('safeHeaderText', () => {
  it.each([
    ['Tehrik-i-Taliban\r\nBcc: eve@evil.example', 'Tehrik-i-Taliban Bcc: eve@evil.example'],
    ['TTP\nContent-Type: text/html\n\n<script>', 'TTP Content-Type: text/html <script>'],
    ['Lashkar\u0000e\u001bTaiba', 'Lashkar e Taiba'],
    ['ISKP\u2028Bcc: x@y.example', 'ISKP Bcc: x@y.example'],
    ['brief\u202Egnp.exe', 'brief gnp.exe'],
    ['   many\t\t  spaces   ', 'many spaces'],
    ['Khyber Pakhtunkhwa — ژوب', 'Khyber Pakhtunkhwa — ژوب'],
  ])('%j → one clean line', (input, want) => {
    const out = safeHeaderText(input);
    expect(out).toBe(want);
    // eslint-disable-next-line no-control-regex -- the controls are what must be absent
    expect(out).not.toMatch(/[\r\n\u0000-\u001f\u007f\u2028\u2029]/);
  });

  it('caps the length without splitting a surrogate pair', () => {
    const long = '😀'.repeat(300);
    const out = safeHeaderText(long);
    expect(out.length).toBeLessThanOrEqual(MAX_HEADER_TEXT);
    expect(out.endsWith('…')).toBe(true);
    expect(() => encodeURIComponent(out)).not.toThrow();
    expect(safeHeaderText('x'.repeat(500), 20)).toHaveLength(20);
  });
});

describe('isMailAddress', () => {
  it.each(['analyst@ministry.example', 'first.last+brief@sub.domain.org', "o'brien@example.co.uk", 'a@xn--80ak6aa92e.com'])(
    'accepts %s',
    (a) => expect(isMailAddress(a)).toBe(true),
  );

  it.each([
    ['empty', ''],
    ['a display name', 'Eve <eve@evil.example>'],
    ['angle brackets', '<eve@evil.example>'],
    ['two addresses', 'a@x.example, b@y.example'],
    ['a comma in the local part', 'a,b@x.example'],
    ['a group', 'undisclosed-recipients: eve@evil.example;'],
    ['CRLF injection', 'a@x.example\r\nBcc: eve@evil.example'],
    ['a bare LF', 'a@x.example\nbcc:eve@evil.example'],
    ['a NUL', 'a@x.example\u0000'],
    ['whitespace', 'a b@x.example'],
    ['a quoted local part', '"a@b"@x.example'],
    ['a comment', 'a(comment)@x.example'],
    ['two @', 'a@b@x.example'],
    ['no domain dot', 'a@localhost'],
    ['an IP literal', 'a@[127.0.0.1]'],
    ['a leading dot', '.a@x.example'],
    ['double dots', 'a..b@x.example'],
    ['a numeric TLD', 'a@x.123'],
    ['a label with a hyphen at the end', 'a@x-.example'],
    ['too long', `${'a'.repeat(250)}@x.example`],
    ['a local part over 64', `${'a'.repeat(65)}@x.example`],
    ['a route', '@relay.example:a@x.example'],
    ['unicode line separator', 'a@x.example\u2028'],
  ])('rejects %s', (_, a) => expect(isMailAddress(a)).toBe(false));
});
