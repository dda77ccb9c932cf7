// Flat config: the recommended JavaScript and TypeScript rules, and the house's boundaries.
import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const ROOT = import.meta.dirname;

/** Every agency's subgraph folder, as the folder holds them (no list to keep in step). */
const agencies = fs
  .readdirSync(path.join(ROOT, 'subgraphs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * Who may import whom, on resolved paths (so `../../subgraphs/police` and `../police` are one
 * path). Each zone says: files under `target` import nothing under `from` (but `except`).
 */
const zones = [
  // Each agency owns its code and its data: no subgraph imports another.
  ...agencies.map((agency) => ({
    target: `./subgraphs/${agency}`,
    from: './subgraphs',
    except: [`./${agency}`],
    message: 'A subgraph imports no other subgraph: share through shared/ or the federation.',
  })),
  // The platform knows no agency, no process around it, and no tests.
  {
    target: './shared',
    from: ['./subgraphs', './gateway', './web', './seed', './scripts', './dev', './tests'],
    message:
      'shared/ is platform code: it imports no subgraph, gateway, web, seed or scripts code.',
  },
  // ... and the platform proper knows nothing of the partner kit built on it.
  {
    target: './shared/*.ts',
    from: './shared/partner',
    message: "shared/'s platform modules do not import the partner kit (shared/partner/).",
  },
  // The gateway composes the subgraphs' SDL, never their code.
  {
    target: './gateway',
    from: './subgraphs',
    message: 'The gateway imports no subgraph code: it reaches the subgraphs over HTTP.',
  },
  // The workbench's browser app talks to the gateway over HTTP, nothing else.
  {
    target: './web/app',
    from: ['./shared', './subgraphs', './gateway', './seed', './scripts', './dev', './web'],
    // The agency registry is data, read by the browser as by the servers.
    except: ['./app', './agencies.json'],
    message: 'web/app runs in the browser: it imports no server code (only the agency registry).',
  },
  // Inside socialcare the front door, the hot path, depends on neither reporting nor imports.
  {
    target: './subgraphs/socialcare/frontdoor',
    from: [
      './subgraphs/socialcare/analytics',
      './subgraphs/socialcare/exports',
      './subgraphs/socialcare/imports',
    ],
    message: "Socialcare's front door imports neither reporting (analytics, exports) nor imports.",
  },
];

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
    files: ['**/*.{ts,tsx,mjs,js}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones }],
      // No two files import each other, however far round: a cycle hides which one is the base.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // The workbench runs in the browser.
    files: ['web/app/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
