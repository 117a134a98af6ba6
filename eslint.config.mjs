import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { CLIENT, RANKS, libImports } from './lint/layers.mjs';

const LIB = [...Object.keys(RANKS), 'ui'];
const lib = (folder) => `lib-${folder}`;
const anyOf = (types) => ({ element: { types: { anyOf: types } } });
const TOP = ['app', 'components', ...LIB.map(lib)];

/** The import-boundary rule: which element may import which (the layers are in lint/layers.mjs). */
const policies = [
  { allow: { to: { module: { origin: ['external', 'core'] } } } },
  ...LIB.map((folder) => ({ from: { element: { type: lib(folder) } }, allow: { to: anyOf([folder, ...libImports(folder)].map(lib)) } })),
  // components/ render: lib/ui and the client-safe layers, never app/ or server parts.
  { from: { element: { type: 'components' } }, allow: { to: anyOf(['components', lib('ui'), ...CLIENT.map(lib)]) } },
  // They show the signed-in user, so they may name auth's types, but not run its code.
  { from: { element: { type: 'components' } }, allow: { to: { element: { type: lib('auth') } }, dependency: { kind: 'type' } } },
  // app/, the boot hook and scripts sit on top of every layer; benchmarks also use test helpers.
  { from: { element: { types: { anyOf: ['app', 'scripts'] } } }, allow: { to: anyOf(TOP) } },
  { from: { file: { categories: 'entry' } }, allow: { to: anyOf(TOP) } },
  { from: { element: { type: 'bench' } }, allow: { to: anyOf([...TOP, 'bench', 'lib-testing']) } },
  // Tests and test helpers exercise whole stacks; nothing else may import them.
  { from: { file: { categories: 'test' } }, allow: [{ to: { element: { types: '*' } } }, { to: { file: { categories: 'test' } } }, { to: { file: { categories: 'entry' } } }] },
];

export default tseslint.config(
  { ignores: ['.next/**', 'node_modules/**', 'stack/**', 'flink/target/**', 'cluster/var/**', 'e2e/artifacts/**', 'playwright-report/**', 'test-results/**', 'next-env.d.ts', '.venv-schemathesis/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  nextPlugin.configs['core-web-vitals'],
  {
    rules: {
      // `const { secret: _secret, ...rest } = x` is how we drop a field.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: globals.node } },
  // Static scripts for other sites' pages (public/embed.js): browser globals, no Node.
  { files: ['public/**/*.js'], languageOptions: { globals: globals.browser, sourceType: 'script' } },
  {
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { alwaysTryTypes: true, project: './tsconfig.json' } },
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import', 'require'],
      'boundaries/include': ['app/**', 'components/**', 'lib/**', 'scripts/**', 'bench/**', 'e2e/**', 'flink/**', 'cluster/**', 'instrumentation.ts', 'proxy.ts'],
      'boundaries/elements': [
        ...LIB.map((folder) => ({ type: lib(folder), pattern: `lib/${folder}` })),
        { type: 'lib-testing', pattern: 'lib/testing' },
        { type: 'components', pattern: 'components' },
        { type: 'app', pattern: 'app' },
        { type: 'scripts', pattern: ['scripts', 'flink', 'cluster'] },
        { type: 'bench', pattern: 'bench' },
      ],
      'boundaries/files': [
        { category: 'test', pattern: ['**/*.test.ts', '**/*.test.tsx', 'lib/testing/**', 'e2e/**'] },
        { category: 'entry', pattern: ['instrumentation.ts', 'proxy.ts'] },
      ],
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies }],
    },
  },
);
