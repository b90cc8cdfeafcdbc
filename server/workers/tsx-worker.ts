import { createRequire } from 'node:module';

/**
 * Source for `new Worker(source, { eval: true })` that runs a TypeScript module. Node 20 applies no
 * `--import` loader hooks to a worker's entry module, so the worker registers tsx itself and then
 * loads `entryFile`. tsx's CommonJS hook runs in the worker's own thread, where its ESM loader
 * would start a hooks thread per worker (the worker is ready sooner and uses less CPU).
 * `onError` is JavaScript run with the failure bound to `e` when registering or loading fails.
 * Null when tsx cannot be resolved from `resolveFrom` (a file path or file: URL).
 */
export function tsxWorkerSource(entryFile: string, resolveFrom: string | URL, onError: string): string | null {
  let tsx: string;
  try {
    tsx = createRequire(resolveFrom).resolve('tsx/cjs/api');
  } catch {
    return null;
  }
  return `try {
  require(${JSON.stringify(tsx)}).register();
  require(${JSON.stringify(entryFile)});
} catch (e) {
  ${onError}
}`;
}
