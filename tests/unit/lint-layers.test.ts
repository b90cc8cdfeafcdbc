import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layerConfig } from '../../eslint/layers.mjs';

// The layer rule runs on a scratch project with one module per layer, so it is tested for layers
// this tree may not have yet (server/, hooks/) and does not depend on today's imports.
const LAYER_FILES = ['lib/a.ts', 'db/a.ts', 'server/a.ts', 'hooks/a.ts', 'components/a.tsx', 'app/a.ts'];

let root: string;
let eslint: ESLint;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'fw-layers-'));
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { jsx: 'react-jsx', paths: { '@/*': ['./*'] } } }));
  for (const file of LAYER_FILES) {
    mkdirSync(join(root, dirname(file)), { recursive: true });
    writeFileSync(join(root, file), 'export const value = 1;\nexport type Shape = { n: number };\n');
  }
  eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } }, ...layerConfig(root)],
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The layer messages ESLint reports for `code` saved as `file`. */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const wrong: [string, string][] = [
  ['lib/probe.ts', "import { value } from '@/db/a';"],
  ['lib/probe.ts', "import { value } from '../db/a';"],
  ['lib/probe.ts', "export { value } from '@/server/a';"],
  ['lib/probe.ts', "export const load = () => import('@/db/a');"],
  ['lib/probe.ts', "import type { Shape } from '@/db/a';"],
  ['db/probe.ts', "import { value } from '@/server/a';"],
  ['db/probe.ts', "import { value } from '@/hooks/a';"],
  // The PostgreSQL schema is db/ too: same neighbours as the SQLite one.
  ['db/schema-pg/probe.ts', "import { value } from '@/server/a';"],
  ['server/probe.ts', "import { value } from '@/hooks/a';"],
  ['server/probe.ts', "import { value } from '../components/a';"],
  ['hooks/probe.ts', "import { value } from '@/server/a';"],
  ['hooks/probe.ts', "import { value } from '@/components/a';"],
  ['components/probe.tsx', "import { value } from '@/db/a';"],
  ['components/probe.tsx', "import { value } from '@/app/a';"],
  // Only a whole `import type` is type-only: an inline `{ type X }` still loads the module.
  ['components/probe.tsx', "import { type Shape } from '@/db/a';"],
  ['lib/probe.ts', "import 'server-only';"],
  ['lib/probe.ts', "import { useState } from 'react';"],
  ['lib/probe.ts', "import { readFileSync } from 'node:fs';"],
  ['lib/probe.ts', "import { readFileSync } from 'fs';"],
  ['lib/probe.ts', "import { NextResponse } from 'next/server';"],
  ['lib/probe.ts', "import { sql } from 'drizzle-orm';"],
  // The store boundary: above db/, a Store and db/ functions, never the engine.
  ['server/probe.ts', "import type { Db } from '@/db/connection';"],
  ['app/probe.ts', "import { sqlOf } from '../db/connection';"],
  ['server/probe.ts', "import Database from 'better-sqlite3';"],
  ['server/probe.ts', "import { sql } from 'drizzle-orm';"],
  ['app/probe.ts', "import { drizzle } from 'drizzle-orm/better-sqlite3';"],
  ['app/probe.ts', "import { getDb } from '@/db/client';"],
];

const right: [string, string][] = [
  ['lib/probe.ts', "import { value } from '@/lib/a';"],
  ['lib/probe.ts', "import { value } from './a';"],
  ['lib/probe.ts', "import { z } from 'zod';"],
  ['db/probe.ts', "import { value } from '@/lib/a';"],
  [
    'db/schema-pg/probe.ts',
    "import { value } from '@/lib/a';\nimport { value as v } from '../a';\nimport { pgTable } from 'drizzle-orm/pg-core';",
  ],
  ['server/probe.ts', "import { value } from '@/db/a';"],
  ['server/probe.ts', "import { value } from '../lib/a';"],
  ['hooks/probe.ts', "import { value } from '@/lib/a';"],
  ['hooks/probe.ts', "import type { Shape } from '@/server/a';"],
  ['components/probe.tsx', "import { value } from '@/hooks/a';"],
  ['components/probe.tsx', "import type { Shape } from '@/db/a';"],
  ['app/probe.ts', "import { value } from '@/server/a';\nimport { value as v } from '@/components/a';"],
  ['tests/probe.ts', "import { value } from '@/db/a';\nimport { value as v } from '@/hooks/a';"],
  ['server/probe.ts', "import type { Store } from '@/db/store';"],
  ['tests/probe.ts', "import type { Db } from '@/db/connection';\nimport { sql } from 'drizzle-orm';"],
];

describe('the layer rule (npm run lint)', () => {
  it.each(wrong)('refuses %s: %s', async (file, code) => {
    const found = await problems(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^(boundaries\/dependencies|no-restricted-imports): /);
  });

  it.each(right)('allows %s: %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });

  it('names both layers in its message', async () => {
    expect(await problems('lib/probe.ts', "import { value } from '@/db/a';")).toEqual([
      'boundaries/dependencies: Layer rule: lib/ must not import db/ (docs/architecture.md says who may import whom).',
    ]);
  });
});
