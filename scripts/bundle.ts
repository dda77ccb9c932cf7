// Compiles each process `npm start` runs into one JavaScript file with esbuild (the compiler tsx
// itself uses), so that a process loads one file instead of resolving and transforming a few
// hundred: a subgraph starts on about half the CPU it takes under tsx (measured: police's modules
// 0.6 s against 1.4 s). Packages stay in node_modules. Rebuilt only when a source changed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');

/** Where the compiled entry points go (not committed). */
export const BUNDLE_DIR = path.join(ROOT, '.build');

/** The folders and files whose content makes a bundle current. */
const SOURCES = ['shared', 'subgraphs', 'gateway', 'seed', 'web', 'scripts', 'package-lock.json'];
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
 * source folders (for `schema.graphql` and the like), so a moved clone builds again.
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

/**
 * The compiled file of each entry point (paths relative to the repository, e.g.
 * `subgraphs/police/index.ts`), building them first if any source changed since the last build.
 * Two starts at once build into separate temporary folders and the last rename wins: both are
 * built from the same sources.
 */
export async function bundleEntries(entries: string[]): Promise<Record<string, string>> {
  const hash = sourceHash();
  const outFor = (dir: string, entry: string) =>
    path.join(dir, entry.replace(/\.ts$/, '.js').replace(/[/\\]/g, '__'));
  const current = (() => {
    try {
      return fs.readFileSync(path.join(BUNDLE_DIR, 'source-hash'), 'utf8') === hash;
    } catch {
      return false;
    }
  })();
  if (!current || entries.some((e) => !fs.existsSync(outFor(BUNDLE_DIR, e)))) {
    const temp = `${BUNDLE_DIR}.${process.pid}`;
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
    fs.writeFileSync(path.join(temp, 'source-hash'), hash);
    fs.rmSync(BUNDLE_DIR, { recursive: true, force: true });
    fs.renameSync(temp, BUNDLE_DIR);
  }
  return Object.fromEntries(entries.map((e) => [e, outFor(BUNDLE_DIR, e)]));
}
