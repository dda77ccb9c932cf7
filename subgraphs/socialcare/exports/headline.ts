import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditRecorder } from '../../../shared/audit';
import type { Principal } from '../../../shared/auth';
import { RequestGrants, trustNoGrant } from '../../../shared/grants';
import { createContext } from '../context';
import { suppressTotal } from '../analytics/suppression';
import {
  decisionTimeliness,
  TIMELINESS_COUNTS,
  TIMELINESS_FIGURES,
  type TimelinessRow,
} from '../analytics/timeliness';

/** The headline of a report: decision timeliness for each month of the period, and in total. */
export interface Headline {
  months: TimelinessRow[];
  total: TimelinessRow;
}

/**
 * Who the report reads as: the authority running it on its own database, outside any request.
 * Only the context's type asks for one; `decisionTimeliness` itself applies no access rule (the
 * resolver does) and nothing here is audited.
 */
const REPORT_PRINCIPAL: Omit<Principal, 'requestId'> = {
  user: {
    id: 'npm-run-report',
    name: 'npm run report',
    agency: 'SOCIALCARE',
    role: 'ANALYST',
    team: null,
  },
  purpose: 'report',
  breakGlassReason: null,
  breakGlassChildId: null,
};

/**
 * Decision timeliness for contacts received from `from` to `to` (local dates, inclusive), grouped
 * by month and in total: socialcare's own `decisionTimeliness` (analytics/timeliness.ts), the
 * statement and the small-number suppression the GraphQL query answers with, as of `now`. Printed
 * together, the months and the total could give a month's withheld count back by subtraction, so
 * the total also withholds every count any month withholds (`suppressTotal`).
 */
export async function headlineTimeliness(
  dataSource: DataSource,
  period: { from: string; to: string },
  options: { now: Date; suppressBelow: number },
): Promise<Headline> {
  const principal = { ...REPORT_PRINCIPAL, requestId: randomUUID() };
  const ctx = createContext(
    dataSource,
    {
      now: options.now,
      principal,
      audit: new AuditRecorder(),
      grants: new RequestGrants(trustNoGrant, principal),
    },
    { analyticsSuppressBelow: options.suppressBelow },
  );
  const months = await decisionTimeliness({ ...period, groupBy: ['MONTH'] }, ctx);
  const [total] = await decisionTimeliness({ ...period, groupBy: [] }, ctx);
  return {
    months,
    total: { ...total, ...suppressTotal(total, months, TIMELINESS_COUNTS, TIMELINESS_FIGURES) },
  };
}

const COLUMNS: { heading: string; value: (row: TimelinessRow) => number | null }[] = [
  { heading: 'received', value: (r) => r.received },
  { heading: 'decided', value: (r) => r.decided },
  { heading: '<=24h', value: (r) => r.decidedWithin24Hours },
  { heading: '%', value: (r) => r.percentWithin24Hours },
  { heading: '<=1 WD', value: (r) => r.decidedWithinOneWorkingDay },
  { heading: '%', value: (r) => r.percentWithinOneWorkingDay },
  { heading: 'median h', value: (r) => r.medianHoursToDecision },
  { heading: 'p90 h', value: (r) => r.p90HoursToDecision },
  { heading: 'open', value: (r) => r.stillOpen },
  { heading: 'overdue', value: (r) => r.openOverdue },
];

/**
 * The headline as a plain-text table: a row per month (YYYY-MM), then the total. A figure that is
 * null (suppressed, or a rate of nothing) shows as '-'. "<=1 WD": decided within one working day;
 * "overdue": still open past its one-working-day deadline.
 */
export function formatHeadline(headline: Headline): string {
  const cell = (n: number | null) => (n === null ? '-' : String(n));
  const lines = [
    ['month', ...COLUMNS.map((c) => c.heading)],
    ...headline.months.map((r) => [r.month ?? '', ...COLUMNS.map((c) => cell(c.value(r)))]),
    ['total', ...COLUMNS.map((c) => cell(c.value(headline.total)))],
  ];
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const render = (l: string[]) =>
    l.map((text, i) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [
    render(lines[0]),
    rule,
    ...lines.slice(1, -1).map(render),
    rule,
    render(lines[lines.length - 1]),
  ].join('\n');
}
