import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  runningServer,
  startCluster,
  stopCluster,
  SUPERUSER,
} from '../../shared/embedded-postgres';

// The embedded server's life: one server per directory, shared by whoever attaches, stopped by the
// last to leave, found again after a crash. Each test has a cluster folder of its own.
describe('the embedded PostgreSQL cluster', () => {
  let base: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'mash-cluster-'));
    fs.chmodSync(base, 0o755);
  });
  afterEach(async () => {
    await stopCluster(path.join(base, 'pg'), 'immediate').catch(() => undefined);
    fs.rmSync(base, { recursive: true, force: true });
  });

  async function select1(url: string): Promise<number> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0].one;
    } finally {
      await client.end();
    }
  }

  it('attaches a second user to the running server instead of starting another', async () => {
    const dir = path.join(base, 'pg');
    const first = await startCluster(dir);
    const pid = runningServer(dir)?.pid;
    const second = await startCluster(dir);
    expect({
      owned: [first.owned, second.owned],
      samePid: runningServer(dir)?.pid === pid,
      answers: await select1(second.url(SUPERUSER, 'postgres')),
    }).toEqual({ owned: [true, false], samePid: true, answers: 1 });
    await second.release();
    await first.release();
  });

  it('is stopped by the last user to leave, not by the one that started it while another uses it with an idle pool', async () => {
    const dir = path.join(base, 'pg');
    const script = await startCluster(dir);
    const launcher = await startCluster(dir, { stopWhenLast: true });
    // The launcher's services hold no connection at this moment: an idle pool has closed them.
    const stoppedByScript = await script.release();
    const runningAfterScript = runningServer(dir) !== null;
    const stoppedByLauncher = await launcher.release();
    expect({
      stoppedByScript,
      runningAfterScript,
      stoppedByLauncher,
      after: runningServer(dir),
    }).toEqual({
      stoppedByScript: false,
      runningAfterScript: true,
      stoppedByLauncher: true,
      after: null,
    });
  });

  it('starts again on a directory whose server was killed, recovering its data', async () => {
    const dir = path.join(base, 'pg');
    const cluster = await startCluster(dir);
    const admin = new pg.Client({ connectionString: cluster.url(SUPERUSER, 'postgres') });
    await admin.connect();
    await admin.query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    await admin.end();
    const killed = runningServer(dir)!.pid;
    process.kill(killed, 'SIGKILL');
    while (runningServer(dir)) await new Promise((r) => setTimeout(r, 50));
    const again = await startCluster(dir);
    const client = new pg.Client({ connectionString: again.url(SUPERUSER, 'postgres') });
    await client.connect();
    const { rows } = await client.query('SELECT n FROM kept');
    await client.end();
    expect({ owned: again.owned, newPid: runningServer(dir)!.pid !== killed, rows }).toEqual({
      owned: true,
      newPid: true,
      rows: [{ n: 42 }],
    });
    await again.release();
  });

  it('puts the socket in a private folder when the cluster path is too long for one', async () => {
    const dir = path.join(base, 'a-folder-with-a-long-name'.repeat(4), 'pg');
    const cluster = await startCluster(dir);
    try {
      expect({
        outside: !cluster.socketDir.startsWith(base),
        answers: await select1(cluster.url(SUPERUSER, 'postgres')),
      }).toEqual({ outside: true, answers: 1 });
    } finally {
      await cluster.release();
      await stopCluster(dir, 'immediate').catch(() => undefined);
    }
  });
});
