/**
 * What `npm run build` compiles besides Next.js, where it puts it, and whether that output is
 * current. Plain JavaScript: the launchers (scripts/run.mjs, scripts/start.mjs) read it before
 * anything is compiled and without a TypeScript loader, and the server reads it when it picks a
 * worker entry (server/runtime/worker-entry.ts).
 *
 * The output lives in `dist/` at the project root rather than under `.next/`: `next build` empties
 * its own folder first, and the bench builds Next.js into other folders (NEXT_DIST_DIR) while the
 * compiled server and workers stay one set per checkout.
 *
 * The paths here are the project's, read at run time: `turbopackIgnore` keeps the Next.js build
 * from tracing (and copying into its output) the whole project for them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The folder `npm run build` compiles into (gitignored), relative to the project. */
export const BUILD_DIR = 'dist';
const STAMP_FILE = 'build-stamp.json';

/** Command-line entry points: `npm run <script>` → scripts/<file>.ts, compiled to dist/bin/<file>.mjs. */
export const CLI_ENTRIES = [
  'serve',
  'db-migrate',
  'seed',
  'import',
  'simulate',
  'token-create',
  'user-create',
  'db-backup',
  'db-restore',
  'db-copy',
  'intake',
  'digest',
];

/** Worker thread entry points by name, compiled to dist/workers/<name>.mjs. */
export const WORKER_ENTRIES = {
  writer: 'server/writer/writer-worker.ts',
  import: 'server/import/worker.ts',
};

/**
 * What a build is made from: the folders and files whose content decides its output. Tests, bench,
 * docs and data are not among them, so editing those never makes `npm start` rebuild.
 */
const INPUT_DIRS = ['app', 'components', 'db', 'hooks', 'lib', 'public', 'scripts', 'server'];
const INPUT_FILES = [
  'instrumentation.ts',
  'middleware.ts',
  'next.config.js',
  'package-lock.json',
  'package.json',
  'postcss.config.mjs',
  'proxy.ts',
  'tsconfig.json',
];

function listFiles(projectDir, rel, out) {
  let entries;
  try {
    entries = readdirSync(join(/*turbopackIgnore: true*/ projectDir, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const child = `${rel}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') listFiles(projectDir, child, out);
    } else if (e.isFile()) out.push(child);
  }
}

/**
 * SHA-256 over the build's inputs (relative paths and contents): ~8 ms on an idle machine. Not
 * remembered, so a long-running process (`next dev`) sees edits made after it started.
 * @param {string} projectDir
 * @returns {string}
 */
export function inputsHash(projectDir) {
  const files = INPUT_FILES.filter((f) => existsSync(join(/*turbopackIgnore: true*/ projectDir, f)));
  for (const dir of INPUT_DIRS) listFiles(projectDir, dir, files);
  files.sort();
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(`${f}\0`);
    hash.update(readFileSync(join(/*turbopackIgnore: true*/ projectDir, f)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The Next.js output folder (next.config.js reads the same variable). */
export function nextDistDir() {
  return process.env.NEXT_DIST_DIR || '.next';
}

function readBuildId(projectDir, distDir) {
  try {
    return readFileSync(join(/*turbopackIgnore: true*/ projectDir, distDir, 'BUILD_ID'), 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * Records that the build made from `inputs` (hashed before it started) is complete.
 * @param {string} projectDir
 * @param {string} inputs
 */
export function stampContent(projectDir, inputs) {
  return JSON.stringify({ inputs, nextDistDir: nextDistDir(), nextBuildId: readBuildId(projectDir, nextDistDir()) }, null, 1) + '\n';
}

export function stampPath(projectDir) {
  return join(/*turbopackIgnore: true*/ projectDir, BUILD_DIR, STAMP_FILE);
}

/**
 * Whether the compiled output matches the sources as they are now: a stamp written by a finished
 * `npm run build`, from the same inputs, beside the Next.js build it was made with.
 * @param {string} projectDir
 * @returns {{ current: true } | { current: false, reason: string }}
 */
export function buildState(projectDir) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath(projectDir), 'utf8'));
  } catch {
    return { current: false, reason: 'no build' };
  }
  if (stamp.nextDistDir !== nextDistDir()) return { current: false, reason: `built for ${stamp.nextDistDir}, not ${nextDistDir()}` };
  const buildId = readBuildId(projectDir, nextDistDir());
  if (!buildId || buildId !== stamp.nextBuildId) return { current: false, reason: 'the Next.js build was replaced' };
  if (stamp.inputs !== inputsHash(projectDir)) return { current: false, reason: 'the sources changed since the build' };
  return { current: true };
}
