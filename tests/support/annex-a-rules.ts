/**
 * The public Annex A column rules (tests/fixtures/annex-a/rules.json, transcribed from Social
 * Finance's liia-tools schema) and a checker of a list's cells against them. A list is its CSV
 * text; the checker stops at the first cell that breaks a rule, naming the list, the row (1 is
 * the first data row), the column, the value and the rule.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/** One column as the rules give it. */
export interface ColumnRule {
  name: string;
  blank: boolean;
  type: 'string' | 'integer' | 'date' | 'category';
  /** For a category: the name of its list of codes in `categories`. */
  category?: string;
  format?: string;
  note?: string;
}

export interface AnnexARules {
  source: { repository: string; path: string; commit: string };
  categories: Record<string, string[]>;
  lists: Record<string, { title: string; columns: ColumnRule[] }>;
}

/** The first cell (or heading) that breaks a rule. */
export interface InvalidCell {
  list: string;
  /** 0 for the header line; 1 for the first data row. */
  row: number;
  column: string;
  value: string;
  rule: string;
}

export const ANNEX_A_RULES_FILE = path.resolve(
  __dirname,
  '..',
  'fixtures',
  'annex-a',
  'rules.json',
);

/** The rules fixture, read afresh. */
export function loadAnnexARules(file = ANNEX_A_RULES_FILE): AnnexARules {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as AnnexARules;
}

/** Whether 'dd/mm/yyyy' is a real calendar date. */
function isUkDate(value: string): boolean {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  if (!m) return false;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Why `value` breaks `rule`, or null when it keeps it. Blank is empty or only spaces. */
export function cellProblem(rules: AnnexARules, rule: ColumnRule, value: string): string | null {
  if (value.trim() === '') return rule.blank ? null : 'must not be blank';
  switch (rule.type) {
    case 'string':
      return null;
    case 'integer':
      return /^\d+$/.test(value) ? null : 'must be a whole number';
    case 'date':
      return isUkDate(value) ? null : 'must be a date as dd/mm/yyyy';
    case 'category': {
      const codes = rules.categories[rule.category ?? ''];
      if (!codes) throw new Error(`The rules have no category ${rule.category}`);
      return codes.includes(value) ? null : `must be one of the ${rule.category} codes`;
    }
    default:
      throw new Error(`Unknown column type ${String(rule.type)}`);
  }
}

/** Every invalid cell of one list's CSV text, in order, up to `limit` (the first only by default). */
export function invalidCells(
  rules: AnnexARules,
  list: string,
  csvText: string,
  limit = 1,
): InvalidCell[] {
  const spec = rules.lists[list];
  if (!spec) throw new Error(`The rules have no list ${list}`);
  const records = parse(csvText, { relax_column_count: true }) as string[][];
  const found: InvalidCell[] = [];
  const header = records[0] ?? [];
  const expected = spec.columns.map((c) => c.name);
  for (let i = 0; i < Math.max(header.length, expected.length); i++) {
    if (header[i] !== expected[i]) {
      found.push({
        list,
        row: 0,
        column: expected[i] ?? `column ${i + 1}`,
        value: header[i] ?? '',
        rule: `the heading must be ${JSON.stringify(expected[i] ?? null)}`,
      });
      if (found.length >= limit) return found;
    }
  }
  for (let r = 1; r < records.length; r++) {
    const cells = records[r];
    if (cells.length !== expected.length) {
      found.push({
        list,
        row: r,
        column: '(row)',
        value: `${cells.length} cells`,
        rule: `a row has ${expected.length} cells`,
      });
      if (found.length >= limit) return found;
      continue;
    }
    spec.columns.forEach((column, c) => {
      if (found.length >= limit) return;
      const problem = cellProblem(rules, column, cells[c]);
      if (problem)
        found.push({ list, row: r, column: column.name, value: cells[c], rule: problem });
    });
    if (found.length >= limit) return found;
  }
  return found;
}

/** The first invalid cell of a list, or null when every cell keeps the rules. */
export function firstInvalidCell(
  rules: AnnexARules,
  list: string,
  csvText: string,
): InvalidCell | null {
  return invalidCells(rules, list, csvText, 1)[0] ?? null;
}

/** One line for a failure message: list, row, column, value and rule. */
export function describeInvalidCell(cell: InvalidCell): string {
  return `list ${cell.list}, row ${cell.row}, column "${cell.column}": ${JSON.stringify(cell.value)} ${cell.rule}`;
}
