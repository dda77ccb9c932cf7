/**
 * The MASH front door's working record of the generated contacts: who recorded each contact and
 * when, its RAG ratings with their reasons, the checks asked of police, health and education and
 * their answers, who made each threshold decision and why (with consent and the lawful basis for
 * sharing), the identifiers the referrer gave, who raised and who completed each referral, and each
 * contact's stage, version, closing instant and one-working-day decision due instant.
 *
 * It runs after the generator has fixed everything a contact already had (receipt, screening, the
 * RAG, decisions, referrals) and keeps those values: the final RAG is always the last rating's, and
 * every new instant falls between the existing ones. It reads and completes socialcare's rows only,
 * from its own random stream, so no other agency's data can move when it changes.
 */
import {
  DEFAULT_RAG_TARGETS,
  decisionDueOneWorkingDay,
  partnerCheckDue,
  ragResponseDue,
} from '../subgraphs/socialcare/clocks';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  bankHolidays,
  londonDay,
  londonMinute,
  londonToUtc,
} from './calendar';
import { cachedParts, dateText } from './model';
import type { Rng } from './random';
import { DECISION_RATIONALES, LAWFUL_BASES, RAG_REASONS } from './texts/socialcare';
import type {
  ContactOutcome,
  ContactStage,
  Rag,
  ScChild,
  ScContact,
  ScContactChild,
  ScContactRating,
  ScPartnerCheck,
  ScReferral,
  SocialcareData,
} from './world/types';

/** The socialcare rows the front door reads and completes in place. */
export type FrontDoorInput = Pick<
  SocialcareData,
  'children' | 'contacts' | 'contactChildren' | 'referrals'
>;

/**
 * The instants the generator already wrote, in milliseconds and row order (NaN where the row has
 * none): contacts' receivedAt and screenedAt, contact-children's decidedAt. Reading them back from
 * a quarter of a million ISO strings at scale 1 took a third of the front door's own time.
 */
export interface FrontDoorInstants {
  receivedMs: number[];
  screenedMs: number[];
  decidedMs: number[];
}

/** The rows the front door adds. */
export type FrontDoorRecords = Pick<SocialcareData, 'contactRatings' | 'partnerChecks'>;

type ContactFields =
  | 'version'
  | 'stage'
  | 'recordedAt'
  | 'recordedBy'
  | 'ragReason'
  | 'ratedSince'
  | 'screenedBy'
  | 'ragStartedAt'
  | 'ragDueAt'
  | 'ragStoppedAt'
  | 'decisionDueWorkingDayAt'
  | 'closedAt';
type DecisionFields =
  'decidedBy' | 'rationale' | 'consent' | 'lawfulBasis' | 'reportedNhsNumber' | 'reportedUpn';

/**
 * A contact's front-door fields as the generator first builds it, for `addFrontDoor` to fill in.
 * The empty strings are never left in the output.
 */
export const UNFILLED_CONTACT: Readonly<Pick<ScContact, ContactFields>> = {
  version: 1,
  stage: 'RECEIVED',
  recordedAt: '',
  recordedBy: '',
  ragReason: null,
  ratedSince: null,
  screenedBy: null,
  ragStartedAt: null,
  ragDueAt: null,
  ragStoppedAt: null,
  decisionDueWorkingDayAt: '',
  closedAt: null,
};

/** A contact-child's front-door fields as the generator first builds it, for `addFrontDoor`. */
export const UNFILLED_CONTACT_CHILD: Readonly<Pick<ScContactChild, DecisionFields>> = {
  decidedBy: null,
  rationale: null,
  consent: null,
  lawfulBasis: null,
  reportedNhsNumber: null,
  reportedUpn: null,
};

/** A referral's authors as the generator first builds it, for `addFrontDoor` to fill in. */
export const UNFILLED_REFERRAL: Readonly<Pick<ScReferral, 'createdBy' | 'completedBy'>> = {
  createdBy: '',
  completedBy: null,
};

// ---------------------------------------------------------------- mixes

/** Office hours, local minutes of the day, Monday to Friday except bank holidays. */
const OPEN_MINUTE = 8 * 60;
const CLOSE_MINUTE = 19 * 60;
/** Share of screened contacts first rated one step away from the rating they ended with. */
const RE_RATED_SHARE = 0.08;
/** Ratings one step away, for the first rating of a re-rated contact. */
const NEIGHBOURS: Record<Rag, readonly Rag[]> = {
  RED: ['AMBER'],
  AMBER: ['RED', 'GREEN'],
  GREEN: ['AMBER', 'BLUE'],
  BLUE: ['GREEN'],
};
/** Screening and re-rating are mostly a social worker's; the rest a manager's. */
const MANAGER_SCREENS = 0.15;
/** The chance a manager, not a social worker, makes the decision, by the highest level decided. */
const MANAGER_DECIDES: Record<number, number> = { 1: 0.1, 2: 0.1, 3: 0.25, 4: 0.7 };
/** Chance each partner is asked, where it is asked at all (education: school-age children only). */
const POLICE_ASKED = 0.98;
const HEALTH_ASKED = 0.96;
/** Share of answers within the RAG target; the rest take one to three times as long. */
const WITHIN_TARGET = 0.9;
/**
 * When an answer would come after the contact was decided: the chance it came in before the
 * decision after all (the decision-maker chased it), rather than being withdrawn at the decision.
 */
const CHASED = 0.98;
/** Cumulative shares of the answers: INFORMATION_SHARED, then NO_RECORD, then NOTHING_OF_CONCERN. */
const OUTCOMES = [0.55, 0.85] as const;
/** Cumulative consent shares for one draw per contact: GIVEN, then NOT_SOUGHT, then REFUSED. */
const CONSENT_DEFAULT = [0.57, 0.9] as const;
const CONSENT_STRATEGY = [0.1, 0.95] as const;
/** Chance the referrer gave the child's NHS number, and separately its UPN, where it has one. */
const REPORTED_IDENTIFIER = 0.3;

// ---------------------------------------------------------------- staff

function numbered(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);
}

interface TeamStaff {
  businessSupport: string[];
  socialWorkers: string[];
  managers: string[];
}

const TEAM_STAFF = new Map<string, TeamStaff>();

/** 'MASH North' -> mash-north-bs-01..03, mash-north-sw-01..06, mash-north-mgr-01..02. */
function teamStaff(team: string): TeamStaff {
  let staff = TEAM_STAFF.get(team);
  if (!staff) {
    const slug = team.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    staff = {
      businessSupport: numbered(`${slug}-bs`, 3),
      socialWorkers: numbered(`${slug}-sw`, 6),
      managers: numbered(`${slug}-mgr`, 2),
    };
    TEAM_STAFF.set(team, staff);
  }
  return staff;
}

const RESEARCHERS: Record<ScPartnerCheck['agency'], readonly string[]> = {
  POLICE: numbered('police-mash', 5),
  HEALTH: numbered('health-mash', 4),
  EDUCATION: numbered('education-mash', 4),
};
const RECEIVING_TEAM = numbered('assessment-1-sw', 8);
const AGENCIES: readonly ScPartnerCheck['agency'][] = ['POLICE', 'HEALTH', 'EDUCATION'];

function screener(rng: Rng, staff: TeamStaff): string {
  return rng.chance(MANAGER_SCREENS) ? rng.pick(staff.managers) : rng.pick(staff.socialWorkers);
}

// ---------------------------------------------------------------- time

const HOLIDAYS = new Map<number, Set<number>>();

function isOfficeDay(day: number): boolean {
  const dow = (((day + 4) % 7) + 7) % 7;
  if (dow === 0 || dow === 6) return false;
  const year = cachedParts(day).year;
  let holidays = HOLIDAYS.get(year);
  if (!holidays) HOLIDAYS.set(year, (holidays = new Set(bankHolidays(year))));
  return !holidays.has(day);
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * `iso` (./model.ts) written as one flat string: `iso` concatenates nine pieces, and each of the
 * hundred thousand instants the front door keeps would hold on to the whole chain of partial
 * strings, five times the memory, and the garbage collector's time with it.
 */
function flatIso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / HOUR_MS);
  rest -= hours * HOUR_MS;
  const minutes = Math.floor(rest / MINUTE_MS);
  rest -= minutes * MINUTE_MS;
  const seconds = Math.floor(rest / 1000);
  return [
    dateText(day),
    'T',
    TWO_DIGITS[hours],
    ':',
    TWO_DIGITS[minutes],
    ':',
    TWO_DIGITS[seconds],
    '.',
    THREE_DIGITS[rest - seconds * 1000],
    'Z',
  ].join('');
}

/** 'YYYY-MM-DD' as one comparable number, YYYYMMDD. */
function dateNumber(text: string): number {
  let value = 0;
  for (let k = 0; k < 10; k++) if (k !== 4 && k !== 7) value = value * 10 + text.charCodeAt(k) - 48;
  return value;
}

function inOfficeHours(ms: number): boolean {
  const minute = londonMinute(ms);
  return minute >= OPEN_MINUTE && minute < CLOSE_MINUTE && isOfficeDay(londonDay(ms));
}

/** A whole second in [from, to]; `from` when the range is empty. */
function between(rng: Rng, from: number, to: number): number {
  return from + Math.floor((rng.next() * Math.max(0, to - from)) / 1000) * 1000;
}

/**
 * When business support typed the contact in: at receipt in office hours; otherwise just before
 * the screener picked it up, or the next office morning, or (still out of hours at asOf) receipt.
 */
function recordedAt(rng: Rng, receivedMs: number, screenedMs: number | null, asOfMs: number) {
  if (inOfficeHours(receivedMs)) return receivedMs;
  if (screenedMs !== null) return Math.max(receivedMs, screenedMs - rng.int(2, 15) * MINUTE_MS);
  let day = londonDay(receivedMs);
  if (!isOfficeDay(day) || londonMinute(receivedMs) >= CLOSE_MINUTE) day++;
  while (!isOfficeDay(day)) day++;
  const morning = londonToUtc(day, rng.int(OPEN_MINUTE, OPEN_MINUTE + 75));
  return morning <= asOfMs ? morning : receivedMs;
}

/** Whole years from a date of birth to a date, both YYYYMMDD numbers (see `dateNumber`). */
function ageAt(dateOfBirth: number, date: number): number {
  return Math.floor((date - dateOfBirth) / 10_000);
}

function outcomeOf(u: number): NonNullable<ScPartnerCheck['outcome']> {
  return u < OUTCOMES[0]
    ? 'INFORMATION_SHARED'
    : u < OUTCOMES[1]
      ? 'NO_RECORD'
      : 'NOTHING_OF_CONCERN';
}

function consentOf(outcome: ContactOutcome, u: number): 'GIVEN' | 'NOT_SOUGHT' | 'REFUSED' {
  const [given, notSought] = outcome === 'STRATEGY_DISCUSSION' ? CONSENT_STRATEGY : CONSENT_DEFAULT;
  return u < given ? 'GIVEN' : u < notSought ? 'NOT_SOUGHT' : 'REFUSED';
}

// ---------------------------------------------------------------- the front door

/**
 * contactChildren grouped by contact: contact i's rows are `contactChildren[order[k]]` for k from
 * `start[i]` up to `start[i + 1]`. The generator writes them contact by contact, in contact order,
 * so `order` is usually 0, 1, 2...; any other order is regrouped.
 */
function groupByContact(
  contacts: readonly ScContact[],
  contactChildren: readonly ScContactChild[],
): { order: Int32Array; start: Int32Array } {
  const order = new Int32Array(contactChildren.length);
  const start = new Int32Array(contacts.length + 1);
  let j = 0;
  for (let i = 0; i < contacts.length; i++) {
    start[i] = j;
    const id = contacts[i].id;
    while (j < contactChildren.length && contactChildren[j].contactId === id) {
      order[j] = j;
      j++;
    }
  }
  start[contacts.length] = j;
  if (j === contactChildren.length) return { order, start };
  const byId = new Map<string, number[]>(contacts.map((c) => [c.id, []]));
  contactChildren.forEach((cc, k) => byId.get(cc.contactId)?.push(k));
  j = 0;
  for (let i = 0; i < contacts.length; i++) {
    start[i] = j;
    for (const k of byId.get(contacts[i].id) as number[]) order[j++] = k;
  }
  start[contacts.length] = j;
  return { order, start };
}

/**
 * Completes the front-door fields of every contact, contact-child and referral in place (see
 * `UNFILLED_CONTACT` and its siblings) and returns the ratings and partner checks, in contact
 * order. `instants` must hold the rows' own instants (see `FrontDoorInstants`); it throws when
 * their lengths do not match the rows, or when a referral has no decision behind it. Same input,
 * stream and asOf give the same output; nothing it writes is after asOf.
 *
 * Every screened contact is rated at screening; about 8% were first rated one step away and
 * re-rated before the decision (or asOf) to the RAG they have. Screened contacts not rated BLUE
 * ask police and health (nearly always) and education (when a child is 4 to 16 at receipt), a few
 * minutes after the rating that asked for them. An agency needs up to the target of the rating
 * current at the request about 90% of the time and up to three times it otherwise; an answer that
 * would come after the contact's decision was mostly chased in before it, and otherwise the check
 * is withdrawn when the contact closes (`closedAt`, the last child's decision). Decided contacts
 * are most of them, so almost every answer actually given is within its target.
 */
export function addFrontDoor(
  socialcare: FrontDoorInput,
  instants: FrontDoorInstants,
  rng: Rng,
  asOfMs: number,
): FrontDoorRecords {
  const { receivedMs: receipts, screenedMs: screenings, decidedMs: decisions } = instants;
  if (
    receipts.length !== socialcare.contacts.length ||
    screenings.length !== socialcare.contacts.length ||
    decisions.length !== socialcare.contactChildren.length
  ) {
    throw new Error('addFrontDoor: instants must have one entry per contact and contact-child');
  }
  const childById = new Map<string, ScChild>();
  for (const child of socialcare.children) childById.set(child.id, child);
  const kids = socialcare.contactChildren;
  const { order, start } = groupByContact(socialcare.contacts, kids);
  const contactRatings: ScContactRating[] = [];
  const partnerChecks: ScPartnerCheck[] = [];
  // One decision-maker decides every child on a contact; by contact id.
  const decidedByOf = new Map<string, string>();
  const dueByDay = new Map<number, string>();

  for (let i = 0; i < socialcare.contacts.length; i++) {
    const contact = socialcare.contacts[i];
    const from = start[i];
    const to = start[i + 1];
    const staff = teamStaff(contact.team);
    const receivedMs = receipts[i];
    const screenedMs = Number.isNaN(screenings[i]) ? null : screenings[i];
    const receivedDay = londonDay(receivedMs);

    let decided = 0;
    let firstDecisionMs = Infinity;
    let lastDecisionMs = -Infinity;
    let lastDecidedAt = '';
    let topLevel = 0;
    for (let k = from; k < to; k++) {
      const kid = kids[order[k]];
      if (kid.decidedAt === null) continue;
      const ms = decisions[order[k]];
      decided++;
      firstDecisionMs = Math.min(firstDecisionMs, ms);
      if (ms > lastDecisionMs) {
        lastDecisionMs = ms;
        lastDecidedAt = kid.decidedAt;
      }
      topLevel = Math.max(topLevel, kid.level ?? 0);
    }
    const closedMs = to > from && decided === to - from ? lastDecisionMs : null;
    // The instants the generator already wrote are reused as they are rather than written again.
    const closedAt = closedMs !== null ? lastDecidedAt : null;
    // Ratings and requests come before any child is decided.
    const endMs = decided > 0 ? firstDecisionMs : asOfMs;

    contact.recordedBy = rng.pick(staff.businessSupport);
    const recordedMs = recordedAt(rng, receivedMs, screenedMs, asOfMs);
    contact.recordedAt = recordedMs === receivedMs ? contact.receivedAt : flatIso(recordedMs);

    let ratings = 0;
    let requested = false;
    let answered = 0;
    let outstanding = 0;
    if (screenedMs !== null && contact.rag !== null) {
      const finalRag = contact.rag;
      const screenedBy = screener(rng, staff);
      let firstRag = finalRag;
      if (rng.chance(RE_RATED_SHARE) && endMs - screenedMs >= 20 * MINUTE_MS) {
        // An unborn child's contact is never BLUE, not even at first.
        let unborn = false;
        for (let k = from; k < to; k++) {
          if (childById.get(kids[order[k]].childId)?.dateOfBirth === null) unborn = true;
        }
        const options = unborn
          ? NEIGHBOURS[finalRag].filter((r) => r !== 'BLUE')
          : NEIGHBOURS[finalRag];
        if (options.length > 0) firstRag = rng.pick(options);
      }
      const reRated = firstRag !== finalRag;
      const reRater = reRated ? (rng.chance(0.6) ? screenedBy : screener(rng, staff)) : null;

      // Checks are asked for a few minutes after the first rating that is not BLUE.
      let reRatedMs: number | null = null;
      let requestMs: number | null = null;
      let requestRag: Rag = firstRag;
      let requestedBy = screenedBy;
      if (reRated && firstRag === 'BLUE') {
        reRatedMs = between(rng, screenedMs + 5 * MINUTE_MS, endMs - 10 * MINUTE_MS);
        requestMs = reRatedMs + rng.int(2, 8) * MINUTE_MS;
        requestRag = finalRag;
        requestedBy = reRater as string;
      } else if (finalRag !== 'BLUE') {
        requestMs = screenedMs + rng.int(2, 8) * MINUTE_MS;
      }

      let firstAnswerMs = Infinity;
      if (requestMs !== null && requestMs <= asOfMs && requestMs < endMs) {
        const police = rng.chance(POLICE_ASKED);
        const health = rng.chance(HEALTH_ASKED);
        let education = false;
        const receivedDate = dateNumber(dateText(receivedDay));
        for (let k = from; k < to; k++) {
          const kid = kids[order[k]];
          const dob = childById.get(kid.childId)?.dateOfBirth ?? null;
          const age = dob === null ? -1 : ageAt(dateNumber(dob), receivedDate);
          if (age >= 4 && age <= 16) education = true;
        }
        const requestedAt = flatIso(requestMs);
        const targetMs = (DEFAULT_RAG_TARGETS[requestRag] ?? 72) * HOUR_MS;
        for (const agency of AGENCIES) {
          if (agency === 'POLICE' ? !police : agency === 'HEALTH' ? !health : !education) continue;
          const share = rng.chance(WITHIN_TARGET) ? rng.next() ** 3 : rng.float(1, 3);
          let answerMs =
            requestMs + Math.max(5 * MINUTE_MS, Math.round((share * targetMs) / 1000) * 1000);
          let withdrawnMs: number | null = null;
          if (closedMs !== null && answerMs > closedMs) {
            const room = closedMs - requestMs;
            if (room >= 15 * MINUTE_MS && rng.chance(CHASED)) {
              answerMs = requestMs + Math.round((room * rng.float(0.2, 0.95)) / 1000) * 1000;
            } else {
              withdrawnMs = closedMs;
            }
          }
          const isAnswered = withdrawnMs === null && answerMs <= asOfMs;
          const answeredBy = rng.pick(RESEARCHERS[agency]);
          const outcome = outcomeOf(rng.next());
          partnerChecks.push({
            contactId: contact.id,
            agency,
            requestedAt,
            requestedBy,
            dueAt: null,
            answeredAt: isAnswered ? flatIso(answerMs) : null,
            answeredBy: isAnswered ? answeredBy : null,
            outcome: isAnswered ? outcome : null,
            withdrawnAt: withdrawnMs !== null ? closedAt : null,
          });
          requested = true;
          if (isAnswered) {
            answered++;
            firstAnswerMs = Math.min(firstAnswerMs, answerMs);
          } else if (withdrawnMs === null) {
            outstanding++;
          }
        }
      }

      if (reRated && reRatedMs === null) {
        // Reviewed as information arrives: soon after the first answer, when that is in time.
        const soon = firstAnswerMs + rng.int(5, 30) * MINUTE_MS;
        reRatedMs =
          soon < endMs
            ? soon
            : between(rng, (requestMs ?? screenedMs) + MINUTE_MS, endMs - MINUTE_MS);
      }

      const firstReason = rng.pick(RAG_REASONS[firstRag]);
      contactRatings.push({
        contactId: contact.id,
        rag: firstRag,
        reason: firstReason,
        ratedBy: screenedBy,
        ratedAt: contact.screenedAt as string,
      });
      ratings = 1;
      contact.screenedBy = screenedBy;
      contact.ragReason = firstReason;
      contact.ratedSince = contact.screenedAt;
      if (reRated) {
        const reason = rng.pick(RAG_REASONS[finalRag]);
        const ratedAt = flatIso(reRatedMs as number);
        contactRatings.push({
          contactId: contact.id,
          rag: finalRag,
          reason,
          ratedBy: reRater as string,
          ratedAt,
        });
        ratings = 2;
        contact.ragReason = reason;
        contact.ratedSince = ratedAt;
      }
    }

    // Threshold decisions: one decision-maker for the siblings on a contact, and one family's
    // consent, read through each child's outcome.
    const decidedBy =
      decided > 0
        ? rng.chance(MANAGER_DECIDES[topLevel] ?? 0.1)
          ? rng.pick(staff.managers)
          : rng.pick(staff.socialWorkers)
        : null;
    const consentDraw = rng.next();
    const basisDraw = rng.next();
    for (let k = from; k < to; k++) {
      const kid = kids[order[k]];
      const child = childById.get(kid.childId);
      const nhs = rng.chance(REPORTED_IDENTIFIER);
      const upn = rng.chance(REPORTED_IDENTIFIER);
      kid.reportedNhsNumber = nhs ? (child?.nhsNumber ?? null) : null;
      kid.reportedUpn = upn ? (child?.upn ?? null) : null;
      if (kid.decidedAt === null || kid.outcome === null || decidedBy === null) continue;
      if (kid.outcome === 'ASSESSMENT_REQUIRED' || kid.outcome === 'STRATEGY_DISCUSSION') {
        decidedByOf.set(contact.id, decidedBy);
      }
      const consent = consentOf(kid.outcome, consentDraw);
      kid.decidedBy = decidedBy;
      kid.rationale = rng.pick(DECISION_RATIONALES[kid.outcome]);
      kid.consent = consent;
      kid.lawfulBasis =
        consent === 'GIVEN'
          ? null
          : LAWFUL_BASES[consent][Math.floor(basisDraw * LAWFUL_BASES[consent].length)];
    }

    const stage: ContactStage =
      closedMs !== null
        ? 'DECIDED'
        : outstanding > 0
          ? 'CHECKS_REQUESTED'
          : requested
            ? 'CHECKS_ANSWERED'
            : screenedMs !== null
              ? 'SCREENED'
              : 'RECEIVED';
    contact.stage = stage;
    contact.closedAt = closedAt;
    contact.version = 1 + ratings + (requested ? 1 : 0) + answered + decided;
    let due = dueByDay.get(receivedDay);
    if (due === undefined) {
      // The due instant depends on the local date of receipt only.
      due = decisionDueOneWorkingDay(new Date(receivedMs)).toISOString();
      dueByDay.set(receivedDay, due);
    }
    contact.decisionDueWorkingDayAt = due;
  }

  for (const referral of socialcare.referrals) {
    const createdBy = decidedByOf.get(referral.contactId);
    if (createdBy === undefined) {
      throw new Error(`Referral ${referral.id} has no decision behind it`);
    }
    referral.createdBy = createdBy;
    referral.completedBy = referral.completedAt !== null ? rng.pick(RECEIVING_TEAM) : null;
  }

  freezeClocks(socialcare.contacts, contactRatings, partnerChecks, asOfMs);
  return { contactRatings, partnerChecks };
}

/**
 * The RAG response clock and each check's due instant, by the rules the service applies as each
 * step happens (subgraphs/socialcare/frontdoor/transitions.ts), replayed over the generated
 * history: a check is due by the rating in force when it was answered or withdrawn (the current one
 * while outstanding); the RAG clock stops the first time every check asked has been answered, or at
 * the decision, and keeps the start and due of the rating in force then.
 */
function freezeClocks(
  contacts: ScContact[],
  ratings: ScContactRating[],
  checks: ScPartnerCheck[],
  asOfMs: number,
): void {
  const ratingsOf = new Map<string, ScContactRating[]>();
  for (const r of ratings) {
    const list = ratingsOf.get(r.contactId);
    if (list) list.push(r);
    else ratingsOf.set(r.contactId, [r]);
  }
  const checksOf = new Map<string, ScPartnerCheck[]>();
  for (const c of checks) {
    const list = checksOf.get(c.contactId);
    if (list) list.push(c);
    else checksOf.set(c.contactId, [c]);
  }
  for (const contact of contacts) {
    const history = (ratingsOf.get(contact.id) ?? []).map((r) => ({
      rag: r.rag,
      at: Date.parse(r.ratedAt),
    }));
    // Each rating with the start of its run (a re-rating to the same RAG keeps the clock).
    const runs = history.map((r, i) => {
      let since = r.at;
      for (let j = i - 1; j >= 0 && history[j].rag === r.rag; j--) since = history[j].at;
      return { rag: r.rag, since, at: r.at };
    });
    const inForce = (ms: number) => {
      let found: (typeof runs)[number] | null = null;
      for (const run of runs) if (run.at <= ms) found = run;
      return found;
    };
    const own = checksOf.get(contact.id) ?? [];
    for (const check of own) {
      const endMs = check.answeredAt
        ? Date.parse(check.answeredAt)
        : check.withdrawnAt
          ? Date.parse(check.withdrawnAt)
          : asOfMs;
      const run = inForce(endMs);
      const due = run
        ? partnerCheckDue(
            new Date(check.requestedAt),
            new Date(run.since),
            run.rag,
            DEFAULT_RAG_TARGETS,
          )
        : null;
      check.dueAt = due ? due.toISOString() : null;
    }
    // The first instant every check asked by then has been answered.
    const events = own.flatMap((c) => [
      { ms: Date.parse(c.requestedAt), delta: 1 },
      ...(c.answeredAt ? [{ ms: Date.parse(c.answeredAt), delta: -1 }] : []),
    ]);
    events.sort((a, b) => a.ms - b.ms || b.delta - a.delta);
    let open = 0;
    let allAnsweredMs: number | null = null;
    for (const e of events) {
      open += e.delta;
      if (e.delta < 0 && open === 0) {
        allAnsweredMs = e.ms;
        break;
      }
    }
    const closedMs = contact.closedAt ? Date.parse(contact.closedAt) : null;
    const candidates = [allAnsweredMs, closedMs].filter((x): x is number => x !== null);
    const stopMs = candidates.length > 0 ? Math.min(...candidates) : null;
    const run = inForce(stopMs ?? asOfMs);
    const due = run ? ragResponseDue(new Date(run.since), run.rag, DEFAULT_RAG_TARGETS) : null;
    contact.ragStartedAt = due && run ? new Date(run.since).toISOString() : null;
    contact.ragDueAt = due ? due.toISOString() : null;
    contact.ragStoppedAt = due && stopMs !== null ? new Date(stopMs).toISOString() : null;
  }
}
