/**
 * Runs a command-line entry point (scripts/<name>.ts) with plain `node`: the copy `npm run build`
 * compiled (dist/bin/<name>.mjs) when that build is current; else, in a development checkout, the
 * TypeScript source through tsx; else it says what to do. In-process rather than in a child, so
 * signals, exit codes and stdio are the entry's own, as when it was started directly.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD_DIR, buildState, CLI_ENTRIES } from '../../server/runtime/build-stamp.mjs';

/**
 * @param {string} name one of CLI_ENTRIES
 * @param {string[]} args its arguments
 */
export async function launch(name, args) {
  if (!CLI_ENTRIES.includes(name)) {
    console.error(`error: unknown command "${name}"; one of ${CLI_ENTRIES.join(', ')}`);
    process.exit(2);
  }
  const projectDir = process.cwd();
  const compiled = join(projectDir, BUILD_DIR, 'bin', `${name}.mjs`);
  const source = join(projectDir, 'scripts', `${name}.ts`);
  const state = buildState(projectDir);
  let entry = compiled;
  if (!state.current || !existsSync(compiled)) {
    if (!hasTsx(projectDir)) {
      const why = state.current ? `${compiled} is missing` : `the build is not current: ${state.reason}`;
      console.error(
        `error: ${why}, and tsx (a devDependency) is not installed to run the sources. Run \`npm run build\` where dev dependencies are installed.`,
      );
      process.exit(2);
    }
    const { register } = await import('tsx/esm/api');
    register();
    entry = source;
  }
  // The entry reads process.argv.slice(2), as when it is started directly.
  process.argv = [process.argv[0], entry, ...args];
  await import(pathToFileURL(entry).href);
}

function hasTsx(projectDir) {
  try {
    createRequire(join(projectDir, 'package.json')).resolve('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}
