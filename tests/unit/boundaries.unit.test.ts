import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// The house's boundaries as a specification: who may import whom (eslint.config.mjs, enforced by
// `npm run lint`), and no file reaching itself through its imports.

const ROOT = path.resolve(__dirname, '../..');
const RULE = 'import-x/no-restricted-paths';

const ESLINT_BIN = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** A file that imports `specifier` and nothing else, as if written at `file`. */
type Probe = [file: string, specifier: string];

const probeSource = (specifier: string) => `import * as probe from '${specifier}';\nvoid probe;\n`;

/**
 * The boundary messages `npm run lint` (the repository's own ESLint config) gives each probe. One
 * child process lints them all: ESLint loads its flat config as an ES module, which jest's module
 * system does not run.
 */
function boundaryErrors(probes: readonly Probe[]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const probes = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} });
      const out = [];
      for (const [file, source] of probes) {
        const [result] = await eslint.lintText(source, { filePath: require('node:path').join(${JSON.stringify(ROOT)}, file) });
        out.push(result.messages.filter((m) => m.ruleId === ${JSON.stringify(RULE)}).map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  const run = spawnSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    input: JSON.stringify(probes.map(([file, specifier]) => [file, probeSource(specifier)])),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}

const REFUSED: [file: string, specifier: string, message: string][] = [
  ['subgraphs/police/probe.ts', '../socialcare/clocks', 'A subgraph imports no other subgraph'],
  ['subgraphs/socialcare/frontdoor/probe.ts', '../../health/access', 'no other subgraph'],
  ['subgraphs/education/probe.ts', '../../subgraphs/police/access', 'no other subgraph'],
  ['shared/probe.ts', '../subgraphs/socialcare/clocks', 'shared/ is platform code'],
  ['shared/partner/probe.ts', '../../subgraphs/police/access', 'shared/ is platform code'],
  ['shared/probe.ts', '../gateway/gateway', 'shared/ is platform code'],
  ['shared/probe.ts', '../web/server', 'shared/ is platform code'],
  ['shared/probe.ts', '../seed/files', 'shared/ is platform code'],
  ['shared/probe.ts', '../scripts/running', 'shared/ is platform code'],
  ['shared/probe.ts', '../dev/dev-issuer', 'shared/ is platform code'],
  ['shared/probe.ts', './partner/matching', 'do not import the partner kit'],
  ['gateway/probe.ts', '../subgraphs/police/server', 'The gateway imports no subgraph code'],
  ['web/app/src/probe.ts', '../../../shared/auth', 'web/app runs in the browser'],
  ['web/app/src/probe.ts', '../../server', 'web/app runs in the browser'],
  ['subgraphs/socialcare/frontdoor/probe.ts', '../analytics/period', 'front door imports neither'],
  ['subgraphs/socialcare/frontdoor/probe.ts', '../exports/csv', 'front door imports neither'],
  ['subgraphs/socialcare/frontdoor/probe.ts', '../imports/rows', 'front door imports neither'],
];

const ALLOWED: Probe[] = [
  ['subgraphs/police/probe.ts', '../../shared/partner/matching'],
  ['subgraphs/socialcare/frontdoor/probe.ts', '../clocks'],
  ['subgraphs/socialcare/analytics/probe.ts', '../frontdoor/clocks'],
  ['shared/partner/probe.ts', '../access'],
  ['gateway/probe.ts', '../shared/auth'],
  ['web/app/src/probe.ts', './codes'],
  ['seed/probe.ts', '../subgraphs/socialcare/clocks'],
  ['scripts/probe.ts', '../subgraphs/police/server'],
];

describe('npm run lint refuses an import across a boundary', () => {
  let refused: string[][];
  let allowed: string[][];
  beforeAll(() => {
    const errors = boundaryErrors([...REFUSED.map(([f, s]): Probe => [f, s]), ...ALLOWED]);
    refused = errors.slice(0, REFUSED.length);
    allowed = errors.slice(REFUSED.length);
  }, 120_000);

  it.each(REFUSED.map((row, i) => [...row, i] as const))(
    '%s importing %s',
    (_file, _specifier, message, i) => {
      expect(refused[i]).toEqual([expect.stringContaining(message)]);
    },
  );

  it.each(ALLOWED.map((row, i) => [...row, i] as const))('but lets %s import %s', (_f, _s, i) => {
    expect(allowed[i]).toEqual([]);
  });

  it('fails the command itself, with a non-zero status', () => {
    const run = spawnSync(
      process.execPath,
      [ESLINT_BIN, '--stdin', '--stdin-filename', 'shared/probe.ts'],
      {
        cwd: ROOT,
        input: "import * as probe from '../subgraphs/police/server';\nvoid probe;\n",
        encoding: 'utf8',
      },
    );
    expect({ status: run.status, rule: run.stdout.includes(RULE) }).toEqual({
      status: 1,
      rule: true,
    });
  }, 60_000);
});

/**
 * Every file's relative imports (type-only ones too: a cycle of types still hides which module is
 * the base), as edges between repository files.
 */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), 'utf8'));
    const edges: string[] = [];
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const base = path.posix.join(path.posix.dirname(file), fileName);
      const hit = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((f) => known.has(f));
      if (hit) edges.push(hit);
    }
    graph.set(file, edges);
  }
  return graph;
}

/** The cycles of a graph: its strongly connected components of more than one file, or a self-import. */
function cycles(graph: Map<string, string[]>): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    order.set(v, order.size);
    low.set(v, order.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, order.get(w)!));
      }
    }
    if (low.get(v) !== order.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return found;
}

/** The repository's TypeScript sources, as git lists them. */
function sources(): string[] {
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).stdout;
  return listed.split('\n').filter((f) => /\.tsx?$/.test(f) && fs.existsSync(path.join(ROOT, f)));
}

describe('import cycles', () => {
  it('are found, however far round and through type-only imports', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
      ['e.ts', ['e.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
  });

  it('exist nowhere in the repository', () => {
    const files = sources();
    expect(files.length).toBeGreaterThan(100);
    expect(cycles(importGraph(files))).toEqual([]);
  });
});
