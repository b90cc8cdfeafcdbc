import { join } from 'node:path';

/** `--name value` from the command line of a bench tool, or `fallback`. */
export function argValue(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** The first `--files` (default 1) of the bench's 200,000-row ACLED parts of `--count` rows under `--work` (required). */
export function benchParts(): { work: string; parts: string[] } {
  const work = argValue('work');
  if (!work) throw new Error('--work is required');
  const files = Number(argValue('files', '1'));
  const dir = join(work, 'data', `n${Number(argValue('count', '1000000'))}-s20241215-g1`);
  return { work, parts: Array.from({ length: files }, (_, i) => join(dir, `acled-${String(i).padStart(3, '0')}.csv`)) };
}
