import { boundedMemo } from '@/lib/memo';

// Imports fold the same few admin names and actor codes hundreds of thousands of times.
/** Lowercase, strip diacritics, collapse everything that is not a letter or digit to one space. */
export const foldName = boundedMemo(
  (s: string): string =>
    s
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim(),
  { max: 10_000 },
);

/** URL-safe slug from a name: `Hafiz Gul Bahadur Group` → `hafiz-gul-bahadur-group`. */
export function slugify(s: string): string {
  return foldName(s).replace(/ /g, '-').slice(0, 64) || 'unnamed';
}
