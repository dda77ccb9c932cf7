import fs from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { periodRange } from '../analytics/period';

/** How `npm run report` is called. */
export const REPORT_USAGE =
  'usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--out DIR] [--identified]';

/** What `npm run report` was asked for. */
export interface ReportOptions {
  /** The period's first local date, 'YYYY-MM-DD'. */
  from: string;
  /** The period's last local date, inclusive. */
  to: string;
  /** The folder the CSVs are written to, absolute. */
  out: string;
  /** The authority's own child ids instead of pseudonyms. */
  identified: boolean;
}

export type ParsedReportArgs =
  | { kind: 'run'; options: ReportOptions }
  | { kind: 'help' }
  | { kind: 'invalid'; problems: string[] };

/** The options, by name, and whether each takes a value. */
const OPTIONS: Readonly<Record<string, 'value' | 'flag'>> = {
  from: 'value',
  to: 'value',
  out: 'value',
  identified: 'flag',
  help: 'flag',
};

/** True for a real calendar date written 'YYYY-MM-DD' (2019-02-29 is not one). */
function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

/**
 * Reads `npm run report`'s arguments (without the node and script paths) and reports every
 * problem at once: an unknown option or a stray argument, an option given twice, a missing or
 * malformed date, a value for a flag, a period that is backwards or longer than the measures
 * allow (analytics/period.ts), an --out that is an existing file. --out defaults to
 * `reports/<from>_<to>` and is resolved against `cwd` (under npm: the repository's root).
 */
export function parseReportArgs(argv: readonly string[], cwd: string): ParsedReportArgs {
  const problems: string[] = [];
  const values: Record<string, string | true> = {};
  const given = new Map<string, number>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] === '-h' ? '--help' : argv[i];
    const match = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!match) {
      problems.push(`unexpected argument "${arg}"`);
      continue;
    }
    const [, name, inline] = match;
    const kind = Object.hasOwn(OPTIONS, name) ? OPTIONS[name] : undefined;
    if (!kind) {
      problems.push(`unknown option --${name}`);
      continue;
    }
    given.set(name, (given.get(name) ?? 0) + 1);
    if (kind === 'flag') {
      if (inline !== undefined) problems.push(`--${name} takes no value`);
      values[name] = true;
    } else if (inline !== undefined) {
      values[name] = inline;
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      values[name] = argv[++i];
    } else {
      // Kept apart from a missing option: "--from --to X" means --from's value was left out.
      values[name] = true;
    }
  }
  for (const [name, count] of given) {
    if (count > 1) problems.push(`--${name} is given ${count} times`);
  }
  if (values.help === true && problems.length === 0) return { kind: 'help' };

  const date = (name: 'from' | 'to'): string | null => {
    const value = values[name];
    if (value === undefined) {
      problems.push(`--${name} is required (a date, YYYY-MM-DD)`);
    } else if (typeof value !== 'string') {
      problems.push(`--${name} needs a date (YYYY-MM-DD)`);
    } else if (!isDate(value)) {
      problems.push(`--${name} must be a date written YYYY-MM-DD, not "${value}"`);
    } else {
      return value;
    }
    return null;
  };
  const from = date('from');
  const to = date('to');
  if (from && to) {
    try {
      periodRange(from, to);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      problems.push(error.message.replace(/`(from|to)`/g, '--$1'));
    }
  }

  let out: string | null = null;
  if (values.out !== undefined) {
    if (typeof values.out !== 'string' || values.out === '') {
      problems.push('--out needs a folder');
    } else {
      out = path.resolve(cwd, values.out);
    }
  } else if (from && to) {
    out = path.resolve(cwd, 'reports', `${from}_${to}`);
  }
  if (out && fs.existsSync(out) && !fs.statSync(out).isDirectory()) {
    problems.push(`--out ${out} is a file, not a folder`);
  }

  if (problems.length > 0 || !from || !to || !out) return { kind: 'invalid', problems };
  return { kind: 'run', options: { from, to, out, identified: values.identified === true } };
}
