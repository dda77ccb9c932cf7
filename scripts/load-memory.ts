// The load test's memory readings: each service's resident set from /proc, and its trend.
import fs from 'node:fs';

/** The pids of `pid`'s children, from /proc/<pid>/task/<pid>/children or a /proc scan. */
function childPids(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return fs
      .readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number)
      .filter((p) => {
        try {
          const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
        } catch {
          return false;
        }
      });
  }
}

/**
 * The node process actually running `entry`: the spawned pid itself when node runs it in-process
 * (`--import tsx`, as here), or the descendant that does when the spawned one is a wrapper (the
 * tsx or npx command line spawns a second node).
 */
export function servingPid(pid: number, entry: string): number {
  for (const c of childPids(pid)) {
    const found = servingPid(c, entry);
    const cmd = fs.readFileSync(`/proc/${found}/cmdline`, 'utf8');
    if (cmd.includes(entry)) return found;
  }
  return pid;
}

/** A process's resident set (VmRSS), MB. */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Each service's resident set at one instant, MB. */
export interface MemorySample<S extends string> {
  at: number;
  mb: Record<S, number>;
}

/** Reads each service's resident set now. */
export function sampleMemory<S extends string>(pids: Record<S, number>): MemorySample<S> {
  return {
    at: Date.now(),
    mb: Object.fromEntries((Object.keys(pids) as S[]).map((s) => [s, rssMb(pids[s])])) as Record<
      S,
      number
    >,
  };
}

/** Least-squares slope of y over x. */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}
