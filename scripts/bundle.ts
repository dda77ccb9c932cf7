// Compiles each process `npm start` runs into one JavaScript file with esbuild (the compiler tsx
// itself uses), so that a process loads one file instead of resolving and transforming a few
// hundred: a subgraph starts on less CPU than under tsx (measured: police about 1.0 s to listening
// against 1.4 s to load its modules under tsx). Packages stay in node_modules. Rebuilt only when
// a source changed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');

/** Where the compiled entry points go (not committed). */
export const BUNDLE_DIR = path.join(ROOT, '.build');

/** The folders and files whose content makes a bundle current. */
const SOURCES = [
  'shared',
  'dev',
  'subgraphs',
  'gateway',
  'seed',
  'web',
  'scripts',
  'package-lock.json',
];
const SKIP = new Set(['node_modules', 'app', 'dist']);

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.statSync(full).isDirectory()) return [full];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((e) => !SKIP.has(e.name))
    .flatMap((e) => sourceFiles(path.join(entry, e.name)))
    .sort();
}

/**
 * A hash of every source's path and content, and of where the repository is: a bundle names its
 * source folders (for the schema files and the like), so a moved clone builds again.
 */
function sourceHash(): string {
  const hash = createHash('sha256').update(ROOT);
  for (const file of SOURCES.flatMap(sourceFiles)) {
    hash.update(path.relative(ROOT, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

/**
 * Each module's `__dirname` and `__filename` become its own source folder and file, as under tsx:
 * in one bundle they would otherwise all name the bundle's folder.
 */
const sourcePaths: Plugin = {
  name: 'source-paths',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      return {
        loader: 'ts',
        contents: text
          .replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path)))
          .replace(/\b__filename\b/g, JSON.stringify(args.path)),
      };
    });
  },
};

/** How many builds to keep: a running system may still restart a service from an older one. */
const KEEP = 3;

/**
 * The compiled file of each entry point (paths relative to the repository, e.g.
 * `subgraphs/police/index.ts`) and the build's id (a hash of every source), building them first if
 * no build of the current sources exists.
 * Each build has a folder of its own, named by the sources' hash, and is never changed once made:
 * a running system restarting a service gets the code it started with, and two starts building at
 * once each build aside and the first rename wins (the other's is the same). Older builds are
 * pruned, the newest few kept.
 */
export async function bundleEntries(
  entries: string[],
): Promise<{ build: string; files: Record<string, string> }> {
  const hash = sourceHash().slice(0, 16);
  const dir = path.join(BUNDLE_DIR, hash);
  const outFor = (d: string, entry: string) =>
    path.join(d, entry.replace(/\.ts$/, '.js').replace(/[/\\]/g, '__'));
  if (entries.some((e) => !fs.existsSync(outFor(dir, e)))) {
    const temp = path.join(BUNDLE_DIR, `.${hash}.${process.pid}`);
    fs.rmSync(temp, { recursive: true, force: true });
    await build({
      entryPoints: Object.fromEntries(
        entries.map((e) => [path.basename(outFor(temp, e), '.js'), path.join(ROOT, e)]),
      ),
      outdir: temp,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      sourcemap: 'linked',
      tsconfig: path.join(ROOT, 'tsconfig.json'),
      plugins: [sourcePaths],
      logLevel: 'warning',
    });
    try {
      fs.renameSync(temp, dir);
    } catch {
      // Another start renamed its identical build into place first.
      fs.rmSync(temp, { recursive: true, force: true });
    }
    prune(hash);
  }
  return { build: hash, files: Object.fromEntries(entries.map((e) => [e, outFor(dir, e)])) };
}

/** Removes all but the newest `KEEP` builds (never the current one). */
function prune(current: string): void {
  const builds = fs
    .readdirSync(BUNDLE_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== current)
    .map((e) => ({ name: e.name, at: fs.statSync(path.join(BUNDLE_DIR, e.name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of builds.slice(KEEP - 1)) {
    fs.rmSync(path.join(BUNDLE_DIR, old.name), { recursive: true, force: true });
  }
}
