/**
 * How a worker thread of ours starts, decided explicitly, in one place, for the writer thread and
 * the import's parsing worker:
 * 1. the compiled entry (dist/workers/<name>.mjs) when the build is current: production, and any
 *    checkout built from the sources as they are;
 * 2. else the TypeScript source through tsx (server/workers/tsx-worker.ts): development and tests;
 * 3. else the compiled entry of an older build, with a warning: a production install without
 *    tsx whose sources changed after `npm run build` (the server running is that build too);
 * 4. else no worker, with the reason, for the caller to log and fall back.
 * Either way the worker gets eval'd source whose load failure runs `onError`, so a broken entry is
 * reported as a message and not only as silence.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsxWorkerSource } from '@/server/workers/tsx-worker';
import { BUILD_DIR, buildState, WORKER_ENTRIES } from './build-stamp.mjs';
import { log } from '../log.mjs';

export type WorkerName = keyof typeof WORKER_ENTRIES;

export type WorkerEntry = { ok: true; code: string; how: 'compiled' | 'tsx' | 'stale build' } | { ok: false; why: string };

/** The compiled file of worker `name` in `projectDir` (which need not exist). */
export function compiledWorkerFile(name: WorkerName, projectDir: string): string {
  return join(/*turbopackIgnore: true*/ projectDir, BUILD_DIR, 'workers', `${name}.mjs`);
}

/**
 * Source for `new Worker(code, { eval: true })` that runs worker `name` of the project in
 * `projectDir`; `onError` is JavaScript run with the failure bound to `e`.
 */
export function workerEntry(name: WorkerName, projectDir: string, onError: string): WorkerEntry {
  const compiled = compiledWorkerFile(name, projectDir);
  const hasCompiled = existsSync(compiled);
  const state = buildState(projectDir);
  if (hasCompiled && state.current) return { ok: true, code: importSource(compiled, onError), how: 'compiled' };
  const source = join(/*turbopackIgnore: true*/ projectDir, WORKER_ENTRIES[name]);
  const tsx = existsSync(source) ? tsxWorkerSource(source, join(/*turbopackIgnore: true*/ projectDir, 'package.json'), onError) : null;
  if (tsx !== null) return { ok: true, code: tsx, how: 'tsx' };
  if (hasCompiled) {
    log.warn(
      { component: 'worker', worker: name, reason: 'reason' in state ? state.reason : 'stale', file: compiled },
      'the build is not current and tsx is not installed: the worker runs the last build',
    );
    return { ok: true, code: importSource(compiled, onError), how: 'stale build' };
  }
  return {
    ok: false,
    why: `${compiled} is missing (run \`npm run build\`) and ${existsSync(source) ? 'tsx is not installed to run the sources' : `${source} is missing`}`,
  };
}

function importSource(file: string, onError: string): string {
  return `import(${JSON.stringify(pathToFileURL(file).href)}).catch((e) => {
  ${onError}
});`;
}
