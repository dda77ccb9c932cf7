/**
 * The MASH clocks: every due instant and clock status in the system is computed here, so the
 * queue, the API and the analytics cannot disagree. Instants are JS Dates (UTC). Hour targets are
 * elapsed time (across a clock change 24 hours is still 24 real hours); the statutory decision
 * clock is in working days on the Europe/London calendar (shared/working-days.ts), and like that
 * calendar throws CalendarRangeError for a date whose year has no bank-holiday data.
 */
import { addDays, localDate, localMidnight } from '../../shared/time';
import { nextWorkingDay } from '../../shared/working-days';

const HOUR_MS = 60 * 60 * 1000;

/**
 * The ratings given at screening, most urgent first; a rating sets how fast partner information
 * must come back. The one list: the SDL's `enum Rag` and the workbench's are tested equal to it.
 */
export const RAG_RATINGS = ['RED', 'AMBER', 'GREEN', 'BLUE'] as const;

/** The rating given at screening. */
export type RagRating = (typeof RAG_RATINGS)[number];

/** Elapsed hours per rating; null = no target (BLUE by default). */
export type RagTargets = Record<RagRating, number | null>;

/** The targets an authority gets unless its profile says otherwise. Frozen: copy to change. */
export const DEFAULT_RAG_TARGETS: RagTargets = Object.freeze({
  RED: 4,
  AMBER: 24,
  GREEN: 72,
  BLUE: null,
});

/** A running clock whose due instant is at most this far ahead is DUE_SOON. */
export const DUE_SOON_MS = 60 * 60 * 1000;

/** The local front-door KPI: a decision within this many elapsed hours of receipt. */
export const DECISION_KPI_HOURS = 24;

/** The local KPI: a referral completed within this many elapsed hours of its creation. */
export const REFERRAL_TARGET_HOURS = 72;

/**
 * ON_TIME, DUE_SOON and OVERDUE describe a running clock at a given instant; MET and MISSED a
 * stopped one, for good.
 */
export type ClockStatus = 'ON_TIME' | 'DUE_SOON' | 'OVERDUE' | 'MET' | 'MISSED';

/** One clock as seen at an instant. */
export interface Clock {
  startedAt: Date;
  dueAt: Date;
  stoppedAt: Date | null;
  status: ClockStatus;
  /** whole seconds from now to dueAt (negative once overdue); null once stopped */
  secondsLeft: number | null;
}

const MAX_TARGET_HOURS = 720;

/** The instant's milliseconds, or a RangeError naming the argument when it is no instant. */
function ms(instant: Date, name: string): number {
  const t = instant instanceof Date ? instant.getTime() : NaN;
  if (Number.isNaN(t)) throw new RangeError(`${name} is not a valid instant`);
  return t;
}

function plusHours(instant: Date, hours: number, name: string): Date {
  // Fractional targets (0.5 h) come from authority profiles; round away float dust like 1.1 h.
  return new Date(ms(instant, name) + Math.round(hours * HOUR_MS));
}

/** receivedAt + 24 elapsed hours (across a clock change it is still 24 real hours). */
export function decisionDue24Hours(receivedAt: Date): Date {
  return plusHours(receivedAt, DECISION_KPI_HOURS, 'receivedAt');
}

/**
 * The end (local midnight, Europe/London, i.e. the instant of local midnight at the START of the
 * following date) of the first working day after the local date of receipt. A contact received on
 * a Friday, at any hour, is due at the end of Monday (Tuesday 00:00 local) unless Monday is a bank
 * holiday; one received at 00:00 on a Monday is due at the end of Tuesday. Throws
 * CalendarRangeError when the calendar does not cover the dates involved.
 */
export function decisionDueOneWorkingDay(receivedAt: Date): Date {
  ms(receivedAt, 'receivedAt');
  return localMidnight(addDays(nextWorkingDay(localDate(receivedAt)), 1));
}

/** ratedSince + the rating's target hours, elapsed; null when the rating has no target. */
export function ragResponseDue(ratedSince: Date, rag: RagRating, targets: RagTargets): Date | null {
  const hours = targets[rag];
  return hours === null ? null : plusHours(ratedSince, hours, 'ratedSince');
}

/**
 * A partner check's due instant: the later of its request and the current rating's start, plus
 * the rating's target; null when no target. A re-rating restarts the clock of a check already
 * requested; a check requested later starts its own.
 */
export function partnerCheckDue(
  requestedAt: Date,
  ratedSince: Date,
  rag: RagRating,
  targets: RagTargets,
): Date | null {
  const later = Math.max(ms(requestedAt, 'requestedAt'), ms(ratedSince, 'ratedSince'));
  return ragResponseDue(new Date(later), rag, targets);
}

/**
 * The same elapsed-hours due instants in SQL, for the queries that order or count by them (the
 * queue, the timeliness measures): `start` is a timestamptz column or expression. One constant
 * each, so SQL and TypeScript cannot drift; `clocks.unit.test.ts` checks they agree.
 */
export const dueSql = {
  /** `decisionDue24Hours` */
  decision24Hours: (receivedAt: string) => `(${receivedAt} + ${hoursSql(DECISION_KPI_HOURS)})`,
  /** `referralDue` */
  referral: (createdAt: string) => `(${createdAt} + ${hoursSql(REFERRAL_TARGET_HOURS)})`,
};

/** A whole number of hours as a SQL interval literal. */
function hoursSql(hours: number): string {
  if (!Number.isInteger(hours)) throw new RangeError(`${hours} is not a whole number of hours`);
  return `interval '${hours} hours'`;
}

/** createdAt + 72 elapsed hours. */
export function referralDue(createdAt: Date): Date {
  return plusHours(createdAt, REFERRAL_TARGET_HOURS, 'createdAt');
}

/**
 * The state of a clock at `now`: stopped → MET when stoppedAt <= dueAt (at the due instant is in
 * time), else MISSED; running → OVERDUE when now > dueAt, DUE_SOON when dueAt - now <= DUE_SOON_MS,
 * else ON_TIME. A running clock's secondsLeft rounds down, so it is negative from the first
 * millisecond overdue and 0 exactly at the due instant.
 */
export function clockAt(startedAt: Date, dueAt: Date, stoppedAt: Date | null, now: Date): Clock {
  ms(startedAt, 'startedAt');
  const due = ms(dueAt, 'dueAt');
  if (stoppedAt !== null) {
    const stopped = ms(stoppedAt, 'stoppedAt');
    return {
      startedAt,
      dueAt,
      stoppedAt,
      status: stopped <= due ? 'MET' : 'MISSED',
      secondsLeft: null,
    };
  }
  const left = due - ms(now, 'now');
  const status: ClockStatus = left < 0 ? 'OVERDUE' : left <= DUE_SOON_MS ? 'DUE_SOON' : 'ON_TIME';
  return { startedAt, dueAt, stoppedAt: null, status, secondsLeft: Math.floor(left / 1000) };
}

/**
 * Parses a per-authority RAG profile like "RED:4,AMBER:24,GREEN:72" (BLUE optional; missing
 * ratings keep the defaults; hours are positive numbers up to 720, decimals allowed) into
 * RagTargets; returns { targets } or { problems: string[] } naming each bad part; also a problem
 * when the given targets are not RED <= AMBER <= GREEN (checked once every part reads, with the
 * defaults filled in). Rating names are case-insensitive and spaces around parts are ignored; an
 * empty or blank profile is the defaults.
 */
export function parseRagTargets(text: string): { targets: RagTargets } | { problems: string[] } {
  const targets: RagTargets = { ...DEFAULT_RAG_TARGETS };
  const problems: string[] = [];
  if (text.trim() === '') return { targets };
  const seen = new Set<RagRating>();
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const match = /^([A-Za-z]+)\s*:\s*(\S+)$/.exec(part);
    if (!match) {
      problems.push(`"${part}" is not RATING:HOURS (for example RED:4)`);
      continue;
    }
    const rating = match[1].toUpperCase() as RagRating;
    if (!(RAG_RATINGS as readonly string[]).includes(rating)) {
      problems.push(`"${part}": ${match[1]} is not a rating (RED, AMBER, GREEN or BLUE)`);
      continue;
    }
    if (seen.has(rating)) {
      problems.push(`"${part}": ${rating} is given more than once`);
      continue;
    }
    seen.add(rating);
    if (!/^[+-]?\d+(\.\d+)?$/.test(match[2])) {
      problems.push(`"${part}": ${match[2]} is not a number of hours`);
      continue;
    }
    const hours = Number(match[2]);
    if (hours <= 0 || hours > MAX_TARGET_HOURS) {
      problems.push(`"${part}": hours must be more than 0 and at most ${MAX_TARGET_HOURS}`);
      continue;
    }
    targets[rating] = hours;
  }
  if (problems.length === 0) {
    const { RED, AMBER, GREEN } = targets as Record<'RED' | 'AMBER' | 'GREEN', number>;
    if (!(RED <= AMBER && AMBER <= GREEN)) {
      problems.push(
        `targets must be RED <= AMBER <= GREEN, not RED ${RED}, AMBER ${AMBER}, GREEN ${GREEN}`,
      );
    }
  }
  return problems.length > 0 ? { problems } : { targets };
}
