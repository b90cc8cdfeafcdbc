import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR } from './config';

const SOURCES = ['app', 'lib', 'db', 'server', 'hooks', 'components', 'next.config.js', 'package.json', 'instrumentation.ts', 'proxy.ts'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Builds the app into its own folder when there is no build or the sources changed since.
 * `next build` rewrites tsconfig.json to include its dist folder: we put the shared file back.
 */
export function ensureBuild(): void {
  const buildId = join(DIST_DIR, 'BUILD_ID');
  if (existsSync(buildId) && process.env.REL_REBUILD !== '1') {
    const built = statSync(buildId).mtimeMs;
    if (Math.max(...SOURCES.map(newestMtime)) <= built) return;
  }
  const tsconfig = readFileSync('tsconfig.json', 'utf8');
  const started = Date.now();
  // Type checking is `npm test`'s job; compile + generate builds the same server without it.
  for (const mode of ['compile', 'generate']) {
    const r = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build', `--experimental-build-mode=${mode}`], {
      env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (readFileSync('tsconfig.json', 'utf8') !== tsconfig) writeFileSync('tsconfig.json', tsconfig);
    if (r.status !== 0) throw new Error(`next build (${mode}) failed (${DIST_DIR}):\n${(r.stdout + r.stderr).slice(-4000)}`);
  }
  console.log(`[reliability] built ${DIST_DIR} in ${Math.round((Date.now() - started) / 1000)} s`);
}
