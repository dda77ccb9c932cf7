/**
 * What the decision timeliness tests share (tests/integration/timeliness*.integration.test.ts):
 * the query, the rows expected, and contacts written as the front door would have stored them.
 */
import { decisionDueOneWorkingDay } from '../../subgraphs/socialcare/clocks';
import { testWorld, type RunningSubgraph } from './system';

/** Every column of a row of the answer. */
const ROW = `month week rag source team outcome
  received decided decidedWithin24Hours decidedWithinOneWorkingDay
  percentDecided percentWithin24Hours percentWithinOneWorkingDay
  medianHoursToDecision p90HoursToDecision stillOpen openOverdue openPast24Hours suppressed`;

/** The decision timeliness query: `from`, `to` and `groupBy` as variables. */
export const QUERY = `query ($from: Date!, $to: Date!, $groupBy: [TimelinessGrouping!]) {
  decisionTimeliness(from: $from, to: $to, groupBy: $groupBy) { ${ROW} }
}`;

/** The measures of a row. */
export interface Measures {
  received: number | null;
  decided: number | null;
  decidedWithin24Hours: number | null;
  decidedWithinOneWorkingDay: number | null;
  percentDecided: number | null;
  percentWithin24Hours: number | null;
  percentWithinOneWorkingDay: number | null;
  medianHoursToDecision: number | null;
  p90HoursToDecision: number | null;
  stillOpen: number | null;
  openOverdue: number | null;
  openPast24Hours: number | null;
}

/** The group keys of a row; null for a grouping not asked for. */
export interface Groups {
  month: string | null;
  week: string | null;
  rag: string | null;
  source: string | null;
  team: string | null;
  outcome: string | null;
}

/** A row of the answer. */
export type Row = Groups & Measures & { suppressed: boolean };

const NO_GROUPS: Groups = {
  month: null,
  week: null,
  rag: null,
  source: null,
  team: null,
  outcome: null,
};

/** An expected row: its group keys (the rest null), every measure, and not suppressed. */
export function row(groups: Partial<Groups>, measures: Measures, suppressed = false): Row {
  return { ...NO_GROUPS, ...groups, ...measures, suppressed };
}

/** The measures of a group whose contacts are all still open, each overdue both ways now. */
export function allOpenAndOverdue(n: number): Measures {
  return {
    received: n,
    decided: 0,
    decidedWithin24Hours: 0,
    decidedWithinOneWorkingDay: 0,
    percentDecided: 0,
    percentWithin24Hours: null,
    percentWithinOneWorkingDay: null,
    medianHoursToDecision: null,
    p90HoursToDecision: null,
    stillOpen: n,
    openOverdue: n,
    openPast24Hours: n,
  };
}

/** One child of a contact written by `insert`, and its decision. */
export interface ChildDecision {
  childId?: string;
  level: number | null;
  outcome: string | null;
  /** Defaults to the contact's closedAt. */
  decidedAt?: string | null;
}

/** A contact written by `insert`; what it leaves out takes a default. */
export interface ContactRow {
  receivedAt: string;
  closedAt?: string | null;
  rag?: string | null;
  source?: string;
  team?: string;
  /** Default: one child, decided at closedAt (level 2, no further action) when closed. */
  children?: ChildDecision[];
}

/**
 * The helpers of the timeliness tests, on the socialcare subgraph `sc()` returns (started by the
 * test file's beforeAll): contacts written straight into the tables, and the query asked.
 */
export function timelinessHelpers(sc: () => RunningSubgraph) {
  let seq = 0;
  const [childA, childB] = testWorld().socialcare.children;

  /** Writes contacts as the front door would have stored them. */
  async function insert(...contacts: ContactRow[]): Promise<void> {
    for (const c of contacts) {
      const id = `TL${String((seq += 1)).padStart(6, '0')}`;
      const closedAt = c.closedAt ?? null;
      const rag = c.rag === undefined ? 'AMBER' : c.rag;
      await sc().database.dataSource.query(
        `INSERT INTO contacts (id, received_at, source_code, referrer, concern, rag, rag_reason,
           screened_at, rated_since, team, version, stage, recorded_at,
           decision_due_working_day_at, closed_at)
         VALUES ($1, $2, $3, 'Timeliness test referrer', 'Timeliness test concern', $4::text,
           CASE WHEN $4::text IS NULL THEN NULL ELSE 'Timeliness test rating' END,
           CASE WHEN $4::text IS NULL THEN NULL ELSE $2::timestamptz END,
           CASE WHEN $4::text IS NULL THEN NULL ELSE $2::timestamptz END,
           $5, 1, $6, $2, $7, $8)`,
        [
          id,
          c.receivedAt,
          c.source ?? '6',
          rag,
          c.team ?? 'MASH North',
          closedAt ? 'DECIDED' : rag ? 'SCREENED' : 'RECEIVED',
          decisionDueOneWorkingDay(new Date(c.receivedAt)),
          closedAt,
        ],
      );
      const children = c.children ?? [
        closedAt
          ? { level: 2, outcome: 'NO_FURTHER_ACTION' }
          : { level: null, outcome: null, decidedAt: null },
      ];
      for (const [i, child] of children.entries()) {
        const decidedAt = child.decidedAt === undefined ? closedAt : child.decidedAt;
        await sc().database.dataSource.query(
          `INSERT INTO contact_children (contact_id, child_id, decided_at, level, outcome)
           VALUES ($1, $2, $3, $4, $5)`,
          [id, child.childId ?? [childA, childB][i].id, decidedAt, child.level, child.outcome],
        );
      }
    }
  }

  /** Asks for decision timeliness as `as` (an analyst unless given), under `requestId` if given. */
  async function timeliness(
    from: string,
    to: string,
    groupBy: string[] = [],
    as = 'analyst',
    requestId?: string,
  ) {
    return sc().query<{ decisionTimeliness: Row[] }>(
      QUERY,
      { from, to, groupBy },
      { as, ...(requestId ? { requestId } : {}) },
    );
  }

  /** The rows of the answer, which must have no errors. */
  async function rows(from: string, to: string, groupBy: string[] = []): Promise<Row[]> {
    const res = await timeliness(from, to, groupBy);
    expect(res.errors).toBeUndefined();
    return res.data!.decisionTimeliness;
  }

  return { insert, timeliness, rows };
}
