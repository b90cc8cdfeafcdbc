import { join } from 'node:path';

/** `--name value` from the command line, or `fallback`. */
export const argOf = (name: string, fallback?: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

/**
 * The arguments shared by the import cost scripts: the bench work dir (`--work`, required) and the
 * first `--files` of its 200,000-row parts of the `--count` dataset.
 */
export function importCostParts(): { work: string; parts: string[] } {
  const work = argOf('work');
  if (!work) throw new Error('--work is required');
  const files = Number(argOf('files', '1'));
  const dir = join(work, 'data', `n${Number(argOf('count', '1000000'))}-s20241215-g1`);
  return { work, parts: Array.from({ length: files }, (_, i) => join(dir, `acled-${String(i).padStart(3, '0')}.csv`)) };
}
