// The embedded system's start and memory, as a new user meets it: the real `npm start`, spawned in
// its own process group on a fresh temporary data directory with its own ports.
//   - cold: a fresh data directory and no build (`.build/` and `web/dist/` removed first, as on a
//     fresh clone): initdb, compile, build the workbench, generate and seed, start, first query;
//   - warm (the baseline): `npm start` again on the last cold directory, everything already there.
// For each: seconds to the "Ready in" line, the load average beside it, and the memory of every
// process of the system counted as PSS (/proc/<pid>/smaps_rollup, so pages shared between the
// PostgreSQL backends, or between the node processes, are counted once in the total), after the
// first query and after `views` combined child views sent one at a time through the gateway.
// Stopped as Ctrl-C would (SIGINT to the group); no process may be left behind.
//
//   npm run bench:start                                  (scale 1, 2 cold, 3 warm, 200 views)
//   npm run bench:start -- --start-scale 0.25 --cold-starts 1 --warm-starts 2 --views 50
// `npm run bench` runs the same as its fifth part. Writes its section to BENCHMARKS.md.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { SUBGRAPH_NAMES } from '../shared/config';
import { mintDevToken } from '../dev/dev-issuer';
import { runningServer } from '../shared/embedded-postgres';
import {
  arg,
  BREAK_GLASS,
  cell,
  CHILD_VIEW,
  DEMO_USERS,
  machine,
  runBenchmark,
  say,
  timedPost,
  writeBenchmarkSection,
} from './bench-support';
import { freePorts } from './running';

const ROOT = path.resolve(__dirname, '..');

/** The processes of the system: `npm start`'s services, and PostgreSQL's server and backends. */
export const PARTS = [...SUBGRAPH_NAMES, 'gateway', 'web', 'postgres', 'launcher'] as const;
export type Part = (typeof PARTS)[number];
const REQUIRED: Part[] = [...SUBGRAPH_NAMES, 'gateway', 'web', 'postgres'];

/** Every process's parent, from /proc. */
function parents(): Map<number, number> {
  const parent = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  return parent;
}

/** `root` and every process descended from it. */
function tree(root: number, parent: Map<number, number>): number[] {
  const found = [root];
  for (let i = 0; i < found.length; i++) {
    for (const [child, ppid] of parent) if (ppid === found[i]) found.push(child);
  }
  return found;
}

/** Which part of the system a process is, by its command line. */
function partOf(pid: number): Part {
  let cmd = '';
  try {
    cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return 'launcher';
  }
  for (const name of SUBGRAPH_NAMES) {
    if (cmd.includes(`subgraphs/${name}/index`) || cmd.includes(`subgraphs__${name}__index`)) {
      return name;
    }
  }
  if (cmd.includes('gateway/index') || cmd.includes('gateway__index')) return 'gateway';
  if (cmd.includes('web/index') || cmd.includes('web__index')) return 'web';
  return 'launcher';
}

/** Proportional set size in MiB (/proc/<pid>/smaps_rollup), 0 for a process gone meanwhile. */
function pssMiB(pid: number): number {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Every process of the system under `launcher` and the PostgreSQL server of `clusterDir`. */
function systemPids(launcher: number, clusterDir: string): Map<number, Part> {
  const parent = parents();
  const pids = new Map<number, Part>();
  for (const pid of tree(launcher, parent)) pids.set(pid, partOf(pid));
  const server = runningServer(clusterDir);
  if (server) for (const pid of tree(server.pid, parent)) pids.set(pid, 'postgres');
  return pids;
}

/** PSS per part of the system, MiB. */
function memory(launcher: number, clusterDir: string): Record<Part, number> {
  const total = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>;
  for (const [pid, part] of systemPids(launcher, clusterDir)) total[part] += pssMiB(pid);
  return total;
}

const loadAverage = () => os.loadavg()[0].toFixed(2);

export interface StartRun {
  readySeconds: number;
  /** start.ts's own "Ready in" figure. */
  reportedSeconds: number;
  /** The 1-minute load average when the system was ready. */
  load: string;
  readyPss: Record<Part, number>;
  steadyPss: Record<Part, number>;
  /** Processes of the run still alive after it was stopped (must be none). */
  leftBehind: number;
}

/**
 * Spawns the real `npm start` in its own process group on `dataDir` with its own ports, times it
 * to its "Ready in" line, reads each part's PSS, sends `views` child views through its gateway,
 * reads PSS again, and stops it as Ctrl-C would (SIGINT to the group).
 */
export async function runStart(dataDir: string, scale: number, views: number): Promise<StartRun> {
  // As root, the embedded server runs as the `postgres` account, which must get through.
  fs.chmodSync(dataDir, 0o755);
  const services = [...SUBGRAPH_NAMES, 'gateway', 'web'];
  const ports = await freePorts(services.length);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MASH_DATA_DIR: dataDir,
    MASH_SCALE: String(scale),
    // One user sends every view: the per-user rate (120 a minute by default) is lifted.
    GATEWAY_USER_RATE: '0',
  };
  // The embedded system, whatever this shell points at.
  delete env.DATABASE_URL;
  delete env.GATEWAY_URL;
  for (const name of SUBGRAPH_NAMES) {
    delete env[`${name.toUpperCase()}_DATABASE_URL`];
    delete env[`${name.toUpperCase()}_OWNER_DATABASE_URL`];
    delete env[`${name.toUpperCase()}_URL`];
  }
  services.forEach((s, i) => (env[`${s.toUpperCase()}_PORT`] = String(ports[i])));
  const clusterDir = path.join(dataDir, 'postgres');
  const started = Date.now();
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let seen = new Map<number, Part>();
  const stop = async () => {
    try {
      process.kill(-(child.pid as number), 'SIGINT');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
    }, 30_000);
    await exited;
    clearTimeout(timer);
  };
  let result: Omit<StartRun, 'leftBehind'>;
  try {
    const reportedSeconds = await new Promise<number>((resolve, reject) => {
      const tail: string[] = [];
      readline.createInterface({ input: child.stderr! }).on('line', (l) => tail.push(l));
      readline.createInterface({ input: child.stdout! }).on('line', (line) => {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        const m = /Ready in ([\d.]+) s/.exec(line);
        if (m) resolve(Number(m[1]));
      });
      void exited.then(() => reject(new Error(`npm start exited:\n${tail.join('\n')}`)));
    });
    const readySeconds = (Date.now() - started) / 1000;
    const load = loadAverage();
    // Let the first query's garbage settle before the first reading.
    await new Promise((r) => setTimeout(r, 2000));
    seen = systemPids(child.pid as number, clusterDir);
    const missing = REQUIRED.filter((p) => ![...seen.values()].includes(p));
    if (missing.length > 0) throw new Error(`no process found for ${missing.join(', ')}`);
    const readyPss = memory(child.pid as number, clusterDir);
    const demo = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-children.json'), 'utf8')) as {
      withOpenContact: string | null;
      withoutRelationship: string | null;
    };
    // A small MASH_SCALE may have no child on an open contact; the view is read on break-glass.
    const viewed = demo.withOpenContact ?? demo.withoutRelationship ?? 'SC100001';
    const token = await mintDevToken(path.join(dataDir, 'keys'), DEMO_USERS['sc-practitioner']);
    const url = `http://127.0.0.1:${ports[services.indexOf('gateway')]}/graphql`;
    for (let i = 0; i < views; i++) {
      await timedPost(url, token, CHILD_VIEW, { id: viewed }, 'embedded child view', {
        'x-break-glass-reason': BREAK_GLASS,
        'x-break-glass-child': viewed,
      });
    }
    await new Promise((r) => setTimeout(r, 1000));
    const steadyPss = memory(child.pid as number, clusterDir);
    for (const [pid, part] of systemPids(child.pid as number, clusterDir)) seen.set(pid, part);
    result = { readySeconds, reportedSeconds, load, readyPss, steadyPss };
  } finally {
    await stop();
  }
  // Everything the run started is gone once `npm start` has exited (PostgreSQL too).
  await new Promise((r) => setTimeout(r, 500));
  // A zombie (state Z) has exited: it only waits to be reaped by its parent, and a PostgreSQL
  // backend whose server has gone is reaped by PID 1, which in some containers never does it.
  const alive = [...seen.keys()].filter((pid) => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  });
  for (const pid of alive) {
    let cmd = '';
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').slice(0, 100);
    } catch {
      // gone since
    }
    say(`  left behind: ${pid} (${seen.get(pid)}) ${cmd}`);
  }
  return { ...result, leftBehind: alive.length };
}

/** The section of BENCHMARKS.md this writes (and `npm run bench` too). */
export const START_HEADING =
  '## Embedded start and memory on PostgreSQL (`npm run bench:start`, `npm run bench`)';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Runs `cold` fresh-clone starts and `warm` starts on the last one's data. */
export async function measureStarts(options: {
  scale: number;
  cold: number;
  warm: number;
  views: number;
}): Promise<{ cold: StartRun[]; warm: StartRun[] }> {
  const starts: { cold: StartRun[]; warm: StartRun[] } = { cold: [], warm: [] };
  for (let c = 0; c < options.cold; c++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mash-bench-start-'));
    try {
      // As on a fresh clone: nothing compiled, no workbench built.
      fs.rmSync(path.join(ROOT, '.build'), { recursive: true, force: true });
      fs.rmSync(path.join(ROOT, 'web', 'dist'), { recursive: true, force: true });
      say(`npm start, cold ${c + 1}/${options.cold} (MASH_SCALE=${options.scale}, ${dir})`);
      starts.cold.push(await runStart(dir, options.scale, options.views));
      if (c === options.cold - 1) {
        for (let i = 0; i < options.warm; i++) {
          say(`npm start, warm ${i + 1}/${options.warm}`);
          starts.warm.push(await runStart(dir, options.scale, options.views));
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return starts;
}

/** The section's tables: start times with their load, and memory by part. */
export function startLines(
  starts: { cold: StartRun[]; warm: StartRun[] },
  scale: number,
  views: number,
): string[] {
  const secs = (rs: StartRun[], k: 'readySeconds' | 'reportedSeconds') =>
    rs.length > 0 ? cell(rs.map((r) => r[k])) : 'n/a';
  const loads = (rs: StartRun[]) => rs.map((r) => r.load).join(', ');
  const pss = (rs: StartRun[], k: 'readyPss' | 'steadyPss', p: Part | 'total') =>
    cell(
      rs.map((r) => (p === 'total' ? PARTS.reduce((t, q) => t + r[k][q], 0) : r[k][p])),
      0,
    );
  const all = [...starts.cold, ...starts.warm];
  return [
    `| \`npm start\` (MASH_SCALE=${scale}, embedded PostgreSQL) | runs | spawn to "Ready in" line, s | its own "Ready in", s | load average at ready | processes left after Ctrl-C |`,
    '|---|---:|---:|---:|---|---:|',
    `| warm start, data already there (baseline) | ${starts.warm.length} | ${secs(starts.warm, 'readySeconds')} | ${secs(starts.warm, 'reportedSeconds')} | ${loads(starts.warm)} | ${starts.warm.reduce((t, r) => t + r.leftBehind, 0)} |`,
    `| cold start, fresh clone (initdb, compile, workbench build, generate and seed) | ${starts.cold.length} | ${secs(starts.cold, 'readySeconds')} | ${secs(starts.cold, 'reportedSeconds')} | ${loads(starts.cold)} | ${starts.cold.reduce((t, r) => t + r.leftBehind, 0)} |`,
    `| ratio cold / warm (medians) | | ${(median(starts.cold.map((r) => r.readySeconds)) / median(starts.warm.map((r) => r.readySeconds))).toFixed(1)} | | | |`,
    '',
    `| PSS MiB, all runs | ${PARTS.join(' | ')} | total |`,
    `|---|${PARTS.map(() => '---:').join('|')}|---:|`,
    `| after the first query | ${PARTS.map((p) => pss(all, 'readyPss', p)).join(' | ')} | ${pss(all, 'readyPss', 'total')} |`,
    `| after ${views} child views | ${PARTS.map((p) => pss(all, 'steadyPss', p)).join(' | ')} | ${pss(all, 'steadyPss', 'total')} |`,
  ];
}

/** How the section was measured. */
export function startMethod(scale: number, cold: number, warm: number, views: number): string {
  const today = new Date().toISOString().slice(0, 10);
  return `Run ${today} by \`npm run bench:start\`: the real \`npm start\` spawned in its own process group on a fresh temporary MASH_DATA_DIR with its own ports, MASH_SCALE=${scale}, on the embedded PostgreSQL. Cold: ${cold} fresh directories with \`.build/\` and \`web/dist/\` removed first, as on a fresh clone. Warm: ${warm} starts again on the last one, the baseline. Each stopped with SIGINT to the group, as Ctrl-C would, then every process seen during the run is checked to be gone. Memory: PSS (/proc/<pid>/smaps_rollup) of every process of the system, the launcher and its children and PostgreSQL's server with all its backends, 2 s after the "Ready in" line and 1 s after ${views} combined child views sent one at a time through its gateway (per-user rate limit off: one user sends them all); "launcher" is npm, tsx and start.ts. Each cell: median (range).`;
}

if (require.main === module) {
  runBenchmark('bench:start', async () => {
    const scale = Number(arg('start-scale', '1'));
    const cold = Number(arg('cold-starts', '2'));
    const warm = Number(arg('warm-starts', '3'));
    const views = Number(arg('views', '200'));
    const starts = await measureStarts({ scale, cold, warm, views });
    const lines = startLines(starts, scale, views);
    say('');
    for (const line of lines) say(line);
    const file = writeBenchmarkSection(START_HEADING, [
      startMethod(scale, cold, warm, views),
      `Machine: ${machine()}.`,
      '',
      ...lines,
    ]);
    say(`\nwritten to ${file}`);
  });
}
