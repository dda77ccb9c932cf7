// Runs the whole system: starts the embedded PostgreSQL (initialising it on first start), makes
// each agency's database ready and seeds it on first start, starts the four subgraphs, the gateway
// and the workbench (web/), each in its own process, waits until a cross-agency query is answered,
// and prints how to query it.
//
// Once ready it supervises: a process (or the PostgreSQL server) that dies is reported and started
// again with backoff while the others keep serving; meanwhile the gateway answers without that
// agency (AGENCY_UNAVAILABLE). Ctrl-C stops every process, then PostgreSQL. If this process is
// killed, its children notice (IPC disconnect) and stop; PostgreSQL keeps running detached, and
// the next `npm start` attaches to it.
//   npm start
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { loadConfigOrExit, orExit, SUBGRAPH_NAMES, type Config } from '../shared/config';
import { DEMO_USERS, mintDevToken } from '../dev/dev-issuer';
import {
  isInitialised,
  runningServer,
  startCluster,
  type Cluster,
} from '../shared/embedded-postgres';
import { ensureDevKeys } from '../shared/keys';
import { loadPartnerSettings } from '../shared/partner/settings';
import { loadSocialcareSettings } from '../subgraphs/socialcare/settings';
import { demoChildrenPath, seedDate, type DemoChildren } from '../seed/files';
import { bundleEntries } from './bundle';
import { waitForExit, waitReady } from './running';

const ROOT = path.resolve(__dirname, '..');
const config = loadConfigOrExit();
// The services' own settings, checked before anything starts: each service reads them again.
orExit(() => [loadSocialcareSettings(), loadPartnerSettings()]);
const children = new Map<string, ChildProcess>();
let stopping = false;
let ready = false;
let cluster: Cluster | null = null;

/** Restart delays: doubling from one second to at most thirty. */
const BACKOFF_MS = { first: 1000, max: 30_000 };
/** A process that stayed up this long before dying starts again from the first delay. */
const STABLE_MS = 60_000;

// From this process's own start, its module loading included.
const seconds = () => `${process.uptime().toFixed(1)} s`;
const say = (line: string) => process.stdout.write(`${line}\n`);

/** One supervised process: its entry point, and how its restarts are going. */
interface Service {
  name: string;
  entry: string;
  args: string[];
  delayMs: number;
  startedAt: number;
}
const services = new Map<string, Service>();

/** Each entry point's compiled file (scripts/bundle.ts), set before anything runs. */
let compiled: Record<string, string> = {};

/**
 * Starts `entry` (its compiled file) with the IPC channel open; its log lines are shown with its
 * name. Source maps are written beside the compiled files but not loaded: `--enable-source-maps`
 * costs a subgraph half a second of CPU at every start (1.6 s against 1.1 s); set it in
 * NODE_OPTIONS to see stack traces in TypeScript.
 */
function run(name: string, entry: string, args: string[] = []): ChildProcess {
  const file = compiled[entry];
  const child = spawn(process.execPath, [file, ...args], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.set(name, child);
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream! }).on('line', (line) => {
      say(`[${name}] ${formatLogLine(line)}`);
    });
  }
  return child;
}

/**
 * Runs a service under supervision. Before the system is ready, a service that exits stops the
 * start (a port in use, a bad setting: restarting would not help). After, it is started again
 * with backoff, unless it exited with status 2 (invalid settings).
 */
function supervise(name: string, entry: string, args: string[] = []): void {
  const service: Service = services.get(name) ?? {
    name,
    entry,
    args,
    delayMs: BACKOFF_MS.first,
    startedAt: 0,
  };
  services.set(name, service);
  service.startedAt = Date.now();
  const child = run(name, entry, args);
  child.on('exit', (code, signal) => {
    if (children.get(name) === child) children.delete(name);
    if (stopping) return;
    const how = signal ?? `status ${code}`;
    if (!ready || code === 2) {
      say(`${name} exited (${how}); stopping everything`);
      void stopAll(1);
      return;
    }
    if (Date.now() - service.startedAt > STABLE_MS) service.delayMs = BACKOFF_MS.first;
    const delay = service.delayMs;
    service.delayMs = Math.min(service.delayMs * 2, BACKOFF_MS.max);
    say(`${name} exited (${how}); the others keep serving; restarting in ${delay / 1000} s`);
    // Not unref'd: with every service down at once, this timer is what keeps the launcher alive.
    setTimeout(() => {
      if (!stopping) supervise(name, entry, args);
    }, delay);
  });
}

/** Shows a JSON log line as `message key=value ...`; other lines as they are. */
function formatLogLine(line: string): string {
  try {
    const { time: _t, level, service: _s, message, ...rest } = JSON.parse(line);
    const fields = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return `${level === 'info' ? '' : `${String(level).toUpperCase()} `}${message} ${fields}`.trim();
  } catch {
    return line;
  }
}

/** What the seeder last prepared: the build and the cluster it succeeded with. */
const preparedFile = path.join(config.dataDir, 'prepared.json');

/** A file's content, or null when it cannot be read. */
function readFile(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Where `npm start` records its process id, so a second one refuses rather than doubling up. */
const pidFile = path.join(config.dataDir, 'start.pid');

/** True when `pid` is a live `npm start` (a reused pid of another program does not count). */
function isLauncher(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(path.join('scripts', 'start'));
  } catch {
    // No /proc (macOS): a live process with that pid is taken to be it.
    return true;
  }
}

/**
 * Takes `data/start.pid`, or exits naming the `npm start` that holds it. The file appears whole
 * (written aside, then hard-linked into place, which fails if it exists), so no reader sees it
 * empty. A lock left by a dead launcher is moved aside under a name of our own before it is
 * removed: of two starts that found it stale, one moves it, and a fresh lock moved by mistake is
 * put back.
 */
function takeStartLock(): void {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const mine = `${pidFile}.${process.pid}`;
  fs.writeFileSync(mine, `${process.pid}\n`);
  try {
    for (;;) {
      try {
        fs.linkSync(mine, pidFile);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readPid(pidFile);
      if (holder !== null && isLauncher(holder)) {
        say(
          `The system is already running from ${config.dataDir} (npm start, process ${holder}). ` +
            'Use that one, or stop it with Ctrl-C first.',
        );
        fs.rmSync(mine, { force: true });
        process.exit(2);
      }
      const aside = `${pidFile}.stale.${process.pid}`;
      try {
        fs.renameSync(pidFile, aside);
      } catch {
        continue; // another start moved it first
      }
      const moved = readPid(aside);
      if (moved !== holder && moved !== null && isLauncher(moved)) {
        // A fresh lock taken meanwhile: give it back (unless yet another appeared) and retry.
        try {
          fs.linkSync(aside, pidFile);
        } catch {
          // a newer one is in place; it decides
        }
      }
      fs.rmSync(aside, { force: true });
    }
  } finally {
    fs.rmSync(mine, { force: true });
  }
}

/** The pid in a lock file, or null when it is missing or not a pid. */
function readPid(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function releaseStartLock(): void {
  try {
    if (Number(fs.readFileSync(pidFile, 'utf8')) === process.pid) fs.rmSync(pidFile);
  } catch {
    // already gone
  }
}

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const running = [...children.values()];
  for (const child of running) child.kill('SIGTERM');
  await Promise.all(running.map(waitForExit));
  if (cluster) {
    // Stopped unless another process (a script) still holds a lease on it.
    const stopped = await cluster.release().catch(() => false);
    say(stopped ? 'PostgreSQL stopped' : 'PostgreSQL left running: another client still uses it');
  }
  releaseStartLock();
  say('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

/**
 * Watches the embedded server once the system is ready: if it dies, it is started again (with
 * the same backoff as a service), and the services reconnect on their next query.
 */
function superviseCluster(clusterDir: string): void {
  let delay = BACKOFF_MS.first;
  let restarting = false;
  setInterval(() => {
    if (stopping || restarting || runningServer(clusterDir)) return;
    restarting = true;
    say(`PostgreSQL stopped unexpectedly; restarting in ${delay / 1000} s`);
    setTimeout(() => {
      // A fresh lease on the new server (the old one ended with the old server).
      startCluster(clusterDir, { stopWhenLast: true })
        .then((restarted) => {
          cluster = restarted;
          say('PostgreSQL restarted');
          delay = BACKOFF_MS.first;
        })
        .catch((error: unknown) => {
          say(`PostgreSQL did not restart: ${(error as Error).message}`);
          delay = Math.min(delay * 2, BACKOFF_MS.max);
        })
        .finally(() => {
          restarting = false;
        });
    }, delay);
  }, 1000);
}

/** The demo children the seeder picked (seed/seed.ts `pickDemoChildren`), if it wrote them. */
function demoChildren(cfg: Config): DemoChildren | null {
  const file = demoChildrenPath(cfg);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as DemoChildren) : null;
}

const EXAMPLE_FIELDS = `givenName familyName dateOfBirth
    police { match { level reasons } summary }
    health { match { level reasons } summary }
    education { match { level reasons } summary }`;

/** The entry points of the services, by process name. */
const SERVICES: Record<string, string> = {
  ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, `subgraphs/${n}/index.ts`])),
  gateway: 'gateway/index.ts',
  // The workbench builds itself first when its sources changed (a few seconds, once).
  web: 'web/index.ts',
};
const SEEDER = 'scripts/seed.ts';

/** Starts the named services (all of them by default). */
function startServices(names: string[] = Object.keys(SERVICES)): void {
  for (const name of names) supervise(name, SERVICES[name]);
}

async function main(): Promise<void> {
  say(`MASH federation: starting (data in ${config.dataDir})`);
  takeStartLock();
  // The development keys are made once, here, before five processes would race to make them.
  if (config.auth.devKeysDir) await ensureDevKeys(config.auth.devKeysDir);
  const bundle = await bundleEntries([SEEDER, ...Object.values(SERVICES)]);
  compiled = bundle.files;
  const database = config.subgraphs.socialcare.database;
  const asOf = ['--as-of', seedDate(config).toISOString()];
  const first = database.kind === 'embedded' && !isInitialised(database.clusterDir);
  // The services load their code while PostgreSQL starts: each waits until its database is there
  // and migrated (see below). On a first start the seeder goes first instead: it generates the
  // borough (the longest part of the start, on one core) while the cluster is made and the
  // workbench is built, and the subgraphs and the gateway load their code once it has (measured:
  // generating beside six starting processes took twice as long).
  let seeder: ChildProcess | null = null;
  if (first) {
    seeder = run('seed', SEEDER, [...asOf, '--generate-first']);
    seeder.on('message', (message) => {
      if (message === 'generated' && !stopping) startServices(['gateway', ...SUBGRAPH_NAMES]);
    });
    startServices(['web']);
  } else {
    startServices();
  }
  if (database.kind === 'embedded') {
    cluster = await startCluster(database.clusterDir, { stopWhenLast: true });
    say(
      `PostgreSQL ${first ? 'initialised and started' : cluster.owned ? 'started' : 'already running; attached'} (${database.clusterDir}, socket only) at ${seconds()}`,
    );
    superviseCluster(database.clusterDir);
  }

  // The seeder migrates every database (as its owner role), then generates and loads the synthetic
  // borough (first start only). The services run beside it: each waits, if it must, until its
  // database is migrated, so their start overlaps the seeder's. It is skipped when it last
  // succeeded on this very cluster with this very code (`prepared.json`): nothing could be new.
  const stamp = cluster
    ? JSON.stringify({ build: bundle.build, cluster: await cluster.systemIdentifier() })
    : null;
  const prepared = seeder === null && stamp !== null && readFile(preparedFile) === stamp;
  if (!prepared) seeder ??= run('seed', SEEDER, asOf);
  if (seeder) {
    const code = await waitForExit(seeder);
    if (stopping) return;
    if (code !== 0) {
      say('preparing the databases failed');
      await stopAll(1);
      return;
    }
    if (stamp) fs.writeFileSync(preparedFile, stamp);
  } else {
    say('databases ready: migrated and seeded by the last start of this code');
  }

  const base = (port: number) => `http://127.0.0.1:${port}`;
  const gone = () => stopping;
  await Promise.all([
    ...SUBGRAPH_NAMES.map((n) =>
      waitReady(`${base(config.subgraphs[n].port)}/ready`, 120_000, gone),
    ),
    waitReady(`${base(config.gateway.port)}/ready`, 120_000, gone),
    waitReady(`${base(config.web.port)}/health`, 120_000, gone),
  ]);

  const gatewayUrl = `${base(config.gateway.port)}/graphql`;
  const demo = demoChildren(config);
  const id = demo?.withOpenContact ?? 'SC100001';
  const query = `{ child(id: "${id}") { ${EXAMPLE_FIELDS} } }`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (config.auth.devKeysDir) {
    const token = await mintDevToken(config.auth.devKeysDir, DEMO_USERS['sc-practitioner']);
    headers.authorization = `Bearer ${token}`;
  }
  const res = await fetch(gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query }) });
  const answer = (await res.json()) as { errors?: unknown[] };
  ready = true;
  say('');
  say(
    `Ready in ${seconds()}: first cross-agency query answered${answer.errors ? ' (with errors)' : ''}.`,
  );
  say(`Workbench: ${base(config.web.port)}/  (sign in as a demo user)`);
  say(`Gateway: ${gatewayUrl}`);
  say('Try, as a socialcare MASH practitioner (demo users: npm run --silent token -- --list):');
  say(`  TOKEN=$(npm run --silent token -- sc-practitioner)`);
  const curl = (q: string) =>
    `  curl -s ${gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\\n    -d '${JSON.stringify({ query: q.replace(/\s+/g, ' ') })}'`;
  say(curl(query));
  say('The MASH queue, most urgent first:');
  say(
    curl(
      '{ mashQueue(first: 5) { totalCount edges { node { id rag stage nextDueAt outstandingChecks decisions { child { id givenName familyName } } } } } }',
    ),
  );
  say('Ctrl-C stops everything.');
}

main().catch((error: unknown) => {
  if (stopping) return;
  say(`start failed: ${(error as Error).message}`);
  void stopAll(1);
});
