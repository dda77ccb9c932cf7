// npm run bench:cpu -- [--views N] [--connections C] [--rounds R] [--baseline DIR@URL] [--write]
//
// The CPU one combined child view costs, process by process, on the system `npm start` runs: each
// service's process and PostgreSQL's (the postmaster and every backend), from utime + stime in
// /proc/<pid>/stat before and after a fixed number of views at C connections. CPU per view is the
// headline (stable on a shared machine, where wall time is not); views/s and the load average are
// printed beside it. Start the system first (`npm start`, with GATEWAY_USER_MAX_CONCURRENT=0
// GATEWAY_USER_RATE=0 so that one user may send C views at once), in another terminal.
//
// With `--baseline DIR@URL`, a second system measured in the same run, its rounds alternating with
// this one's: another checkout's `npm start` on its own data directory and ports, e.g.
//   git worktree add ../base <commit> && cd ../base && MASH_DATA_DIR=/tmp/base-data \
//     GATEWAY_PORT=5000 SOCIALCARE_PORT=5001 POLICE_PORT=5002 HEALTH_PORT=5003 \
//     EDUCATION_PORT=5004 PROBATION_PORT=5006 WEB_PORT=5005 GATEWAY_USER_MAX_CONCURRENT=0 \
//     GATEWAY_USER_RATE=0 npm start
//   npm run bench:cpu -- --baseline /tmp/base-data@http://127.0.0.1:5000/graphql
// `--write` puts the table in BENCHMARKS.md with the machine it ran on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_USERS, mintDevToken } from '../dev/dev-issuer';
import { loadConfigOrExit } from '../shared/config';
import { cell, CHILD_VIEW, machine, writeBenchmarkSection } from './bench-support';
import { cpuMs, processes } from './proc-cpu';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const VIEWS = Number(option('views', '400'));
const CONNECTIONS = Number(option('connections', '8'));
const ROUNDS = Number(option('rounds', '3'));
const BASELINE = option('baseline', '');
const WARM_UP = 50;
const HEADING = '## CPU per child view, by process (`npm run bench:cpu`)';

/** A running system to measure: its data directory (pid files, keys, demo children) and gateway. */
interface System {
  label: string;
  dataDir: string;
  gatewayUrl: string;
  token: string;
  childId: string;
}

/** CPU ms by pid, over the processes alive now (a backend born later starts at 0). */
function snapshot(dataDir: string): Map<number, { name: string; ms: number }> {
  const out = new Map<number, { name: string; ms: number }>();
  for (const [pid, name] of processes(dataDir)) {
    const ms = cpuMs(pid);
    if (ms !== null) out.set(pid, { name, ms });
  }
  return out;
}

async function systemAt(label: string, dataDir: string, gatewayUrl: string): Promise<System> {
  const demo = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-children.json'), 'utf8')) as {
    withOpenContact: string | null;
  };
  if (!demo.withOpenContact) throw new Error(`${dataDir}: no demo child on an open contact`);
  const token = await mintDevToken(path.join(dataDir, 'keys'), DEMO_USERS['sc-practitioner']);
  return { label, dataDir, gatewayUrl, token, childId: demo.withOpenContact };
}

/** `n` child views at CONNECTIONS connections. */
async function views(system: System, n: number): Promise<void> {
  const body = JSON.stringify({ query: CHILD_VIEW, variables: { id: system.childId } });
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < n) {
        next += 1;
        const res = await fetch(system.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${system.token}` },
          body,
        });
        const json = (await res.json()) as { errors?: unknown[] };
        if (json.errors) throw new Error(`${system.label}: ${JSON.stringify(json.errors)}`);
      }
    }),
  );
}

/** One round on one system: CPU ms per view by process name, and views/s. */
interface Round {
  perView: Map<string, number>;
  viewsPerSecond: number;
  load: string;
}

async function round(system: System): Promise<Round> {
  await views(system, WARM_UP);
  const before = snapshot(system.dataDir);
  const started = process.hrtime.bigint();
  await views(system, VIEWS);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const perView = new Map<string, number>();
  for (const [pid, { name, ms }] of snapshot(system.dataDir)) {
    perView.set(name, (perView.get(name) ?? 0) + (ms - (before.get(pid)?.ms ?? 0)) / VIEWS);
  }
  perView.set(
    'total',
    [...perView.values()].reduce((sum, ms) => sum + ms, 0),
  );
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return { perView, viewsPerSecond: VIEWS / seconds, load };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const systems = [
    await systemAt(
      'this checkout',
      config.dataDir,
      `http://127.0.0.1:${config.gateway.port}/graphql`,
    ),
  ];
  if (BASELINE) {
    const at = BASELINE.lastIndexOf('@');
    if (at < 0) throw new Error('--baseline takes DATA_DIR@GATEWAY_URL');
    systems.unshift(await systemAt('baseline', BASELINE.slice(0, at), BASELINE.slice(at + 1)));
  }
  const rounds = new Map<System, Round[]>(systems.map((s) => [s, []]));
  for (let r = 0; r < ROUNDS; r += 1) {
    for (const system of systems) {
      const result = await round(system);
      rounds.get(system)!.push(result);
      process.stderr.write(
        `round ${r + 1} ${system.label}: ${result.perView.get('total')!.toFixed(1)} CPU-ms/view, ${result.viewsPerSecond.toFixed(1)} views/s, load ${result.load}\n`,
      );
    }
  }
  const names = [
    ...new Set(systems.flatMap((s) => rounds.get(s)!.flatMap((r) => [...r.perView.keys()]))),
  ]
    .filter((n) => n !== 'total')
    .sort();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const column = (s: System, name: string) => rounds.get(s)!.map((r) => r.perView.get(name) ?? 0);
  const ratio = (name: string) =>
    systems.length === 2
      ? ` | ${(median(column(systems[1], name)) / median(column(systems[0], name))).toFixed(2)}`
      : '';
  const lines = [
    `| process | ${systems.map((s) => `${s.label}: CPU-ms/view`).join(' | ')}${systems.length === 2 ? ' | ratio' : ''} |`,
    `|---|${systems.map(() => '---|').join('')}${systems.length === 2 ? '---|' : ''}`,
    ...[...names, 'total'].map(
      (name) =>
        `| ${name === 'total' ? '**total**' : name} | ${systems.map((s) => cell(column(s, name))).join(' | ')}${ratio(name)} |`,
    ),
    `| views/s at ${CONNECTIONS} connections | ${systems.map((s) => cell(rounds.get(s)!.map((r) => r.viewsPerSecond))).join(' | ')}${
      systems.length === 2
        ? ` | ${(median(rounds.get(systems[1])!.map((r) => r.viewsPerSecond)) / median(rounds.get(systems[0])!.map((r) => r.viewsPerSecond))).toFixed(2)}`
        : ''
    } |`,
  ];
  const loads = systems.map(
    (s) =>
      `${s.label}: ${rounds
        .get(s)!
        .map((r) => `[${r.load}]`)
        .join(' ')}`,
  );
  const summary = `${VIEWS} child views per round at ${CONNECTIONS} connections after ${WARM_UP} to warm up, ${ROUNDS} rounds alternating; median (range) of the rounds; utime + stime from /proc of every service process and every PostgreSQL backend.`;
  console.log(summary);
  console.log(lines.join('\n'));
  console.log(`load average (1, 5, 15 min) after each round: ${loads.join('; ')}`);
  if (args.includes('--write')) {
    const file = writeBenchmarkSection(HEADING, [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, on the systems \`npm start\` runs (embedded PostgreSQL, full-scale seed, per-user limits off).${BASELINE ? ' The baseline is the commit before issue 19, started from its own checkout and data directory beside this one.' : ''}`,
      '',
      summary,
      '',
      ...lines,
      '',
      `Load average (1, 5, 15 min) after each round: ${loads.join('; ')}.`,
    ]);
    console.log(`written to ${file}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
