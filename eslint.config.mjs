// Flat config: the recommended JavaScript and TypeScript rules, nothing project-specific yet.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      'test-artifacts/**',
      'web/dist/**',
      '.build/**',
      'scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The workbench runs in the browser.
    files: ['web/app/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
