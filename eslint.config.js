// Lint rules that keep the layers true (docs/architecture.md). The import boundaries are rules, not
// prose: a broken boundary fails `npm run lint`, which `npm test` and CI run.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const features = readdirSync('src/features', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** Our code above the domain core (src/shared is handled apart: its schema types are allowed). */
const notDomain = [
  './src/features',
  './src/app',
  './src/bot',
  './src/server',
  './src/cli',
  './src/provisioning',
  './src/demo',
  './src/config',
  './src/register-io',
];
const nodeOnly = ['./src/bot', './src/server', './src/cli', './src/provisioning', './src/demo', './src/config', './src/register-io'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'appPackage/build/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      // The code talks to SharePoint's untyped JSON in places; `any` stays a reviewed choice, not an error.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-useless-path-segments': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // The domain core depends on nothing of ours but the schema (types only, see below).
            { target: './src/domain', from: notDomain, message: 'src/domain imports nothing of ours but the schema types.' },
            {
              target: './src/domain',
              from: './src/shared',
              except: ['./schema'],
              message: 'src/domain imports nothing of ours but the schema types.',
            },
            // shared is used by everything and uses nothing above it.
            {
              target: './src/shared',
              from: ['./src/features', './src/app', ...nodeOnly],
              message: 'src/shared is shared by the tab, bot, jobs and CLIs: it imports no feature, app or Node-only code.',
            },
            // Features do not import each other; src/app composes them.
            ...features.map((name) => ({
              target: `./src/features/${name}`,
              from: './src/features',
              except: [`./${name}`],
              message: 'Features do not import each other: move what they share to src/shared (or src/domain).',
            })),
            { target: './src/features', from: ['./src/app', ...nodeOnly], message: 'Features import shared and domain code only.' },
            // The tab never pulls Node-only code into the browser bundle.
            { target: './src/app', from: nodeOnly, message: 'The tab runs in the browser: no Node-only code.' },
          ],
        },
      ],
    },
  },
  {
    // The domain core is pure: no I/O, no clock, no framework. "now" and settings are parameters.
    files: ['src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto'], message: 'src/domain is pure: no Node APIs.' },
            { group: ['react', 'react-*', '@fluentui/*', '@tanstack/*'], message: 'src/domain is pure: no UI.' },
            { group: ['@pnp/*', '@microsoft/*', '@azure/*', 'better-sqlite3'], message: 'src/domain is pure: no I/O.' },
            {
              group: ['**/shared/schema/*', '**/manifest/*'],
              allowTypeImports: true,
              message: 'src/domain may use the schema’s types only.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass "now" in; src/domain reads no clock.',
        },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass "now" in; src/domain reads no clock.' },
        { selector: "MemberExpression[object.name='process']", message: 'src/domain reads no environment; pass settings in.' },
        { selector: "CallExpression[callee.name='fetch']", message: 'src/domain does no I/O.' },
      ],
    },
  },
  {
    files: ['src/app/**/*.tsx', 'src/features/**/*.tsx', 'src/shared/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // Pages fetch through their feature's api/ module (fetcher + queryOptions + hook in one file).
    files: ['src/features/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@tanstack/react-query',
              importNames: ['useQuery', 'useSuspenseQuery', 'useQueries'],
              message: 'Call the hook from the feature’s api/ module instead of writing useQuery in a component.',
            },
          ],
        },
      ],
    },
  },
);
