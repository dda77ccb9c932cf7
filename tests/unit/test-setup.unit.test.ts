import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

// The test suite's own set-up (tests/support/globalSetup.ts): a test file run alone must find
// what it needs on either engine.
describe('the test global set-up', () => {
  let tmp: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mash-setup-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('prepares the PGlite template even when the tests run on PostgreSQL', () => {
    // In a process of its own with a fresh temporary folder, so no earlier run's template counts.
    const run = spawnSync(
      path.join(ROOT, 'node_modules', '.bin', 'tsx'),
      [
        '-e',
        `const t = require('./tests/support/template');
         require('./tests/support/globalSetup').default()
           .then(() => console.log(require('node:fs').existsSync(t.TEMPLATE_FILE), t.TEMPLATE_FILE));`,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, TMPDIR: tmp, TEST_DATABASE_URL: 'postgres://127.0.0.1:1/unused' },
      },
    );
    expect({
      status: run.status,
      stdout: run.stdout.trim().replace(/-[^-]+\.tar$/, '.tar'),
    }).toEqual({ status: 0, stdout: `true ${path.join(tmp, 'mash-pglite-template.tar')}` });
  });
});
