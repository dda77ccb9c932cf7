// Runs the whole system: seeds the databases on first start, then starts the four subgraphs,
// the gateway and the workbench (web/), each in its own process, waits until a cross-agency query
// is answered, and prints how to query it. Ctrl-C stops every process; if this process dies, its
// children notice (IPC disconnect) and stop too.
//   npm start
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { loadConfigOrExit, SUBGRAPH_NAMES, type Config } from '../shared/config';
import { DEMO_USERS, mintDevToken } from '../shared/dev-issuer';
import { ensureDevKeys } from '../shared/keys';
import { demoChildrenPath, seedDate, unseededSubgraphs, type DemoChildren } from '../seed/seed';
import { waitForExit, waitReady } from './running';

const ROOT = path.resolve(__dirname, '..');
const started = Date.now();
const config = loadConfigOrExit();
const children = new Map<string, ChildProcess>();
let stopping = false;

const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Starts `entry` under tsx with the IPC channel open; its log lines are shown with its name. */
function run(name: string, entry: string, args: string[] = []): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry), ...args], {
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
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping && !name.startsWith('seed')) {
      say(`${name} exited (${signal ?? code}); stopping everything`);
      void stopAll(1);
    }
  });
  return child;
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

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const running = [...children.values()];
  for (const child of running) child.kill('SIGTERM');
  await Promise.all(running.map(waitForExit));
  say('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

/** The demo children the seeder picked (seed/seed.ts `pickDemoChildren`), if it wrote them. */
function demoChildren(cfg: Config): DemoChildren | null {
  const file = demoChildrenPath(cfg);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as DemoChildren) : null;
}

const EXAMPLE_FIELDS = `givenName familyName dateOfBirth
    police { match { level reasons } summary }
    health { match { level reasons } summary }
    education { match { level reasons } summary }`;

async function main(): Promise<void> {
  say(`MASH federation: starting (data in ${config.dataDir})`);
  const pending = unseededSubgraphs(config);
  if (pending.length > 0) {
    // Two seeders, one per core, generating the same world (same seed, scale and instant).
    const asOf = seedDate(config).toISOString();
    const halves = [pending.filter((_, i) => i % 2 === 0), pending.filter((_, i) => i % 2 === 1)];
    const seeders = halves
      .filter((h) => h.length > 0)
      .map((h, i) =>
        run(`seed${i + 1}`, 'scripts/seed.ts', ['--only', h.join(','), '--as-of', asOf]),
      );
    const codes = await Promise.all(seeders.map(waitForExit));
    if (stopping) return;
    if (codes.some((c) => c !== 0)) {
      say('seeding failed');
      process.exit(1);
    }
  }
  // The development keys are made once, here, before five processes would race to make them.
  if (config.auth.devKeysDir) await ensureDevKeys(config.auth.devKeysDir);
  for (const name of SUBGRAPH_NAMES) run(name, `subgraphs/${name}/index.ts`);
  run('gateway', 'gateway/index.ts');
  // The workbench builds itself first when its sources changed (a few seconds, once).
  run('web', 'web/index.ts');

  const base = (port: number) => `http://127.0.0.1:${port}`;
  await Promise.all([
    ...SUBGRAPH_NAMES.map((n) => waitReady(`${base(config.subgraphs[n].port)}/ready`, 120_000)),
    waitReady(`${base(config.gateway.port)}/ready`, 120_000),
    waitReady(`${base(config.web.port)}/health`, 120_000),
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
  say(`start failed: ${(error as Error).message}`);
  void stopAll(1);
});
