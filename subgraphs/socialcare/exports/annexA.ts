/**
 * Ofsted's Annex A case lists (the child-level data template of the inspection of local authority
 * children's services) for the lists socialcare holds the data of: list 1 contacts, list 3
 * referrals and list 4 assessments, as CSV with the template's column headings, one row per child.
 *
 * Every list reads in keyset batches (`batchSize` rows per statement, ordered by a unique key)
 * inside one read-only REPEATABLE READ transaction, so the list is one consistent snapshot and
 * memory holds one batch, however long the period; rows go out through csv-stringify as the
 * destination takes them. Dates are local (Europe/London) dates as dd/mm/yyyy; an age is whole
 * years at the list's own date (the contact, the referral, the assessment's start). Columns of the
 * template socialcare holds nothing for are present and empty (see `ANNEX_A_LISTS`).
 */
import type { Writable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { pseudonymise } from '../pseudonym';
import { ageInYears, LOCAL_TIME_ZONE } from '../../../shared/time';
import { periodRange } from '../analytics/period';
import { writeCsv, type CsvCell } from './csv';

/** The lists this module writes. */
export const ANNEX_A_LIST_NAMES = ['LIST_1', 'LIST_3', 'LIST_4'] as const;
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

/** Annex A's yes/no drop-down values. */
export const ANNEX_A_YES = 'a) Yes';
export const ANNEX_A_NO = 'b) No';

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
    { heading: 'Ethnicity', cell: ({ row }: RowInput<R>) => row.ethnicity },
    { heading: 'Date of Birth', cell: ({ row }: RowInput<R>) => ukDate(row.date_of_birth) },
    {
      heading: 'Age of Child (Years)',
      cell: ({ row }: RowInput<R>) => ageOn(row.date_of_birth, on(row)),
    },
  ];
}

const empty = () => null;

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
    { heading: 'Contact Source', cell: ({ row }) => row.source_code },
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

interface ReferralRow extends ChildRow {
  referral_date: string;
  source_code: string;
  team: string;
  previous: number;
}

/**
 * List 3: every referral made in the period (a referral is of one child). Its source is its
 * contact's; its allocated team is the team that received the contact and made the referral.
 * "Number of Referrals in Last 12 Months" counts the child's earlier referrals made on or after
 * the same date twelve months before this one's (29 February: 28 February), this one not included.
 */
const LIST_3: ListDefinition<ReferralRow> = {
  fileName: 'annex-a-list-3-referrals.csv',
  columns: [
    ...childColumns<ReferralRow>((r) => r.referral_date),
    { heading: 'Date of referral', cell: ({ row }) => ukDate(row.referral_date) },
    { heading: 'Referral Source', cell: ({ row }) => row.source_code },
    { heading: 'Referral NFA?', cell: empty },
    { heading: 'Number of Referrals in Last 12 Months', cell: ({ row }) => row.previous },
    { heading: 'Allocated Team', cell: ({ row }) => row.team },
    { heading: 'Allocated Worker', cell: empty },
  ],
  keys: ['k_created', 'k_referral'],
  sql: (more) => `SELECT r.created_at::text AS k_created, r.id AS k_referral,
       ${localDate('r.created_at')} AS referral_date, c.source_code, c.team,
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
}

/**
 * List 4: every child and family assessment started in the period or authorised in it (one
 * started before and authorised during it included; one still open from before it not).
 */
const LIST_4: ListDefinition<AssessmentRow> = {
  fileName: 'annex-a-list-4-assessments.csv',
  columns: [
    ...childColumns<AssessmentRow>((r) => r.start_date),
    { heading: 'Does the Child have a Disability', cell: empty },
    { heading: 'Continuous Assessment Start Date', cell: ({ row }) => ukDate(row.start_date) },
    { heading: 'Child Seen During Continuous Assessment', cell: empty },
    {
      heading: 'Continuous Assessment Date of Authorisation',
      cell: ({ row }) => ukDate(row.authorised_date),
    },
    {
      heading: "Was the child assessed as requiring LA children's social care support?",
      cell: ({ row }) => (row.outcome ? (REQUIRES_SUPPORT[row.outcome] ?? null) : null),
    },
    { heading: 'Allocated Team', cell: empty },
    { heading: 'Allocated Worker', cell: empty },
  ],
  keys: ['k_started', 'k_assessment'],
  sql: (more) => `SELECT a.started_at::text AS k_started, a.id AS k_assessment,
       ${localDate('a.started_at')} AS start_date, ${localDate('a.authorised_at')} AS authorised_date,
       a.outcome, ${CHILD_COLUMNS}
  FROM assessments a
  JOIN children ch ON ch.id = a.child_id
 WHERE ((a.started_at >= $1 AND a.started_at < $2)
        OR (a.authorised_at >= $1 AND a.authorised_at < $2))
   ${more ? after('a.started_at', ['a.id'], 4) : ''}
 ORDER BY a.started_at, a.id COLLATE "C"
 LIMIT $3`,
};

// Each list's row type is its own; the export only passes rows from its statement to its cells.
const LISTS = { LIST_1, LIST_3, LIST_4 } as unknown as Record<
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
