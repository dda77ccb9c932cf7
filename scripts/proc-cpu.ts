// CPU time of the processes `npm start` runs, read from /proc: each service's process (named for
// its entry point) and PostgreSQL's postmaster and backends. Linux only, as the benchmarks are.
import fs from 'node:fs';
import path from 'node:path';

const TICKS_PER_SECOND = 100; // USER_HZ: the unit of utime and stime on Linux

/** The fields of /proc/<pid>/stat after the command (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime + stime of one process, in ms; null when it has gone. */
export function cpuMs(pid: number): number | null {
  const fields = statFields(pid);
  return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND : null;
}

const parentOf = (pid: number) => Number(statFields(pid)?.[1] ?? -1);

function allPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** The processes of one system, by the name they are reported under. */
export function processes(dataDir: string): Map<number, string> {
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
    const entry = cmd.find((c) => c.endsWith('.js')) ?? cmd[1] ?? '';
    // A compiled entry is named for its source: subgraphs__police__index.js, gateway__index.js.
    const name = path
      .basename(entry, '.js')
      .replace(/^subgraphs__/, '')
      .replace(/__index$/, '');
    // The bundler's service (esbuild) and the workbench serve no child view.
    if (name === 'web' || name.startsWith('--')) continue;
    found.set(pid, name);
  }
  return found;
}
