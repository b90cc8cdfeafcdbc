import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inputsHash, stampContent, stampPath, WORKER_ENTRIES } from '@/server/runtime/build-stamp.mjs';
import { compiledWorkerFile, workerEntry } from '@/server/runtime/worker-entry';
import { log } from '@/server/log.mjs';

/**
 * The rule that picks how a worker thread starts (server/runtime/worker-entry.ts), on scratch
 * projects: compiled when the build is current, tsx otherwise, the last build with a warning when
 * tsx is absent, and a reason (never silence) when nothing can run.
 */
let dir: string;
let n = 0;
const ON_ERROR = 'void e;';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), `fw-worker-entry-${n++}-`));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function addSource(): void {
  const source = join(dir, WORKER_ENTRIES.writer);
  mkdirSync(join(source, '..'), { recursive: true });
  writeFileSync(source, 'export {};\n');
}

function addBuild(): void {
  const compiled = compiledWorkerFile('writer', dir);
  mkdirSync(join(compiled, '..'), { recursive: true });
  writeFileSync(compiled, 'export {};\n');
  mkdirSync(join(dir, '.next'));
  writeFileSync(join(dir, '.next', 'BUILD_ID'), 'build-1');
  writeFileSync(stampPath(dir), stampContent(dir, inputsHash(dir)));
}

function addTsx(): void {
  symlinkSync(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'), 'dir');
}

/** The writer starts `how`, with start code that loads `file`. */
function expectRuns(how: 'compiled' | 'tsx', file: string): void {
  const entry = workerEntry('writer', dir, ON_ERROR);
  expect(entry).toMatchObject({ ok: true, how });
  expect(entry.ok && entry.code).toContain(file);
}

describe('workerEntry', () => {
  it('runs the compiled entry when the build is current, even where tsx is installed', () => {
    addSource();
    addTsx();
    addBuild();
    expectRuns('compiled', 'dist/workers/writer.mjs');
  });

  it('runs the sources through tsx when the build is missing or not current', () => {
    addSource();
    addTsx();
    expectRuns('tsx', 'writer-worker.ts');
    addBuild();
    // A Next.js build made after ours: the compiled workers may not match it.
    writeFileSync(join(dir, '.next', 'BUILD_ID'), 'build-2');
    expectRuns('tsx', 'writer-worker.ts');
  });

  it('without tsx, runs the last build with a warning when the build is not current', () => {
    addSource();
    addBuild();
    writeFileSync(join(dir, '.next', 'BUILD_ID'), 'build-2');
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => {});
    expect(workerEntry('writer', dir, ON_ERROR)).toMatchObject({ ok: true, how: 'stale build' });
    const [fields, msg] = warn.mock.calls[0] as unknown as [{ reason: string }, string];
    expect(fields.reason).toBe('the Next.js build was replaced');
    expect(msg).toMatch(/build is not current and tsx is not installed/);
  });

  it('says why when neither a build nor tsx can run the worker', () => {
    addSource();
    const entry = workerEntry('writer', dir, ON_ERROR);
    expect(entry.ok).toBe(false);
    expect(!entry.ok && entry.why).toMatch(/writer\.mjs is missing \(run `npm run build`\) and tsx is not installed/);
  });
});
