import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger as TypeormLogger } from 'typeorm';
import type { SubgraphName } from '../../shared/config';
import { createDatabase, type Database } from '../../shared/database';
import { SCHEMAS } from '../../seed/seed';

/**
 * The directory holding this machine's PostgreSQL server binaries (`initdb`, `pg_ctl`), from
 * `pg_config --bindir` or else the newest `/usr/lib/postgresql/<version>/bin`; null when there
 * are none.
 */
export function postgresBinDir(): string | null {
  const has = (dir: string) =>
    fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'));
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (dir && has(dir)) return dir;
  } catch {
    // No pg_config on the path: look where Debian and Ubuntu install the server.
  }
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => has(path.join(root, v, 'bin')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length > 0 ? path.join(root, versions[0], 'bin') : null;
}

/** A PostgreSQL server of the test's own, on loopback, that the test may stop and start. */
export interface PrivatePostgres {
  port: number;
  /** A connection URL for `database` (created on first use by `createDatabase`). */
  url(database: string): string;
  /** `pg_ctl stop -m fast`: disconnects every client, then waits until the server is down. */
  stop(): Promise<void>;
  /** `pg_ctl start`, waiting until it accepts connections. */
  start(): Promise<void>;
  /** Stops the server (if running) and removes its directory; safe to call twice. */
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Creates and starts a throwaway cluster (initdb, trust authentication, no fsync) in a fresh
 * temporary directory on a free port. PostgreSQL refuses to run as root, so when the tests run as
 * root the binaries run as the `postgres` user (`runuser`), which owns the directory. The server
 * is stopped and its directory removed by `destroy()`, or when the test process exits.
 */
export async function startPrivatePostgres(binDir: string): Promise<PrivatePostgres> {
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
      }
    : null;
  const command = (bin: string, args: string[]): [string, string[]] => {
    const file = path.join(binDir, bin);
    return asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  };
  const failed = (bin: string, args: string[], error: unknown) => {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    return new Error(`${bin} ${args.join(' ')} failed: ${stderr || stdout || String(error)}`);
  };
  // Asynchronous, so the services under test keep running (and see the server go) meanwhile.
  const run = async (bin: string, args: string[]) => {
    try {
      await promisify(execFile)(...command(bin, args), { cwd: os.tmpdir() });
    } catch (error) {
      throw failed(bin, args, error);
    }
  };
  const runSync = (bin: string, args: string[]) => {
    try {
      execFileSync(...command(bin, args), { stdio: 'pipe', cwd: os.tmpdir() });
    } catch (error) {
      throw failed(bin, args, error);
    }
  };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mash-private-pg-'));
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  let running = false;
  let destroyed = false;

  const stopNow = () => {
    if (!running) return;
    running = false;
    runSync('pg_ctl', ['-D', data, '-w', '-m', 'immediate', 'stop']);
  };
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  // If the test process ends without afterAll (a crash, a kill), leave no server behind.
  const onExit = () => {
    try {
      stopNow();
    } finally {
      removeDir();
    }
  };
  process.once('exit', onExit);

  try {
    await run('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--no-locale',
      '-N',
    ]);
    const port = await freePort();
    fs.appendFileSync(
      path.join(data, 'postgresql.conf'),
      [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${dir}'`,
        // A test server: durability buys nothing and costs seconds.
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        '',
      ].join('\n'),
    );
    const start = async () => {
      await run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '30', 'start']);
      running = true;
    };
    await start();
    return {
      port,
      url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
      async stop() {
        await run('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
        running = false;
      },
      start,
      async destroy() {
        if (destroyed) return;
        destroyed = true;
        process.off('exit', onExit);
        onExit();
      },
    };
  } catch (error) {
    process.off('exit', onExit);
    onExit();
    throw error;
  }
}

/**
 * A database factory for `startSubgraph`'s `createDatabase` option: the subgraph's own database
 * (named after it) on `server`, migrated, with `applicationName` in `pg_stat_activity` so a test
 * can find its connections.
 */
export function databaseOn(server: PrivatePostgres, applicationName: string) {
  return (name: SubgraphName, options: { logger?: TypeormLogger } = {}): Promise<Database> =>
    createDatabase({
      database: { kind: 'postgres', url: server.url(name) },
      ...SCHEMAS[name],
      logger: options.logger,
      applicationName,
    });
}
