/** Lowercase, strip diacritics, collapse everything that is not a letter or digit to one space. */
export function foldName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** URL-safe slug from a name: `Hafiz Gul Bahadur Group` → `hafiz-gul-bahadur-group`. */
export function slugify(s: string): string {
  return foldName(s).replace(/ /g, '-').slice(0, 64) || 'unnamed';
}
