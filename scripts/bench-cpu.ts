// npm run bench:cpu -- [--views N] [--connections C]
//
// The CPU one combined child view costs, process by process, on the system `npm start` runs: each
// service's process and PostgreSQL's (the postmaster and every backend), from utime + stime in
// /proc/<pid>/stat before and after a fixed number of views at C connections. CPU per view is the
// headline (stable on a shared machine, where wall time is not); views/s and the load average are
// printed beside it. Start the system first (`npm start`), in another terminal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_USERS, mintDevToken } from '../dev/dev-issuer';
import { loadConfigOrExit } from '../shared/config';
import { CHILD_VIEW } from './bench-support';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const VIEWS = option('views', 400);
const CONNECTIONS = option('connections', 8);
const WARM_UP = 50;

const TICKS_PER_SECOND = 100; // USER_HZ: the unit of utime and stime on Linux

/** utime + stime of one process, in ms; null when it has gone. */
function cpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command may hold spaces and parentheses: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function allPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** The processes to measure, by the name they are reported under. */
function processes(dataDir: string): Map<number, string> {
  const launcher = Number(fs.readFileSync(path.join(dataDir, 'start.pid'), 'utf8').trim());
  const postmaster = Number(
    fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  const found = new Map<number, string>([[postmaster, 'postgres']]);
  for (const pid of allPids()) {
    const parent = parentOf(pid);
    if (parent === postmaster) found.set(pid, 'postgres');
    if (parent !== launcher) continue;
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    // A compiled entry is named for its source: subgraphs__police__index.js, gateway__index.js.
    const name = path
      .basename(cmd[1] ?? '', '.js')
      .replace(/^subgraphs__/, '')
      .replace(/__index$/, '');
    found.set(pid, name);
  }
  return found;
}

/** CPU ms by process name, over the processes alive now (a backend born later starts at 0). */
function snapshot(dataDir: string): Map<number, { name: string; ms: number }> {
  const out = new Map<number, { name: string; ms: number }>();
  for (const [pid, name] of processes(dataDir)) {
    const ms = cpuMs(pid);
    if (ms !== null) out.set(pid, { name, ms });
  }
  return out;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const keysDir = path.join(config.dataDir, 'keys');
  const demo = JSON.parse(
    fs.readFileSync(path.join(config.dataDir, 'demo-children.json'), 'utf8'),
  ) as { withOpenContact: string | null };
  if (!demo.withOpenContact) throw new Error('no demo child on an open contact; reseed');
  const token = await mintDevToken(keysDir, DEMO_USERS['sc-practitioner']);
  const url = `http://127.0.0.1:${config.gateway.port}/graphql`;
  const body = JSON.stringify({ query: CHILD_VIEW, variables: { id: demo.withOpenContact } });
  const view = async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const json = (await res.json()) as { errors?: unknown[] };
    if (json.errors) throw new Error(`the view failed: ${JSON.stringify(json.errors)}`);
  };
  const run = async (n: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < n) {
          next += 1;
          await view();
        }
      }),
    );
  };
  await run(WARM_UP);
  const before = snapshot(config.dataDir);
  const started = process.hrtime.bigint();
  const own = process.cpuUsage();
  await run(VIEWS);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const after = snapshot(config.dataDir);
  const byName = new Map<string, number>();
  for (const [pid, { name, ms }] of after) {
    byName.set(name, (byName.get(name) ?? 0) + ms - (before.get(pid)?.ms ?? 0));
  }
  const client = process.cpuUsage(own);
  const rows = [...byName.entries()].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const fmt = (ms: number) => (ms / VIEWS).toFixed(1).padStart(6);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `${VIEWS} child views at ${CONNECTIONS} connections; ${os.cpus().length} cores; load average ${load}`,
  );
  console.log('CPU ms per child view, by process (utime + stime from /proc):');
  for (const [name, ms] of rows) console.log(`  ${name.padEnd(12)} ${fmt(ms)}`);
  console.log(`  ${'total'.padEnd(12)} ${fmt(total)}`);
  console.log(
    `  ${'(client)'.padEnd(12)} ${fmt((client.user + client.system) / 1000)}  (this script; not in the total)`,
  );
  console.log(`views/s: ${(VIEWS / seconds).toFixed(1)} (${seconds.toFixed(1)} s)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
