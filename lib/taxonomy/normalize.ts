const folded = new Map<string, string>();

/** Lowercase, strip diacritics, collapse everything that is not a letter or digit to one space. */
export function foldName(s: string): string {
  // Imports fold the same few admin names and actor codes hundreds of thousands of times.
  let f = folded.get(s);
  if (f === undefined) {
    f = s
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    if (folded.size >= 10_000) folded.clear();
    folded.set(s, f);
  }
  return f;
}

/** URL-safe slug from a name: `Hafiz Gul Bahadur Group` → `hafiz-gul-bahadur-group`. */
export function slugify(s: string): string {
  return foldName(s).replace(/ /g, '-').slice(0, 64) || 'unnamed';
}
