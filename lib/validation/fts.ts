/**
 * Turns free text into a safe FTS5 MATCH expression: every word becomes a quoted prefix
 * term, so operators, quotes and column filters typed by a user are searched as text
 * instead of being parsed as FTS5 syntax (which would throw). Words split wherever the
 * unicode61 tokenizer would (anything but letters and digits, `_` included), so each quoted
 * term is one token: the index keeps no positions (detail=none) and takes no phrases.
 */
export function toFtsQuery(input: string): string | null {
  const words = input
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 16);
  if (!words.length) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}
