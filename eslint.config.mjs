// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noNode = {
  patterns: [
    { group: ['node:*'], message: 'renderer/ and shared/ run without Node: no node:* imports.' },
    {
      group: ['**/electron/**', '../electron/*', '../../electron/*'],
      message: 'renderer/ and shared/ must not import electron/ (main-process code).',
    },
  ],
  paths: [
    { name: 'electron', message: 'Only electron/main and electron/preload import electron.' },
    ...['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'better-sqlite3-multiple-ciphers', 'kysely'].map(
      (name) => ({ name, message: 'Not available to the renderer or shared code.' }),
    ),
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'tests/.artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSAsExpression > TSAnyKeyword', message: 'No `as any`: prefer `satisfies` or a real type.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', noNode] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noNode] },
  },
  {
    // Everything in electron/ but main and preload is plain Node: it must run in the CLI and the browser preview.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only electron/main and electron/preload import electron; services run in plain Node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Tests run without Electron.' }] }],
    },
  },
);
