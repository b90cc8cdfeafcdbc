// ESLint flat config: correctness rules for TypeScript and React, accessibility for JSX, the
// Next.js rules, and the layer rule that keeps docs/architecture.md true. Formatting belongs to
// Prettier alone (eslint-config-prettier switches off every rule that would fight it).
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import prettier from 'eslint-config-prettier/flat';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layerConfig } from './eslint/layers.mjs';

const TS_FILES = ['**/*.{ts,tsx,mts,cts}'];
const JS_FILES = ['**/*.{js,mjs,cjs,jsx}'];

export default defineConfig(
  globalIgnores([
    '.next/**',
    '.next-*/**',
    'dist/**',
    'next-env.d.ts',
    'db/migrations/**',
    'db/migrations-pg/**',
    'bench/results/**',
    'data/**',
    'coverage/**',
    'playwright-report/**',
    'test-results/**',
    'tmp/**',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  js.configs.recommended,
  // Type-aware rules catch what tsc does not (floating promises, awaiting non-promises, unsafe
  // `any` flowing out of JSON); the project service shares one program across all files.
  {
    files: TS_FILES,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Tests read response bodies as JSON and assert their shape with `expect`, and Vitest types its
    // asymmetric matchers (`expect.stringMatching`, `expect.any`) as `any`: there the assertion is
    // the type check, so the `any`-flow rules would only ask for casts. Every other rule applies.
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // The few plain JavaScript files (Next and PostCSS config, the server launcher, browser bench
  // scripts) have no type information; they get the untyped rules only.
  { files: JS_FILES, extends: [tseslint.configs.recommended, tseslint.configs.disableTypeChecked] },
  // Hook rules (with the React Compiler's purity and effect checks) only fire on components and
  // `use*` functions, and the a11y rules only on JSX, so both can safely cover every file.
  { files: [...TS_FILES, ...JS_FILES], extends: [reactHooks.configs.flat['recommended-latest'], jsxA11y.flatConfigs.recommended] },
  {
    // Pages and layouts are server components: they render once per request, so reading the clock
    // there is the request's time, not an impure re-render (client components live in components/).
    files: ['app/**/page.tsx', 'app/**/layout.tsx'],
    rules: { 'react-hooks/purity': 'off' },
  },
  {
    files: ['app/**', 'components/**', 'hooks/**'],
    extends: [nextPlugin.configs['core-web-vitals']],
    settings: { next: { rootDir: import.meta.dirname } },
  },
  layerConfig(),
  prettier,
);
