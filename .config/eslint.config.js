// ESLint flat config (run with --config from the project root: patterns are relative to the root).
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const NO_ELECTRON = { name: 'electron', message: 'Services never import electron: only src-main/index.ts, app/, ipc/electron-transport.ts and preload/index.ts do.', allowTypeImports: true }
// exceljs takes about 0.1 s to load: loaded at start it would delay every CLI command and the app's
// window. The code that needs it loads it when it runs: `await import('exceljs')`.
const NO_STATIC_EXCELJS = { name: 'exceljs', message: "Load exceljs where it is used (await import('exceljs')), not at start-up: it costs every start 0.1 s.", allowTypeImports: true }

export default tseslint.config(
  { ignores: ['out/**', 'out-*/**', 'test-results-*/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'Focused tests are not allowed.' },
        { selector: "CallExpression[callee.property.name='skip']", message: 'Skipped tests prove nothing.' },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Migrations describe history and take Kysely<any> on purpose (see src-main/db/migrations).
    files: ['src-main/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The process shows in the path: only the Electron shell and its transport may import electron.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/index.ts', 'src-main/app/**', 'src-main/ipc/electron-transport.ts', 'src-main/preload/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON, NO_STATIC_EXCELJS] }] },
  },
  {
    files: ['src-main/index.ts', 'src-main/app/**', 'src-main/ipc/electron-transport.ts', 'src-main/preload/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_STATIC_EXCELJS] }] },
  },
  {
    // The benchmark times exceljs itself; its own start-up is not timed.
    files: ['src-main/bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }] },
  },
  {
    // The contract is shared with preload and renderer: no Node built-ins.
    files: ['src-main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'crypto', 'electron', 'better-sqlite3'], message: 'src-main/contract is pure: no Node or Electron imports.' }] }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'electron', 'better-sqlite3', 'kysely'], message: 'The renderer reaches main only through src-renderer/api.', allowTypeImports: true }] }],
    },
  },
)
