// The layer rule: which folder may import which, as drawn in docs/architecture.md.
// eslint-plugin-boundaries classifies every file by folder and resolves each import (relative or
// through the `@/` alias, via the TypeScript resolver) before comparing, so `../../db/x` and
// `@/db/x` are the same dependency; a path-string rule could not see that. It also tells type-only
// imports apart, which the browser layers need for API types.
import { builtinModules } from 'node:module';
import path from 'node:path';
import boundaries from 'eslint-plugin-boundaries';

const ROOT = path.resolve(import.meta.dirname, '..');
const LIB_MESSAGE = 'lib/ is pure domain code shared by server and browser; move this to server/, db/ or hooks/.';

/** Folders that are layers; each is one element, so imports inside a folder are never checked. */
const LAYERS = ['lib', 'db', 'server', 'hooks', 'components', 'app', 'scripts', 'bench', 'tests'];

/** Who may import whom (value imports). Consumers at the top may import anything. */
const ALLOWED = {
  lib: ['lib'],
  db: ['lib'],
  server: ['lib', 'db'],
  hooks: ['lib'],
  components: ['lib', 'hooks'],
  app: LAYERS,
  scripts: LAYERS,
  bench: LAYERS,
  tests: LAYERS,
};

/** Browser layers may still name the server's API types: `import type` leaves no code behind (an inline `{ type X }` does not count). */
const TYPE_ONLY = { hooks: ['db', 'server'], components: ['db', 'server'] };

/** lib/ runs in the browser and in workers alike: no server, database, React or Node modules. */
const LIB_FORBIDDEN_MODULES = [
  'server-only',
  'client-only',
  'react',
  'react-dom',
  'next',
  '@tanstack/react-query',
  'better-sqlite3',
  'pg',
  'drizzle-orm',
  ...builtinModules.filter((name) => !name.startsWith('_')),
];

/**
 * The store boundary (docs/architecture.md): above db/, code holds a Store (db/store.ts) and never
 * the engine, so a second one can be put behind the same functions. tests/ and bench/ may use the
 * internals for their assertions. tests/unit/store-boundary.test.ts also covers import() and `$client`.
 */
const ABOVE_DB = ['app/**', 'server/**', 'scripts/**', 'hooks/**', 'components/**', 'instrumentation.ts', 'proxy.ts'];
const STORE_MESSAGE = 'Above db/, hold a Store (db/store.ts) and call db/ functions with it; the engine stays inside db/.';

const policies = [
  ...Object.entries(ALLOWED).map(([from, to]) => ({
    from: { element: { type: from } },
    allow: { to: { element: { type: to } } },
  })),
  ...Object.entries(TYPE_ONLY).map(([from, to]) => ({
    from: { element: { type: from } },
    allow: { to: { element: { type: to } }, dependency: { kind: 'type' } },
  })),
];

/**
 * The layer rule as ESLint config. `root` is the project folder (a test passes a scratch project);
 * `@/` resolves through that folder's tsconfig.json.
 * @param {string} [root]
 * @returns {import('eslint').Linter.Config[]}
 */
export function layerConfig(root = ROOT) {
  return [
    {
      files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs,jsx}'],
      plugins: { boundaries },
      settings: {
        'boundaries/root-path': root,
        'boundaries/elements': LAYERS.map((type) => ({ type, pattern: type, partialMatch: false })),
        // `export … from` and `import()` are dependencies too, not only `import` statements.
        'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
        'import/resolver': {
          typescript: { project: path.join(root, 'tsconfig.json'), alwaysTryTypes: true },
          node: true,
        },
      },
      rules: {
        'boundaries/dependencies': [
          'error',
          {
            default: 'disallow',
            message:
              'Layer rule: {{from.element.type}}/ must not import {{to.element.type}}/ (docs/architecture.md says who may import whom).',
            policies,
          },
        ],
      },
    },
    {
      files: ['lib/**'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: LIB_FORBIDDEN_MODULES.map((name) => ({ name, message: LIB_MESSAGE })),
            patterns: [
              {
                group: ['node:*', 'next/*', 'react/*', 'react-dom/*', 'drizzle-orm/*', ...builtinModules.map((name) => `${name}/*`)],
                message: LIB_MESSAGE,
              },
            ],
          },
        ],
      },
    },
    {
      files: ABOVE_DB,
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [
              { name: 'better-sqlite3', message: STORE_MESSAGE },
              { name: 'pg', message: STORE_MESSAGE },
              { name: 'drizzle-orm', message: STORE_MESSAGE },
              { name: '@/db/client', importNames: ['getDb'], message: `${STORE_MESSAGE} Use getStore().` },
            ],
            patterns: [
              {
                group: [
                  'drizzle-orm/*',
                  'pg-*',
                  '@/db/connection',
                  '**/db/connection',
                  '@/db/engine',
                  '**/db/engine',
                  '@/db/pg/*',
                  '**/db/pg/*',
                ],
                message: STORE_MESSAGE,
              },
            ],
          },
        ],
      },
    },
  ];
}
