/**
 * What may reach a mail header. Subjects, names and filter labels come from users and data
 * (group names, saved-view names); one CR or LF in a header value would let them add headers
 * or a whole body, so every subject and address passes through here before composition.
 */

/** Longest header text we put in a subject (RFC 5322 asks for lines under 998 characters; encoded words grow). */
export const MAX_HEADER_TEXT = 200;
/** RFC 5321: a forward path is at most 256 characters, so an address at most 254. */
const MAX_ADDRESS = 254;

// C0 and C1 controls, DEL, and the Unicode line/paragraph separators and bidi overrides that
// some clients render as line breaks or use to disguise a subject.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `s` as one line of header text: controls become spaces, runs of spaces collapse, capped at MAX_HEADER_TEXT with an ellipsis. */
export function safeHeaderText(s: string, max = MAX_HEADER_TEXT): string {
  const flat = s.replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  // Cut on a code point boundary so no lone surrogate is left behind.
  const cut = Array.from(flat.slice(0, max - 1)).join('');
  return `${cut.replace(/[\uD800-\uDBFF]$/, '').trimEnd()}…`;
}

// A deliberately plain subset of RFC 5321: dot-atom local part, a hostname of LDH labels with a
// letter TLD (or punycode). No quoted local parts, comments, display names, groups or IP literals:
// those are exactly what header-injection and address-confusion tricks are built from.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TLD = /^([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** True for exactly one plain address `local@domain.tld` (no name, no `<>`, no comma, no whitespace or controls). */
export function isMailAddress(s: string): boolean {
  if (typeof s !== 'string' || s.length === 0 || s.length > MAX_ADDRESS) return false;
  const at = s.lastIndexOf('@');
  if (at <= 0 || at !== s.indexOf('@')) return false;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || domain.length > 253) return false;
  return labels.every((l) => LABEL.test(l)) && TLD.test(labels.at(-1)!);
}

/** `s` if it is a plain address, else a RangeError naming `field`: for composers, which must never send to a doubtful address. */
export function mailAddress(s: string, field = 'to'): string {
  if (!isMailAddress(s)) throw new RangeError(`${field}: not a single plain email address`);
  return s;
}

/** True for a header name of printable ASCII without a colon (RFC 5322 field-name). */
export function isHeaderName(s: string): boolean {
  return /^[!-9;-~]{1,76}$/.test(s);
}
