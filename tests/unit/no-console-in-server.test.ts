import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Server code logs through server/log.mjs (JSON lines, levels, request ids, redaction), never
 * console.*. Folders are walked whole, so a file moved or added under them is covered too.
 * Command-line scripts (scripts/*.ts) print for people and are not walked, except the server's.
 */
const FOLDERS = ['app', 'db', 'lib', 'server'];
const FILES = ['instrumentation.ts', 'proxy.ts', 'scripts/server.mjs', 'scripts/serve.ts'];
const SOURCE = /\.(ts|tsx|mts|js|mjs|cjs)$/;
const CONSOLE = /\bconsole\s*\.\s*[a-zA-Z]+\s*\(/;

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return SOURCE.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts') ? [path] : [];
  });
}

describe('server code logs through the logger', () => {
  it('has no console.* call', () => {
    const files = [...FOLDERS.flatMap(sources), ...FILES.filter(existsSync)];
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (CONSOLE.test(line) && !/^\s*(\/\/|\*)/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders, 'use `log` from server/log.mjs').toEqual([]);
  });
});
