import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The app's sources (React, TypeScript) and where the built app goes. */
export const WEB_APP_DIR = path.join(__dirname, 'app');
export const WEB_DIST_DIR = path.join(__dirname, 'dist');
const STAMP = '.source-hash';

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? sourceFiles(full) : [full];
    })
    .sort();
}

/** A hash of every source file's path and content: the build is current when its stamp matches. */
function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles(WEB_APP_DIR)) {
    hash.update(path.relative(WEB_APP_DIR, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

/**
 * Builds the workbench with Vite into web/dist unless the build there was made from the same
 * sources (a content hash, so a fresh clone or a pull rebuilds and nothing else does). Returns
 * whether it built. Production builds only: no dev server, nothing watches files.
 */
export async function buildWeb(
  options: { force?: boolean; quiet?: boolean } = {},
): Promise<boolean> {
  const hash = sourceHash();
  const stamp = path.join(WEB_DIST_DIR, STAMP);
  if (!options.force && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) {
    return false;
  }
  // Vite's CLI in a child process: Vite is ESM-only, and this file is loaded as CommonJS by jest.
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const args = [vite, 'build', '--config', path.join(WEB_APP_DIR, 'vite.config.mjs')];
  if (options.quiet) args.push('--logLevel', 'error');
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
  fs.writeFileSync(stamp, hash);
  return true;
}
