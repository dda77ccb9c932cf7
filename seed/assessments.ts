/**
 * What children's social care did after the generated referrals: child and family assessments,
 * the child protection plans some section 47 assessments led to, and the statutory visits to the
 * children on those plans.
 *
 * It runs after the front door and only reads what socialcare already has (referrals and the
 * decisions behind them), from its own random stream, so no earlier socialcare field and no other
 * agency's data can move when it changes. Working days are shared/working-days.ts's: a span counts
 * from the day after its start, so a referral on a Monday authorised on the Tuesday is 1 working
 * day, the convention the analytics count assessment buckets with.
 */
import {
  addWorkingDays,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
} from '../shared/working-days';
import { DAY_MS, londonDay, londonMinute, londonToUtc } from './calendar';
import { dateText, iso, pad } from './model';
import type { Rng } from './random';
import type {
  AssessmentOutcome,
  ChildProtectionCategory,
  ContactOutcome,
  ScAssessment,
  ScChildProtectionPlan,
  ScChildProtectionVisit,
  SocialcareData,
} from './world/types';

/** The socialcare rows the assessments are drawn from; none of them is changed. */
export type AssessmentsInput = Pick<SocialcareData, 'contactChildren' | 'referrals'>;

/** The rows `addAssessments` adds. */
export type AssessmentRecords = Pick<
  SocialcareData,
  'assessments' | 'childProtectionPlans' | 'childProtectionVisits'
>;

// ---------------------------------------------------------------- mixes

/** Share of completed referrals that lead to an assessment. */
const ASSESSED = 0.85;
/**
 * Working days from the referral's local date to the authorisation's, by the published buckets:
 * [first, last, weight]. Statutory guidance allows at most 45; about one in ten takes longer.
 */
const DURATION_BUCKETS: readonly (readonly [number, number, number])[] = [
  [1, 15, 0.2],
  [16, 25, 0.2],
  [26, 35, 0.25],
  [36, 45, 0.25],
  [46, 70, 0.1],
];
const BUCKET_WEIGHTS = DURATION_BUCKETS.map(([, , w]) => w);
/**
 * Outcomes by the threshold decision behind the referral: a strategy discussion mostly goes on to
 * a section 47 enquiry; an assessment asked for at the front door mostly ends in a child in need
 * plan, no further action or early help.
 */
const OUTCOMES_BY_DECISION: Readonly<
  Record<'STRATEGY_DISCUSSION' | 'ASSESSMENT_REQUIRED', Readonly<Record<AssessmentOutcome, number>>>
> = {
  STRATEGY_DISCUSSION: {
    SECTION_47: 0.72,
    CHILD_IN_NEED_PLAN: 0.14,
    NO_FURTHER_ACTION: 0.06,
    STEP_DOWN_TO_EARLY_HELP: 0.04,
    OTHER: 0.04,
  },
  ASSESSMENT_REQUIRED: {
    SECTION_47: 0.04,
    CHILD_IN_NEED_PLAN: 0.36,
    NO_FURTHER_ACTION: 0.34,
    STEP_DOWN_TO_EARLY_HELP: 0.2,
    OTHER: 0.06,
  },
};
/** Share of section 47 assessments whose initial conference puts the child on a plan. */
const PLAN_AFTER_S47 = 0.4;
/** The initial conference: on the 15th working day after authorisation half the time, or sooner. */
const CONFERENCE_WORKING_DAYS = 15;
const CONFERENCE_AT_LIMIT = 0.5;
/** Plans mostly end after 6 to 18 months; the rest run longer (active at asOf, most of them). */
const ENDS_WITHIN_18_MONTHS = 0.85;
/** Category of abuse, roughly England's shares of children on plans. */
const CATEGORIES: Readonly<Record<ChildProtectionCategory, number>> = {
  NEGLECT: 0.5,
  EMOTIONAL: 0.36,
  PHYSICAL: 0.07,
  SEXUAL: 0.04,
  MULTIPLE: 0.03,
};
/**
 * Visits are due every VISIT_WORKING_DAYS after the last (the plan's start for the first): most
 * come in time, from VISIT_EARLIEST working days on; LATE_VISITS come 1 to MAX_LATENESS late.
 */
const VISIT_WORKING_DAYS = 10;
const VISIT_EARLIEST = 6;
const LATE_VISITS = 0.1;
const MAX_LATENESS = 8;
/** Share of visits made by the plan's own social worker rather than a colleague covering. */
const OWN_WORKER_VISITS = 0.85;

/** Office hours, local minutes of the day. */
const OPEN_MINUTE = 8 * 60;
const CLOSE_MINUTE = 19 * 60;

function numbered(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);
}

const MANAGERS = numbered('assessment-1-mgr', 3);
const CP_SOCIAL_WORKERS = numbered('cp-sw', 12);

// ---------------------------------------------------------------- time

/** The day number of a 'YYYY-MM-DD' local date. */
function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function isWorkingDayNumber(day: number): boolean {
  return isWorkingDay(dateText(day));
}

/** When work on a referral completed at `ms` starts: then in office hours, else next morning. */
function startOf(rng: Rng, completedMs: number): number {
  const day = londonDay(completedMs);
  const minute = londonMinute(completedMs);
  if (isWorkingDayNumber(day) && minute >= OPEN_MINUTE && minute < CLOSE_MINUTE) {
    return completedMs;
  }
  let start = minute < OPEN_MINUTE ? day : day + 1;
  while (!isWorkingDayNumber(start)) start++;
  return londonToUtc(start, rng.int(9 * 60, 10 * 60 + 15)) + rng.int(0, 59) * 1000;
}

/**
 * An office-hours instant on the working day `date`, after `notBefore` by half an hour at least;
 * on the next working day when `date` has no room left.
 */
function officeInstant(rng: Rng, date: string, notBefore: number): number {
  let day = dayNumber(date);
  let earliest = 9 * 60;
  if (londonDay(notBefore) === day) earliest = Math.max(earliest, londonMinute(notBefore) + 30);
  if (earliest > 18 * 60) {
    day = dayNumber(nextWorkingDay(date));
    earliest = 9 * 60;
  }
  return londonToUtc(day, rng.int(earliest, 18 * 60)) + rng.int(0, 59) * 1000;
}

// ---------------------------------------------------------------- the records

interface Draft {
  row: ScAssessment;
  startMs: number;
}

/**
 * The assessments, child protection plans and visits that follow the referrals, in id order (see
 * `SocialcareData`). Same input, stream and asOf give the same output; nothing is after asOf, and
 * the input is left as it is. Throws when a referral has no decision behind it.
 *
 * About 85% of completed referrals are assessed, starting at completion (or the next working
 * morning when it was completed out of hours), unless that is after asOf. Each is authorised by a
 * manager in office hours a number of working days after the referral's local date drawn from the
 * published buckets (see DURATION_BUCKETS), never before it started; one that would be authorised
 * after asOf is still in progress, so the most recent referrals' assessments lean towards long
 * ones being open. About 40% of section 47 assessments lead to a plan at an initial conference up
 * to 15 working days later (by asOf), unless the child is already on a plan then; most plans end
 * 6 to 18 months on. Visits are due every 10 working days from the start or the last visit.
 */
export function addAssessments(
  socialcare: AssessmentsInput,
  rng: Rng,
  asOfMs: number,
): AssessmentRecords {
  const decisionOf = new Map<string, ContactOutcome | null>();
  for (const kid of socialcare.contactChildren) {
    decisionOf.set(`${kid.contactId}/${kid.childId}`, kid.outcome);
  }
  const asOfDate = dateText(londonDay(asOfMs));

  const drafts: Draft[] = [];
  for (const referral of socialcare.referrals) {
    const decision = decisionOf.get(`${referral.contactId}/${referral.childId}`);
    if (decision !== 'STRATEGY_DISCUSSION' && decision !== 'ASSESSMENT_REQUIRED') {
      throw new Error(`Referral ${referral.id} has no decision behind it`);
    }
    if (referral.completedAt === null || !rng.chance(ASSESSED)) continue;
    const startMs = startOf(rng, Date.parse(referral.completedAt));
    const [first, last] = DURATION_BUCKETS[rng.weightedIndex(BUCKET_WEIGHTS)];
    const workingDays = rng.int(first, last);
    const outcome = rng.weighted(OUTCOMES_BY_DECISION[decision]);
    const authorisedBy = rng.pick(MANAGERS);
    if (startMs > asOfMs) continue;

    const referralDate = dateText(londonDay(Date.parse(referral.createdAt)));
    let authorisedMs: number | null = null;
    // Only a target on or before asOf's date is ever looked up, so a late asOf never runs past the
    // bank-holiday data.
    if (workingDaysBetween(referralDate, asOfDate) >= workingDays) {
      const startDate = dateText(londonDay(startMs));
      let target = addWorkingDays(referralDate, workingDays);
      if (target < startDate) target = startDate;
      const ms = officeInstant(rng, target, startMs);
      if (ms <= asOfMs) authorisedMs = ms;
    }
    drafts.push({
      startMs,
      row: {
        id: '',
        referralId: referral.id,
        childId: referral.childId,
        startedAt: iso(startMs),
        authorisedAt: authorisedMs !== null ? iso(authorisedMs) : null,
        outcome: authorisedMs !== null ? outcome : null,
        authorisedBy: authorisedMs !== null ? authorisedBy : null,
      },
    });
  }
  drafts.sort((a, b) => a.startMs - b.startMs);
  const assessments = drafts.map((d, i) => {
    d.row.id = `AS${pad(i + 1, 6)}`;
    return d.row;
  });

  // Plans: one child is on at most one plan at a time.
  const plans: ScChildProtectionPlan[] = [];
  const plansOf = new Map<string, ScChildProtectionPlan[]>();
  for (const a of assessments) {
    if (a.outcome !== 'SECTION_47' || a.authorisedAt === null) continue;
    if (!rng.chance(PLAN_AFTER_S47)) continue;
    const conferenceDays = rng.chance(CONFERENCE_AT_LIMIT)
      ? CONFERENCE_WORKING_DAYS
      : rng.int(5, CONFERENCE_WORKING_DAYS - 1);
    const ends = rng.chance(ENDS_WITHIN_18_MONTHS);
    const lengthDays = ends ? rng.int(183, 548) : rng.int(549, 900);
    const category = rng.weighted(CATEGORIES);
    const authorisedDate = dateText(londonDay(Date.parse(a.authorisedAt)));
    if (workingDaysBetween(authorisedDate, asOfDate) < conferenceDays) continue;
    const startedOn = addWorkingDays(authorisedDate, conferenceDays);
    // Reviewed plans end at a conference, on a working day.
    const endDay = dateText(dayNumber(startedOn) + lengthDays);
    let endedOn: string | null = null;
    if (endDay <= asOfDate) {
      endedOn = isWorkingDay(endDay) ? endDay : nextWorkingDay(endDay);
      if (endedOn > asOfDate) endedOn = null;
    }
    const own = plansOf.get(a.childId) ?? [];
    if (own.some((p) => startedOn <= (p.endedOn ?? '9999') && p.startedOn <= (endedOn ?? '9999'))) {
      continue;
    }
    const plan: ScChildProtectionPlan = {
      id: '',
      childId: a.childId,
      assessmentId: a.id,
      startedOn,
      endedOn,
      category,
    };
    own.push(plan);
    plansOf.set(a.childId, own);
    plans.push(plan);
  }
  plans.sort((a, b) => (a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : 0));
  plans.forEach((p, i) => (p.id = `CP${pad(i + 1, 5)}`));

  const visits: ScChildProtectionVisit[] = [];
  for (const plan of plans) {
    const worker = rng.pick(CP_SOCIAL_WORKERS);
    const lastDate = plan.endedOn ?? asOfDate;
    let previous = plan.startedOn;
    for (;;) {
      const gap = rng.chance(LATE_VISITS)
        ? VISIT_WORKING_DAYS + rng.int(1, MAX_LATENESS)
        : rng.int(VISIT_EARLIEST, VISIT_WORKING_DAYS);
      if (workingDaysBetween(previous, lastDate) < gap) break;
      const date = addWorkingDays(previous, gap);
      const visitedMs =
        londonToUtc(dayNumber(date), rng.int(9 * 60, 18 * 60)) + rng.int(0, 59) * 1000;
      if (visitedMs > asOfMs) break;
      visits.push({
        planId: plan.id,
        visitedAt: iso(visitedMs),
        visitedBy: rng.chance(OWN_WORKER_VISITS) ? worker : rng.pick(CP_SOCIAL_WORKERS),
      });
      previous = date;
    }
  }
  return { assessments, childProtectionPlans: plans, childProtectionVisits: visits };
}
