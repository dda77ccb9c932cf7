import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

/** Resolves with a child process's exit code once it has exited (at once if it already has). */
export function waitForExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/**
 * Polls `url` until it answers 2xx; throws after `deadlineMs`, or as soon as `stopped()` says the
 * caller is giving up (Ctrl-C during a start).
 */
export async function waitReady(
  url: string,
  deadlineMs: number,
  stopped: () => boolean = () => false,
): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (stopped()) throw new Error('stopped');
    if (Date.now() > until) throw new Error(`${url} not ready after ${deadlineMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `n` distinct ports free on loopback now, chosen by the system (all held open until each is known). */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}
