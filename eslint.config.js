// The project's conventions, checked on every `npm test` so they hold themselves (DESIGN.md, rule 12).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'stream', 'zlib']

/** Import boundaries: each entry forbids some imports to the files it names. */
function forbid(files, patterns, ignores = []) {
  return { files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } }
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test/fixtures/**/*.sqlite', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  { files: ['scripts/**', 'test/**'], rules: { 'no-console': 'off' } },

  // The renderer is DOM only: nothing from the main process, Electron or Node.
  forbid(
    ['renderer/**'],
    [
      {
        group: ['electron', ...NODE_BUILTINS],
        message: 'The renderer runs in a sandboxed page: no Electron or Node here.',
      },
      { group: ['**/electron/**'], message: 'The renderer reaches the main process only through lib/api.ts.' },
    ],
  ),
  // Features import one way: the app shell uses features, never the other way round.
  forbid(
    ['renderer/src/features/**', 'renderer/src/components/**', 'renderer/src/lib/**'],
    [
      {
        group: ['electron', ...NODE_BUILTINS],
        message: 'The renderer runs in a sandboxed page: no Electron or Node here.',
      },
      { group: ['**/electron/**'], message: 'The renderer reaches the main process only through lib/api.ts.' },
      {
        group: ['**/app/*', '**/app'],
        message: 'Features, components and lib do not import the app shell (it imports them).',
      },
    ],
  ),
  // shared/ is pure TypeScript used by both sides.
  forbid(
    ['shared/**'],
    [
      {
        group: ['electron', 'kysely', 'better-sqlite3*', 'react', 'react-*', ...NODE_BUILTINS],
        message: 'shared/ is pure TypeScript for both sides.',
      },
      { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports neither side.' },
    ],
  ),
  // The app core is plain Node; Kysely lives in repositories, table modules and db/.
  forbid(
    ['electron/app/**'],
    [
      { group: ['electron'], message: 'electron/app is plain Node; Electron glue lives in electron/main.' },
      { group: ['kysely'], message: 'SQL lives in repositories (and db/): services call a repository.' },
      { group: ['**/renderer/**'], message: 'The main process does not import the renderer.' },
    ],
    [
      'electron/app/**/*.repository.ts',
      'electron/app/**/*.table.ts',
      'electron/app/db/**',
      'electron/app/context.ts',
      'electron/app/router.ts',
    ],
  ),
  forbid(
    [
      'electron/app/**/*.repository.ts',
      'electron/app/**/*.table.ts',
      'electron/app/db/**',
      'electron/app/context.ts',
      'electron/app/router.ts',
    ],
    [
      { group: ['electron'], message: 'electron/app is plain Node; Electron glue lives in electron/main.' },
      { group: ['**/renderer/**'], message: 'The main process does not import the renderer.' },
    ],
  ),
  // The preload is sandboxed: Electron's own modules only.
  forbid(
    ['electron/preload/**'],
    [{ group: ['*', '!electron'], message: 'A sandboxed preload imports nothing but electron.' }],
  ),
)
