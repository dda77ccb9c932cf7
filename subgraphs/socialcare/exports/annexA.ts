/**
 * Ofsted's Annex A case lists (the child-level data template of the inspection of local authority
 * children's services) for the lists socialcare holds the data of: list 1 contacts, list 2 early
 * help assessments, list 3 referrals and list 4 assessments, as CSV with the template's column
 * headings, one row per child.
 *
 * Every list reads in keyset batches (`batchSize` rows per statement, ordered by a unique key)
 * inside one read-only REPEATABLE READ transaction, so the list is one consistent snapshot and
 * memory holds one batch, however long the period; rows go out through csv-stringify as the
 * destination takes them. Dates are local (Europe/London) dates as dd/mm/yyyy; an age is whole
 * years at the list's own date (the contact, the referral, the assessment's start). Coded cells are
 * in the template's own drop-down form (`j) AIND`, `q) 6: Police`, `a) Yes`), the form public
 * Annex A tooling reads (Social Finance's liia-tools schema; tests/fixtures/annex-a).
 */
import type { Writable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { pseudonymise } from '../pseudonym';
import { ageInYears, LOCAL_TIME_ZONE } from '../../../shared/time';
import { periodRange } from '../analytics/period';
import { CONTACT_SOURCE_CODES, ETHNICITY_CODES } from '../codes';
import { writeCsv, type CsvCell } from './csv';

/** The lists this module writes. */
export const ANNEX_A_LIST_NAMES = ['LIST_1', 'LIST_2', 'LIST_3', 'LIST_4'] as const;
export type AnnexAListName = (typeof ANNEX_A_LIST_NAMES)[number];

/** The rows per statement when none is given. */
export const DEFAULT_BATCH_SIZE = 5000;

/**
 * The Gender cell for the sex socialcare records, as Annex A's drop-down reads it: `a) Male`,
 * `b) Female`, `c) Not stated/recorded` (its `d) Neither` is never recorded here). These are the
 * values public Annex A tooling writes and accepts (data-to-insight's Standard Safeguarding
 * Dataset Annex A queries; Social Finance's Annex A cleaner, whose categories are these codes and
 * which does not read the census's 1/2/0).
 */
export const ANNEX_A_GENDER: Readonly<Record<string, string>> = {
  MALE: 'a) Male',
  FEMALE: 'b) Female',
  UNKNOWN: 'c) Not stated/recorded',
};

/** Annex A's yes/no drop-down values, and the unknown of its yes/no/unknown columns. */
export const ANNEX_A_YES = 'a) Yes';
export const ANNEX_A_NO = 'b) No';
export const ANNEX_A_UNKNOWN = 'c) Unknown';

/**
 * The Ethnicity cell for each DfE code, lettered as the template's drop-down: `a) WBRI` to
 * `r) OOTH`, then `s) REFU` and `s) NOBT` (the template letters both `s)`).
 */
export const ANNEX_A_ETHNICITY: Readonly<Record<string, string>> = Object.fromEntries(
  ETHNICITY_CODES.map((code, i) => [code, `${'abcdefghijklmnopqrs'[Math.min(i, 18)]}) ${code}`]),
);

/** Ethnicity when none is recorded, or what is recorded is no DfE code: information not yet obtained. */
export const ANNEX_A_ETHNICITY_NOT_OBTAINED = 's) NOBT';

/** The Ethnicity cell for a recorded code (or none). */
export function annexAEthnicity(code: string | null): string {
  return (code && ANNEX_A_ETHNICITY[code]) || ANNEX_A_ETHNICITY_NOT_OBTAINED;
}

/** The words after each source code in the template's drop-down. */
const SOURCE_WORDS: Readonly<Record<string, string>> = {
  '1': 'Individual',
  '2A': 'Schools',
  '2B': 'Education services',
  '3': 'Health services',
  '4': 'Housing',
  '5': 'LA services',
  '6': 'Police',
  '7': 'Other legal agency',
  '8': 'Other',
  '9': 'Anonymous',
  '10': 'Unknown',
};

/**
 * The Contact Source and Referral Source cell for each census code, lettered as the template's
 * drop-down in the census's order: `a) 1A: Individual` ... `p) 5C: LA services`,
 * `p1) 5D: LA services` (added after the rest were lettered), `q) 6: Police` ... `u) 10: Unknown`.
 */
export const ANNEX_A_SOURCE: Readonly<Record<string, string>> = Object.fromEntries(
  CONTACT_SOURCE_CODES.map((code) => {
    const i = CONTACT_SOURCE_CODES.indexOf(code);
    const after5D = i > CONTACT_SOURCE_CODES.indexOf('5D');
    const letter = code === '5D' ? 'p1' : 'abcdefghijklmnopqrstu'[after5D ? i - 1 : i];
    const words = SOURCE_WORDS[code] ?? SOURCE_WORDS[code.replace(/[A-Z]$/, '')];
    return [code, `${letter}) ${code}: ${words}`];
  }),
);

/** Does the Child have a Disability: YES, NO, UNKNOWN; not recorded is unknown. */
export const ANNEX_A_DISABILITY: Readonly<Record<string, string>> = {
  YES: ANNEX_A_YES,
  NO: ANNEX_A_NO,
  UNKNOWN: ANNEX_A_UNKNOWN,
};

/** Allocated Worker when none is recorded (a referral not yet accepted, or history without one). */
export const ANNEX_A_UNALLOCATED = 'Unallocated';

/**
 * "Was the child assessed as requiring LA children's social care support?" from an authorised
 * assessment's outcome: a child in need plan or a section 47 enquiry is support from children's
 * social care (`a) Yes`); no further action and a step down to early help are not (`b) No`).
 * OTHER, and an assessment not yet authorised, leave the cell empty.
 */
export const REQUIRES_SUPPORT: Readonly<Record<string, string>> = {
  CHILD_IN_NEED_PLAN: ANNEX_A_YES,
  SECTION_47: ANNEX_A_YES,
  NO_FURTHER_ACTION: ANNEX_A_NO,
  STEP_DOWN_TO_EARLY_HELP: ANNEX_A_NO,
};

/** 'YYYY-MM-DD' as 'dd/mm/yyyy'; null stays null. */
export function ukDate(date: string | null): string | null {
  if (date === null) return null;
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * Whole years from a date of birth to `on` (both 'YYYY-MM-DD'); null when the birth date is not
 * known (an unborn child) or comes after `on` (a contact about a child before birth).
 */
export function ageOn(dateOfBirth: string | null, on: string): number | null {
  if (dateOfBirth === null || dateOfBirth > on) return null;
  return ageInYears(dateOfBirth, on);
}

/** What every list reads about its child. */
interface ChildRow {
  child_id: string;
  sex: string;
  ethnicity: string | null;
  date_of_birth: string | null;
}

/** One row as a list's columns see it: the statement's row and the child id to show. */
interface RowInput<R> {
  row: R;
  childId: string;
}

interface ListDefinition<R extends ChildRow> {
  /** The file name the report writes it to. */
  fileName: string;
  /** The template's headings, in its order, with how each cell is filled. */
  columns: readonly { heading: string; cell: (input: RowInput<R>) => CsvCell }[];
  /** The statement's key columns, in ORDER BY order; their last values start the next batch. */
  keys: readonly string[];
  /**
   * The statement: $1 the period's first instant, $2 the instant after it, $3 the batch size;
   * after the first batch, $4... the previous batch's last key.
   */
  sql: (after: boolean) => string;
}

const localDate = (instant: string) =>
  `to_char(${instant} AT TIME ZONE '${LOCAL_TIME_ZONE}', 'YYYY-MM-DD')`;

const CHILD_COLUMNS = `ch.id AS child_id, ch.sex, ch.ethnicity,
       to_char(ch.date_of_birth, 'YYYY-MM-DD') AS date_of_birth`;

/** The columns every list starts with; `on` is the date the age is taken at. */
function childColumns<R extends ChildRow>(on: (row: R) => string) {
  return [
    { heading: 'Child Unique ID', cell: ({ childId }: RowInput<R>) => childId },
    { heading: 'Gender', cell: ({ row }: RowInput<R>) => ANNEX_A_GENDER[row.sex] ?? null },
    { heading: 'Ethnicity', cell: ({ row }: RowInput<R>) => annexAEthnicity(row.ethnicity) },
    { heading: 'Date of Birth', cell: ({ row }: RowInput<R>) => ukDate(row.date_of_birth) },
    {
      heading: 'Age of Child (Years)',
      cell: ({ row }: RowInput<R>) => ageOn(row.date_of_birth, on(row)),
    },
  ];
}

/**
 * Keyset continuation: rows after the last key, by the same order as ORDER BY. Text keys compare
 * by code point (COLLATE "C"), in the ORDER BY too, so the two agree on every database; the
 * leading instant is also given on its own, so an index on it bounds the scan.
 */
function after(instant: string, texts: string[], first: number): string {
  const params = texts.map((_, i) => `$${first + 1 + i}::text`);
  return `AND ${instant} >= $${first}::timestamptz
   AND (${instant}, ${texts.map((t) => `${t} COLLATE "C"`).join(', ')})
       > ($${first}::timestamptz, ${params.join(', ')})`;
}

interface ContactRow extends ChildRow {
  contact_date: string;
  source_code: string;
}

/** List 1: every contact received in the period, a row per child it is about. */
const LIST_1: ListDefinition<ContactRow> = {
  fileName: 'annex-a-list-1-contacts.csv',
  columns: [
    ...childColumns<ContactRow>((r) => r.contact_date),
    { heading: 'Date of Contact', cell: ({ row }) => ukDate(row.contact_date) },
    { heading: 'Contact Source', cell: ({ row }) => ANNEX_A_SOURCE[row.source_code] ?? null },
  ],
  keys: ['k_received', 'k_contact', 'k_child'],
  // The instant is keyed as its text: a JavaScript Date would drop the microseconds.
  sql: (
    more,
  ) => `SELECT c.received_at::text AS k_received, c.id AS k_contact, cc.child_id AS k_child,
       ${localDate('c.received_at')} AS contact_date, c.source_code, ${CHILD_COLUMNS}
  FROM contacts c
  JOIN contact_children cc ON cc.contact_id = c.id
  JOIN children ch ON ch.id = cc.child_id
 WHERE c.received_at >= $1 AND c.received_at < $2
   ${more ? after('c.received_at', ['c.id', 'cc.child_id'], 4) : ''}
 ORDER BY c.received_at, c.id COLLATE "C", cc.child_id COLLATE "C"
 LIMIT $3`,
};

interface EarlyHelpRow extends ChildRow {
  start_date: string;
  completed_date: string | null;
  organisation: string;
}

/**
 * List 2: every early help assessment started in the period or completed in it (as list 4), from
 * the early help episodes that step-downs open: a row per episode with an assessment. The
 * organisation completing it is the one the episode records, else the provider it was offered
 * to. Dates are the episode's local dates as recorded; the age is at the assessment's start.
 */
const LIST_2: ListDefinition<EarlyHelpRow> = {
  fileName: 'annex-a-list-2-early-help.csv',
  columns: [
    ...childColumns<EarlyHelpRow>((r) => r.start_date),
    { heading: 'Assessment start date', cell: ({ row }) => ukDate(row.start_date) },
    { heading: 'Assessment completion date', cell: ({ row }) => ukDate(row.completed_date) },
    { heading: 'Organisation completing assessment', cell: ({ row }) => row.organisation },
  ],
  keys: ['k_started', 'k_episode'],
  // The period's instants back to its local dates, which the episode's dates are.
  sql: (more) => `SELECT to_char(e.assessment_started_on, 'YYYY-MM-DD') AS k_started,
       e.id AS k_episode, to_char(e.assessment_started_on, 'YYYY-MM-DD') AS start_date,
       to_char(e.assessment_completed_on, 'YYYY-MM-DD') AS completed_date,
       coalesce(nullif(btrim(e.assessment_organisation), ''), p.name) AS organisation,
       ${CHILD_COLUMNS}
  FROM early_help_episodes e
  JOIN early_help_providers p ON p.id = e.provider_id
  JOIN children ch ON ch.id = e.child_id
 WHERE e.assessment_started_on IS NOT NULL
   AND ((e.assessment_started_on >= ($1::timestamptz AT TIME ZONE '${LOCAL_TIME_ZONE}')::date
         AND e.assessment_started_on < ($2::timestamptz AT TIME ZONE '${LOCAL_TIME_ZONE}')::date)
        OR (e.assessment_completed_on >= ($1::timestamptz AT TIME ZONE '${LOCAL_TIME_ZONE}')::date
         AND e.assessment_completed_on < ($2::timestamptz AT TIME ZONE '${LOCAL_TIME_ZONE}')::date))
   ${more ? `AND (e.assessment_started_on, e.id COLLATE "C") > ($4::date, $5::text)` : ''}
 ORDER BY e.assessment_started_on, e.id COLLATE "C"
 LIMIT $3`,
};

interface ReferralRow extends ChildRow {
  referral_date: string;
  source_code: string;
  team: string;
  worker: string | null;
  nfa: boolean;
  previous: number;
}

/**
 * A referral closed with no further action (Referral NFA?), as the children-in-need census means
 * it: accepted by the receiving team and closed at the referral stage, with no assessment after it,
 * as the records stand when the list is written. A referral whose assessment ended in no further
 * action was assessed, so is not one (list 4 says how its assessment ended); one not yet accepted
 * is still open.
 */
const REFERRAL_NFA = `(r.completed_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM assessments x WHERE x.referral_id = r.id))`;

/**
 * List 3: every referral made in the period (a referral is of one child). Its source is its
 * contact's; its allocated team and worker are those recorded when the receiving team accepted it
 * (`completeReferral`, or the import); without a team, the team that received the contact and made
 * the referral; without a worker, `Unallocated`. Referral NFA? is REFERRAL_NFA.
 * "Number of Referrals in Last 12 Months" counts the child's earlier referrals made on or after
 * the same date twelve months before this one's (29 February: 28 February), this one not included.
 */
const LIST_3: ListDefinition<ReferralRow> = {
  fileName: 'annex-a-list-3-referrals.csv',
  columns: [
    ...childColumns<ReferralRow>((r) => r.referral_date),
    { heading: 'Date of referral', cell: ({ row }) => ukDate(row.referral_date) },
    { heading: 'Referral Source', cell: ({ row }) => ANNEX_A_SOURCE[row.source_code] ?? null },
    { heading: 'Referral NFA?', cell: ({ row }) => (row.nfa ? ANNEX_A_YES : ANNEX_A_NO) },
    { heading: 'Number of Referrals in Last 12 Months', cell: ({ row }) => row.previous },
    { heading: 'Allocated Team', cell: ({ row }) => row.team },
    { heading: 'Allocated Worker', cell: ({ row }) => row.worker ?? ANNEX_A_UNALLOCATED },
  ],
  keys: ['k_created', 'k_referral'],
  sql: (more) => `SELECT r.created_at::text AS k_created, r.id AS k_referral,
       ${localDate('r.created_at')} AS referral_date, c.source_code,
       coalesce(r.allocated_team, c.team) AS team, r.allocated_worker AS worker,
       ${REFERRAL_NFA} AS nfa,
       (SELECT count(*) FROM referrals p
         WHERE p.child_id = r.child_id
           AND (p.created_at, p.id COLLATE "C") < (r.created_at, r.id COLLATE "C")
           AND (p.created_at AT TIME ZONE '${LOCAL_TIME_ZONE}')::date
               >= ((r.created_at AT TIME ZONE '${LOCAL_TIME_ZONE}')::date - interval '12 months')::date
       )::int AS previous,
       ${CHILD_COLUMNS}
  FROM referrals r
  JOIN contacts c ON c.id = r.contact_id
  JOIN children ch ON ch.id = r.child_id
 WHERE r.created_at >= $1 AND r.created_at < $2
   ${more ? after('r.created_at', ['r.id'], 4) : ''}
 ORDER BY r.created_at, r.id COLLATE "C"
 LIMIT $3`,
};

interface AssessmentRow extends ChildRow {
  start_date: string;
  authorised_date: string | null;
  outcome: string | null;
  disability: string | null;
  child_seen: boolean | null;
  team: string;
  worker: string | null;
}

const yesNoUnknown = (value: boolean | null) =>
  value === null ? ANNEX_A_UNKNOWN : value ? ANNEX_A_YES : ANNEX_A_NO;

/**
 * List 4: every child and family assessment started in the period or authorised in it (one
 * started before and authorised during it included; one still open from before it not). The
 * child's disability and whether the child was seen are unknown (`c) Unknown`) when not recorded;
 * the allocated team and worker are the assessment's, else its referral's, else (the team) its
 * contact's and (the worker) `Unallocated`.
 */
const LIST_4: ListDefinition<AssessmentRow> = {
  fileName: 'annex-a-list-4-assessments.csv',
  columns: [
    ...childColumns<AssessmentRow>((r) => r.start_date),
    {
      heading: 'Does the Child have a Disability',
      cell: ({ row }) => ANNEX_A_DISABILITY[row.disability ?? 'UNKNOWN'] ?? ANNEX_A_UNKNOWN,
    },
    { heading: 'Continuous Assessment Start Date', cell: ({ row }) => ukDate(row.start_date) },
    {
      heading: 'Child Seen During Continuous Assessment',
      cell: ({ row }) => yesNoUnknown(row.child_seen),
    },
    {
      heading: 'Continuous Assessment Date of Authorisation',
      cell: ({ row }) => ukDate(row.authorised_date),
    },
    {
      heading: "Was the child assessed as requiring LA children's social care support?",
      cell: ({ row }) => (row.outcome ? (REQUIRES_SUPPORT[row.outcome] ?? null) : null),
    },
    { heading: 'Allocated Team', cell: ({ row }) => row.team },
    { heading: 'Allocated Worker', cell: ({ row }) => row.worker ?? ANNEX_A_UNALLOCATED },
  ],
  keys: ['k_started', 'k_assessment'],
  sql: (more) => `SELECT a.started_at::text AS k_started, a.id AS k_assessment,
       ${localDate('a.started_at')} AS start_date, ${localDate('a.authorised_at')} AS authorised_date,
       a.outcome, ch.disability, a.child_seen,
       coalesce(a.allocated_team, r.allocated_team, c.team) AS team,
       coalesce(a.allocated_worker, r.allocated_worker) AS worker, ${CHILD_COLUMNS}
  FROM assessments a
  JOIN referrals r ON r.id = a.referral_id
  JOIN contacts c ON c.id = r.contact_id
  JOIN children ch ON ch.id = a.child_id
 WHERE ((a.started_at >= $1 AND a.started_at < $2)
        OR (a.authorised_at >= $1 AND a.authorised_at < $2))
   ${more ? after('a.started_at', ['a.id'], 4) : ''}
 ORDER BY a.started_at, a.id COLLATE "C"
 LIMIT $3`,
};

// Each list's row type is its own; the export only passes rows from its statement to its cells.
const LISTS = { LIST_1, LIST_2, LIST_3, LIST_4 } as unknown as Record<
  AnnexAListName,
  ListDefinition<ChildRow>
>;

const describe = (list: ListDefinition<ChildRow>) => ({
  fileName: list.fileName,
  headings: list.columns.map((c) => c.heading),
});

/** Each list's file name and headings, in the template's order. */
export const ANNEX_A_LISTS: Readonly<
  Record<AnnexAListName, { fileName: string; headings: readonly string[] }>
> = {
  LIST_1: describe(LISTS.LIST_1),
  LIST_2: describe(LISTS.LIST_2),
  LIST_3: describe(LISTS.LIST_3),
  LIST_4: describe(LISTS.LIST_4),
};

export interface AnnexAExportOptions {
  /** The period's first local date, 'YYYY-MM-DD'. */
  from: string;
  /** The period's last local date, inclusive. */
  to: string;
  /**
   * True: the child id column holds the local authority's own ids (the authority's own submission
   * to Ofsted). False or absent: pseudonyms under `pseudonymKey`.
   */
  identified?: boolean;
  /** Required unless `identified`: the key of ../pseudonym.ts. */
  pseudonymKey?: string | null;
  /** Rows per statement; DEFAULT_BATCH_SIZE when absent. */
  batchSize?: number;
  /**
   * The most data rows the list may have; absent: no limit. A list that would have more fails
   * with AnnexAListTooLong before the batch that would pass the limit is written, so the
   * destination holds a partial list: whoever sets a limit discards what was written on failure.
   */
  maxRows?: number;
}

/** Thrown by `exportAnnexAList` when the list would have more rows than its `maxRows`. */
export class AnnexAListTooLong extends Error {
  constructor(
    readonly list: AnnexAListName,
    readonly maxRows: number,
  ) {
    super(`The ${list} list would have more than ${maxRows} rows`);
    this.name = 'AnnexAListTooLong';
  }
}

export interface AnnexAExportResult {
  /** Data rows written (the header line not counted). */
  rows: number;
  /** Statements run: one per batch, the last one short (or empty). */
  batches: number;
}

/**
 * Writes one list for a period of local dates to `out` as CSV (header line first) and ends it.
 * Throws before reading or writing anything when the period is invalid (`periodRange`'s
 * BAD_USER_INPUT), the batch size is not a positive integer, `maxRows` is not a whole number of
 * at least 0, or a pseudonymised list has no key or one too short; a failure after that (the list
 * passing `maxRows` too: AnnexAListTooLong) destroys `out` with the error and throws it.
 */
export async function exportAnnexAList(
  dataSource: DataSource,
  name: AnnexAListName,
  options: AnnexAExportOptions,
  out: Writable,
): Promise<AnnexAExportResult> {
  const list = LISTS[name];
  if (!list) throw new Error(`No Annex A list ${String(name)}`);
  const range = periodRange(options.from, options.to);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`The batch size must be a positive whole number, not ${batchSize}`);
  }
  const maxRows = options.maxRows ?? Infinity;
  if (options.maxRows !== undefined && (!Number.isInteger(maxRows) || maxRows < 0)) {
    throw new Error(`The most rows must be a whole number of at least 0, not ${maxRows}`);
  }
  const key = options.pseudonymKey ?? null;
  if (!options.identified && key === null) {
    throw new Error('A pseudonymised list needs the pseudonym key (PSEUDONYM_KEY)');
  }
  // Refused here rather than at the first row, with half a list written.
  if (!options.identified) pseudonymise(key!, '');
  const shown = options.identified ? (id: string) => id : (id: string) => pseudonymise(key!, id);
  const result: AnnexAExportResult = { rows: 0, batches: 0 };
  await writeCsv(
    list.columns.map((c) => c.heading),
    out,
    (write) =>
      dataSource.transaction('REPEATABLE READ', async (m: EntityManager) => {
        await m.query('SET TRANSACTION READ ONLY');
        let last: string[] = [];
        for (;;) {
          const rows = (await m.query(list.sql(last.length > 0), [
            range.start,
            range.end,
            batchSize,
            ...last,
          ])) as (ChildRow & Record<string, string>)[];
          result.batches += 1;
          if (result.rows + rows.length > maxRows) throw new AnnexAListTooLong(name, maxRows);
          for (const row of rows) {
            const input = { row, childId: shown(row.child_id) };
            const wait = write(list.columns.map((c) => c.cell(input)));
            if (wait) await wait;
          }
          result.rows += rows.length;
          if (rows.length < batchSize) break;
          const end = rows[rows.length - 1];
          const next = list.keys.map((k) => String(end[k]));
          // A key that fails to move on would repeat the batch forever; never expected.
          if (next.every((k, i) => k === last[i])) {
            throw new Error(`The ${name} export stopped moving at ${next.join(', ')}`);
          }
          last = next;
        }
      }),
  );
  return result;
}
