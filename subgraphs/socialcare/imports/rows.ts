/**
 * The columns of each import file and the rules for one row, with no database: a row comes out in
 * its stored form or with every problem found in it. What needs the database (does the child
 * exist, is the contact already stored) is load.ts's.
 */
import { decisionDueOneWorkingDay, RAG_RATINGS } from '../clocks';
import { isAdultOn } from '../../../shared/age';
import { forbiddenCharacter } from '../../../shared/limits';
import { localDate } from '../../../shared/time';
import { BANK_HOLIDAY_YEARS, CalendarRangeError } from '../../../shared/working-days';
import { CONTACT_OUTCOMES, CONTACT_SOURCE_CODES, CONTACT_SOURCES } from '../codes';
import * as valid from '../frontdoor/validate';
import type { CsvRecord } from './csv';
import { requireSocialcareTeam, SOCIALCARE_TEAMS, socialcareTeam } from '../teams';

/** What a file holds, told by its header. */
export type ImportKind = 'contacts' | 'referrals' | 'assessments';

/** Each kind's columns: those every file must have, and those it may add. */
export const COLUMNS: Record<ImportKind, { required: string[]; optional: string[] }> = {
  contacts: {
    required: ['contact_id', 'received_at', 'source', 'decided_at', 'level', 'outcome'],
    optional: [
      'child_id',
      'given_name',
      'family_name',
      'date_of_birth',
      'nhs_number',
      'upn',
      'sex',
      'disability',
      'rag',
      'team',
      'referrer',
      'concern',
      'decided_by',
    ],
  },
  referrals: {
    required: ['referral_id', 'contact_id', 'child_id', 'created_at', 'completed_at'],
    optional: ['created_by', 'completed_by', 'allocated_team', 'allocated_worker'],
  },
  assessments: {
    required: ['assessment_id', 'referral_id', 'started_at', 'authorised_at', 'outcome'],
    optional: ['authorised_by', 'allocated_team', 'allocated_worker', 'child_seen'],
  },
};

/** The child's details a contacts file gives instead of a child id (sex may be left out). */
const CHILD_DETAILS = ['given_name', 'family_name', 'date_of_birth'];

/** The assessments table's CHECK on `outcome` (migration AddAssessmentsAndPlans). */
export const ASSESSMENT_OUTCOMES = [
  'NO_FURTHER_ACTION',
  'CHILD_IN_NEED_PLAN',
  'SECTION_47',
  'STEP_DOWN_TO_EARLY_HELP',
  'OTHER',
];

const SEXES = ['MALE', 'FEMALE', 'UNKNOWN'];
const DISABILITIES = ['YES', 'NO', 'UNKNOWN'];

/**
 * A referral's or an assessment's allocated team and worker: the team one of socialcare's
 * registered teams (id or name, stored as its name), the worker a name of 1 to 200 characters;
 * empty: not recorded.
 */
function allocation(f: Fields, p: Problems): { team: string | null; worker: string | null } {
  let team: string | null = null;
  if (f('allocated_team') !== '') {
    team = socialcareTeam(f('allocated_team'));
    if (team === null) {
      p.add(
        `allocated_team "${f('allocated_team')}" is not a socialcare team: one of ${SOCIALCARE_TEAMS.map((t) => t.name).join(', ')}`,
      );
    }
  }
  const worker = f('allocated_worker').trim() || null;
  if (worker !== null && worker.length > 200) p.add('allocated_worker is over 200 characters');
  return { team, worker };
}

/** What a contact stores for a referrer or a concern the file does not give. */
export const NOT_RECORDED = {
  referrer: 'Not recorded (imported)',
  concern: 'Not recorded (imported)',
};

/** The file's own ids: 1 to 64 letters, digits, `-`, `_` or `/`, kept exactly as given. */
const FILE_ID = /^[A-Za-z0-9_/-]{1,64}$/;

/**
 * The kind of file a header starts, and what is wrong with the header (missing, unknown or
 * repeated columns); null kind when it is none of the three.
 */
export function kindOf(header: string[]): { kind: ImportKind | null; problems: string[] } {
  const kind: ImportKind | null = header.includes('assessment_id')
    ? 'assessments'
    : header.includes('referral_id')
      ? 'referrals'
      : header.includes('contact_id')
        ? 'contacts'
        : null;
  if (kind === null) {
    return {
      kind,
      problems: [
        'the header names no contact_id, referral_id or assessment_id column: the first line must be the header of a contacts, referrals or assessments file',
      ],
    };
  }
  const { required, optional } = COLUMNS[kind];
  const problems: string[] = [];
  const repeated = header.filter((c, i) => header.indexOf(c) !== i);
  if (repeated.length > 0) problems.push(`column ${[...new Set(repeated)].join(', ')} is repeated`);
  const unknown = header.filter((c) => !required.includes(c) && !optional.includes(c));
  if (unknown.length > 0) {
    problems.push(
      `unknown column ${unknown.map((c) => `"${c}"`).join(', ')} (a ${kind} file has ${[...required, ...optional].join(', ')})`,
    );
  }
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) problems.push(`a ${kind} file needs the column ${missing.join(', ')}`);
  if (
    kind === 'contacts' &&
    !header.includes('child_id') &&
    !CHILD_DETAILS.every((c) => header.includes(c))
  ) {
    problems.push(
      'a contacts file needs child_id, or given_name, family_name and date_of_birth, or all four',
    );
  }
  return { kind, problems };
}

/** A record's fields by column name ('' for a column the file does not have). */
export type Fields = (column: string) => string;

/** The record's fields by the header's names. */
export function fieldsOf(header: string[], record: CsvRecord): Fields {
  const index = new Map(header.map((c, i) => [c, i]));
  return (column) => {
    const i = index.get(column);
    return i === undefined ? '' : (record.fields[i] ?? '');
  };
}

/**
 * A problem for each field of a record holding a control character (shared/limits.ts
 * `forbiddenCharacter`: tab, line feed and carriage return are fine), naming the column and the
 * character, never the field's text.
 */
export function controlCharacters(header: string[], record: CsvRecord): string[] {
  return header.flatMap((column, i) => {
    const character = forbiddenCharacter(record.fields[i] ?? '');
    return character
      ? [
          `${column} holds a control character (${character}): a field may hold no control characters but tab, line feed and carriage return`,
        ]
      : [];
  });
}

// YYYY-MM-DD, T or a space, hh:mm, optional seconds and fraction, then Z or an offset.
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 'YYYY-MM-DD' as a real calendar date, or null. */
export function calendarDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return value;
}

/**
 * An ISO 8601 instant with its offset (`2025-03-01T09:30:00Z`, `2025-06-02T09:30+01:00`; a space
 * may stand for the T; seconds and fractions optional, kept to the millisecond), or the problem
 * with it. A local time without an offset is refused: it could be either side of a clock change.
 */
export function instant(value: string, column: string): { at: Date } | { problem: string } {
  const m = INSTANT.exec(value);
  if (!m) {
    if (calendarDate(value)) {
      return {
        problem: `${column} "${value}" is a date, not an instant: give the time and its offset, e.g. ${value}T09:30:00Z`,
      };
    }
    return {
      problem: `${column} "${value}" is not an ISO 8601 instant with an offset, e.g. 2025-03-01T09:30:00Z or 2025-06-02T09:30:00+01:00`,
    };
  }
  if (!m[8]) {
    return {
      problem: `${column} "${value}" has no offset: add Z for UTC or the offset of the time given, e.g. +01:00 in British Summer Time`,
    };
  }
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = Number(m[6] ?? 0);
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const zone = /^([+-])(\d{2}):?(\d{2})?$/.exec(m[8]);
  const sign = zone?.[1] === '-' ? -1 : 1;
  const offsetHours = Number(zone?.[2] ?? 0);
  const offsetMinutes = Number(zone?.[3] ?? 0);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    offsetHours > 14 ||
    offsetMinutes > 59
  ) {
    return { problem: `${column} "${value}" is not a real date and time` };
  }
  const utc =
    Date.UTC(year, month - 1, day, hour, minute, second, millis) -
    sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  return { at: new Date(utc) };
}

/** Collects a row's problems; `check` runs a front-door validator and keeps its message. */
class Problems {
  readonly list: string[] = [];

  add(problem: string): void {
    this.list.push(problem);
  }

  check<T>(run: () => T): T | null {
    try {
      return run();
    } catch (error) {
      this.add((error as Error).message.replace(/`/g, ''));
      return null;
    }
  }

  /** An instant column: required, or empty (null) when optional; never after `now`. */
  instant(f: Fields, column: string, now: Date, required: boolean): Date | null {
    const value = f(column);
    if (value === '') {
      if (required) this.add(`${column} is required`);
      return null;
    }
    const parsed = instant(value, column);
    if ('problem' in parsed) {
      this.add(parsed.problem);
      return null;
    }
    if (parsed.at.getTime() > now.getTime()) {
      this.add(`${column} ${value} is in the future`);
      return null;
    }
    return parsed.at;
  }

  /** One of the file's own ids, required. */
  id(f: Fields, column: string): string {
    const value = f(column);
    if (value === '') this.add(`${column} is required`);
    else if (!FILE_ID.test(value)) {
      this.add(`${column} "${value}" must be 1 to 64 letters, digits, -, _ or /`);
    } else if (/^[A-Z]{2}[0-9]{16,}$/.test(value)) {
      // sync_number_sequences() reads the number of an id shaped like the service's own
      // (CT0001234, RF000123) as a bigint; this many digits would not fit its sequence.
      this.add(`${column} "${value}" has more digits than the service's numbering can follow`);
    }
    return value;
  }

  /** An author's user id, or null when empty. */
  author(f: Fields, column: string): string | null {
    const value = f(column);
    return value === '' ? null : this.check(() => valid.text(value, column, 1, 64));
  }
}

/** A threshold decision as stored. */
export interface ImportedDecision {
  decidedAt: Date;
  level: number;
  outcome: string;
  decidedBy: string | null;
}

/** A new child's details, when the row does not name an existing child. */
export interface ChildDetails {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: string;
  /** YES, NO or UNKNOWN; null: not recorded. */
  disability?: string | null;
}

/** One valid row of a contacts file: one child on one contact. */
export interface ContactRow {
  line: number;
  contactId: string;
  /** An existing child, or null when `details` say who the child is. */
  childId: string | null;
  details: ChildDetails | null;
  nhsNumber: string | null;
  upn: string | null;
  receivedAt: Date;
  decisionDueAt: Date;
  source: string;
  rag: string | null;
  team: string;
  referrer: string;
  concern: string;
  decision: ImportedDecision | null;
}

/** Options a row's rules depend on. */
export interface RowContext {
  now: Date;
  /** The team for contacts whose row gives none (`--team`). */
  team: string | null;
}

/** One row of a contacts file, or every problem with it. */
export function contactRow(
  f: Fields,
  line: number,
  ctx: RowContext,
): { row: ContactRow } | { problems: string[] } {
  const p = new Problems();
  const contactId = p.id(f, 'contact_id');

  const childId = f('child_id');
  const nhsNumber = f('nhs_number')
    ? p.check(() => valid.nhsNumber(f('nhs_number'), 'nhs_number'))
    : null;
  const upn = f('upn') ? p.check(() => valid.upn(f('upn'), 'upn')) : null;
  let details: ChildDetails | null = null;
  const given = [...CHILD_DETAILS, 'sex', 'disability'].filter((c) => f(c) !== '');
  if (childId !== '') {
    if (!FILE_ID.test(childId))
      p.add(`child_id "${childId}" must be 1 to 64 letters, digits, -, _ or /`);
    if (given.length > 0) {
      p.add(
        `give child_id or the child's details, not both: ${given.join(', ')} must be empty when child_id is given (nhs_number and upn may be given)`,
      );
    }
  } else {
    const missing = CHILD_DETAILS.filter((c) => f(c) === '');
    if (missing.length > 0) {
      p.add(
        `child_id is empty, so the child's ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required`,
      );
    } else {
      // Stored clean and in one script, as the front door stores them (shared/names.ts).
      const givenName = p.check(() => valid.name(f('given_name'), 'given_name', 100));
      const familyName = p.check(() => valid.name(f('family_name'), 'family_name', 100));
      const dob = calendarDate(f('date_of_birth'));
      if (!dob) p.add('date_of_birth must be a real date written YYYY-MM-DD');
      else if (dob > localDate(ctx.now)) p.add('date_of_birth is in the future');
      const sex = f('sex').toUpperCase() || 'UNKNOWN';
      if (!SEXES.includes(sex)) p.add(`sex "${f('sex')}" must be MALE, FEMALE or UNKNOWN`);
      const disability = f('disability').toUpperCase() || null;
      if (disability !== null && !DISABILITIES.includes(disability)) {
        p.add(`disability "${f('disability')}" must be YES, NO or UNKNOWN`);
      }
      if (givenName !== null && familyName !== null && dob) {
        details = { givenName, familyName, dateOfBirth: dob, sex, disability };
      }
    }
  }

  const receivedAt = p.instant(f, 'received_at', ctx.now, true);
  if (details && receivedAt && isAdultOn(details.dateOfBirth, localDate(receivedAt))) {
    p.add(
      `date_of_birth ${details.dateOfBirth} makes the child 18 or over on ${localDate(receivedAt)}, the day of received_at: a child is under 18, and an adult is never recorded as one`,
    );
  }
  let decisionDueAt: Date | null = null;
  if (receivedAt) {
    try {
      decisionDueAt = decisionDueOneWorkingDay(receivedAt);
    } catch (error) {
      if (!(error instanceof CalendarRangeError)) throw error;
      p.add(
        `received_at ${f('received_at')} is outside the working-day calendar (bank holidays ${BANK_HOLIDAY_YEARS.first}-${BANK_HOLIDAY_YEARS.last}), so its one-working-day deadline cannot be set`,
      );
    }
  }
  const source = f('source').toUpperCase();
  if (source === '') p.add('source is required');
  else if (!(source in CONTACT_SOURCES)) {
    p.add(
      `source "${f('source')}" is not a DfE contact source code (${CONTACT_SOURCE_CODES.join(', ')})`,
    );
  }
  const rag = f('rag').toUpperCase() || null;
  if (rag !== null && !(RAG_RATINGS as readonly string[]).includes(rag))
    p.add(`rag "${f('rag')}" must be ${RAG_RATINGS.join(', ')} or empty`);
  const teamGiven = f('team');
  const team = teamGiven
    ? p.check(() => requireSocialcareTeam(valid.text(teamGiven, 'team', 1, 64), 'team'))
    : ctx.team;
  if (team === null && !teamGiven) p.add('team is empty and no --team was given');
  const referrer = f('referrer')
    ? p.check(() => valid.text(f('referrer'), 'referrer', 1, 200))
    : NOT_RECORDED.referrer;
  const concern = f('concern')
    ? p.check(() => valid.text(f('concern'), 'concern', 1, 4000))
    : NOT_RECORDED.concern;

  const decidedAt = p.instant(f, 'decided_at', ctx.now, false);
  const levelText = f('level');
  const outcome = f('outcome').toUpperCase();
  const decidedBy = p.author(f, 'decided_by');
  let decision: ImportedDecision | null = null;
  if (f('decided_at') === '') {
    const stray = ['level', 'outcome', 'decided_by'].filter((c) => f(c) !== '');
    if (stray.length > 0) {
      p.add(`${stray.join(' and ')} given without decided_at: a decision needs its instant`);
    }
  } else {
    const level = Number(levelText);
    if (levelText === '') p.add('level is required when decided_at is given');
    else if (!/^[1-4]$/.test(levelText)) p.add(`level "${levelText}" must be 1, 2, 3 or 4`);
    if (outcome === '') p.add('outcome is required when decided_at is given');
    else if (!CONTACT_OUTCOMES.includes(outcome)) {
      p.add(`outcome "${f('outcome')}" must be one of ${CONTACT_OUTCOMES.join(', ')}`);
    }
    if (decidedAt && receivedAt && decidedAt.getTime() < receivedAt.getTime()) {
      p.add(`decided_at ${f('decided_at')} is before received_at ${f('received_at')}`);
    }
    if (decidedAt && p.list.length === 0) decision = { decidedAt, level, outcome, decidedBy };
  }

  if (p.list.length > 0) return { problems: p.list };
  return {
    row: {
      line,
      contactId,
      childId: childId || null,
      details,
      nhsNumber,
      upn,
      receivedAt: receivedAt as Date,
      decisionDueAt: decisionDueAt as Date,
      source,
      rag,
      team: team as string,
      referrer: referrer as string,
      concern: concern as string,
      decision,
    },
  };
}

/** One valid row of a referrals file. */
export interface ReferralRow {
  line: number;
  referralId: string;
  contactId: string;
  /** Null: the contact's only child. */
  childId: string | null;
  createdAt: Date;
  completedAt: Date | null;
  createdBy: string | null;
  completedBy: string | null;
  allocatedTeam: string | null;
  allocatedWorker: string | null;
}

/** One row of a referrals file, or every problem with it. */
export function referralRow(
  f: Fields,
  line: number,
  ctx: RowContext,
): { row: ReferralRow } | { problems: string[] } {
  const p = new Problems();
  const referralId = p.id(f, 'referral_id');
  const contactId = p.id(f, 'contact_id');
  const childId = f('child_id');
  if (childId !== '' && !FILE_ID.test(childId)) {
    p.add(`child_id "${childId}" must be 1 to 64 letters, digits, -, _ or /`);
  }
  const createdAt = p.instant(f, 'created_at', ctx.now, true);
  const completedAt = p.instant(f, 'completed_at', ctx.now, false);
  if (createdAt && completedAt && completedAt.getTime() < createdAt.getTime()) {
    p.add(`completed_at ${f('completed_at')} is before created_at ${f('created_at')}`);
  }
  const createdBy = p.author(f, 'created_by');
  const completedBy = p.author(f, 'completed_by');
  if (completedBy !== null && f('completed_at') === '') {
    p.add('completed_by given without completed_at');
  }
  const allocated = allocation(f, p);
  if ((allocated.team ?? allocated.worker) !== null && f('completed_at') === '') {
    p.add(
      'allocated_team or allocated_worker given without completed_at: a referral is allocated when accepted',
    );
  }
  if (p.list.length > 0) return { problems: p.list };
  return {
    row: {
      line,
      referralId,
      contactId,
      childId: childId || null,
      createdAt: createdAt as Date,
      completedAt,
      createdBy,
      completedBy,
      allocatedTeam: allocated.team,
      allocatedWorker: allocated.worker,
    },
  };
}

/** One valid row of an assessments file. */
export interface AssessmentRow {
  line: number;
  assessmentId: string;
  referralId: string;
  startedAt: Date;
  authorisedAt: Date | null;
  outcome: string | null;
  authorisedBy: string | null;
  allocatedTeam: string | null;
  allocatedWorker: string | null;
  /** Whether the child was seen during the assessment; null: not recorded. */
  childSeen: boolean | null;
}

/** One row of an assessments file, or every problem with it. */
export function assessmentRow(
  f: Fields,
  line: number,
  ctx: RowContext,
): { row: AssessmentRow } | { problems: string[] } {
  const p = new Problems();
  const assessmentId = p.id(f, 'assessment_id');
  const referralId = p.id(f, 'referral_id');
  const startedAt = p.instant(f, 'started_at', ctx.now, true);
  const authorisedAt = p.instant(f, 'authorised_at', ctx.now, false);
  if (startedAt && authorisedAt && authorisedAt.getTime() < startedAt.getTime()) {
    p.add(`authorised_at ${f('authorised_at')} is before started_at ${f('started_at')}`);
  }
  const outcome = f('outcome').toUpperCase() || null;
  if (f('authorised_at') === '') {
    const stray = ['outcome', 'authorised_by'].filter((c) => f(c) !== '');
    if (stray.length > 0) {
      p.add(
        `${stray.join(' and ')} given without authorised_at: an assessment in progress has none`,
      );
    }
  } else if (outcome === null) {
    p.add('outcome is required when authorised_at is given');
  } else if (!ASSESSMENT_OUTCOMES.includes(outcome)) {
    p.add(`outcome "${f('outcome')}" must be one of ${ASSESSMENT_OUTCOMES.join(', ')}`);
  }
  const authorisedBy = p.author(f, 'authorised_by');
  const allocated = allocation(f, p);
  const seen = f('child_seen').toUpperCase();
  if (!['', 'YES', 'NO'].includes(seen))
    p.add(`child_seen "${f('child_seen')}" must be YES, NO or empty`);
  if (p.list.length > 0) return { problems: p.list };
  return {
    row: {
      line,
      assessmentId,
      referralId,
      startedAt: startedAt as Date,
      authorisedAt,
      outcome,
      authorisedBy,
      allocatedTeam: allocated.team,
      allocatedWorker: allocated.worker,
      childSeen: seen === '' ? null : seen === 'YES',
    },
  };
}
