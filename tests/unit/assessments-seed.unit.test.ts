import { addAssessments } from '../../seed/assessments';
import { Rng } from '../../seed/random';
import {
  generateWorld,
  type ScAssessment,
  type ScChildProtectionPlan,
  type ScChildProtectionVisit,
  type ScReferral,
  type World,
} from '../../seed/world';
import { addDays, localDate } from '../../shared/time';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../../shared/working-days';

const SEED = 7;
// Large enough for about 500 authorised assessments well before asOf and 40 plans.
const SCALE = 0.05;
const AS_OF = new Date('2026-11-20T12:00:00Z');
const AS_OF_ISO = AS_OF.toISOString();
const AS_OF_DATE = localDate(AS_OF);
/** Referrals made before this are long enough ago for every assessment to be authorised. */
const SETTLED_BEFORE = '2026-05-20';
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Local time 'HH:MM' of an instant. */
function localTime(instant: string): string {
  return londonClock.format(new Date(instant));
}

function dateOf(instant: string): string {
  return localDate(new Date(instant));
}

/** Monday to Friday 08:00-19:00 Europe/London, bank holidays excepted. */
function inOfficeHours(instant: string): boolean {
  const time = localTime(instant);
  return isWorkingDay(dateOf(instant)) && time >= '08:00' && time < '19:00';
}

/** Working days from the referral's local date to the authorisation's (the day after is 1). */
function workingDaysToAuthorise(referral: ScReferral, assessment: ScAssessment): number {
  return workingDaysBetween(dateOf(referral.createdAt), dateOf(assessment.authorisedAt as string));
}

function share(part: number, whole: number): number {
  return whole === 0 ? NaN : part / whole;
}

describe('the generated assessments, child protection plans and visits', () => {
  let world: World;
  let assessments: ScAssessment[];
  let plans: ScChildProtectionPlan[];
  let visits: ScChildProtectionVisit[];
  let referralById: Map<string, ScReferral>;
  let assessmentById: Map<string, ScAssessment>;
  let visitsOf: Map<string, ScChildProtectionVisit[]>;

  beforeAll(() => {
    world = generateWorld({ seed: SEED, scale: SCALE, asOf: AS_OF });
    ({
      assessments,
      childProtectionPlans: plans,
      childProtectionVisits: visits,
    } = world.socialcare);
    referralById = new Map(world.socialcare.referrals.map((r) => [r.id, r]));
    assessmentById = new Map(assessments.map((a) => [a.id, a]));
    visitsOf = new Map(plans.map((p) => [p.id, []]));
    for (const v of visits) visitsOf.get(v.planId)?.push(v);
  });

  it('has enough rows at this scale for the shares below to mean something', () => {
    expect({
      assessments: assessments.length > 400,
      plans: plans.length > 25,
      visits: visits.length > 400,
    }).toEqual({ assessments: true, plans: true, visits: true });
  });

  it('numbers assessments and plans in order of start, with the case-system id shapes', () => {
    expect(assessments.map((a) => a.id)).toEqual(
      assessments.map((_, i) => `AS${String(i + 1).padStart(6, '0')}`),
    );
    expect(plans.map((p) => p.id)).toEqual(
      plans.map((_, i) => `CP${String(i + 1).padStart(5, '0')}`),
    );
    expect(assessments.map((a) => a.startedAt)).toEqual(assessments.map((a) => a.startedAt).sort());
    expect(plans.map((p) => p.startedOn)).toEqual(plans.map((p) => p.startedOn).sort());
  });

  it('gives every assessment to a completed referral of the same child, once, started no earlier than its completion', () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const a of assessments) {
      const referral = referralById.get(a.referralId);
      if (!referral) problems.push(`${a.id} has no referral`);
      else if (referral.completedAt === null) problems.push(`${a.id} on an open referral`);
      else if (a.startedAt < referral.completedAt) problems.push(`${a.id} starts early`);
      if (referral && referral.childId !== a.childId) problems.push(`${a.id} of another child`);
      if (seen.has(a.referralId)) problems.push(`${a.referralId} assessed twice`);
      seen.add(a.referralId);
    }
    expect(problems).toEqual([]);
  });

  it('starts an assessment at its referral completion in office hours, otherwise the next working morning', () => {
    const wrong = assessments.filter((a) => {
      const completedAt = referralById.get(a.referralId)?.completedAt as string;
      if (inOfficeHours(completedAt)) return a.startedAt !== completedAt;
      const nextMorning =
        isWorkingDay(dateOf(completedAt)) && localTime(completedAt) < '08:00'
          ? dateOf(completedAt)
          : addWorkingDays(dateOf(completedAt), 1);
      return dateOf(a.startedAt) !== nextMorning || !inOfficeHours(a.startedAt);
    });
    expect(wrong).toEqual([]);
  });

  it('assesses about 85% of completed referrals', () => {
    const completed = world.socialcare.referrals.filter(
      (r) => r.completedAt !== null && r.createdAt < SETTLED_BEFORE,
    );
    const assessed = new Set(assessments.map((a) => a.referralId));
    const measured = share(completed.filter((r) => assessed.has(r.id)).length, completed.length);
    expect(measured).toBeGreaterThan(0.8);
    expect(measured).toBeLessThan(0.9);
  });

  it('gives an authorised assessment an outcome and an authoriser, and one in progress neither', () => {
    const wrong = assessments.filter((a) =>
      a.authorisedAt === null
        ? a.outcome !== null || a.authorisedBy !== null
        : a.outcome === null || !/^assessment-1-mgr-0[1-3]$/.test(a.authorisedBy ?? ''),
    );
    expect(wrong).toEqual([]);
  });

  it('authorises in office hours on a working day, after the start and not after asOf', () => {
    const wrong = assessments.filter(
      (a) =>
        a.authorisedAt !== null &&
        (!inOfficeHours(a.authorisedAt) ||
          a.authorisedAt <= a.startedAt ||
          a.authorisedAt > AS_OF_ISO),
    );
    expect(wrong).toEqual([]);
  });

  it('leaves only assessments of recent referrals in progress', () => {
    const open = assessments.filter((a) => a.authorisedAt === null);
    expect(
      open.filter((a) => (referralById.get(a.referralId) as ScReferral).createdAt < SETTLED_BEFORE),
    ).toEqual([]);
    expect(open.length).toBeGreaterThan(0);
  });

  it('authorises within 1-15, 16-25, 26-35, 36-45 and over 45 working days of the referral in roughly the planned shares', () => {
    const settled = assessments.filter(
      (a) => (referralById.get(a.referralId) as ScReferral).createdAt < SETTLED_BEFORE,
    );
    const counts = [0, 0, 0, 0, 0];
    let longest = 0;
    for (const a of settled) {
      const days = workingDaysToAuthorise(referralById.get(a.referralId) as ScReferral, a);
      longest = Math.max(longest, days);
      counts[days <= 15 ? 0 : days <= 25 ? 1 : days <= 35 ? 2 : days <= 45 ? 3 : 4]++;
    }
    const planned = [0.2, 0.2, 0.25, 0.25, 0.1];
    const off = counts
      .map((n, i) => ({ bucket: i, measured: share(n, settled.length), planned: planned[i] }))
      .filter((b) => Math.abs(b.measured - b.planned) > 0.06);
    expect(off).toEqual([]);
    expect(longest).toBeLessThanOrEqual(70);
  });

  it('gives section 47 mostly after a strategy discussion and rarely otherwise', () => {
    const decisionOf = new Map(
      world.socialcare.contactChildren.map((k) => [`${k.contactId}/${k.childId}`, k.outcome]),
    );
    const byDecision = { STRATEGY_DISCUSSION: [0, 0], ASSESSMENT_REQUIRED: [0, 0] };
    for (const a of assessments) {
      if (a.outcome === null) continue;
      const r = referralById.get(a.referralId) as ScReferral;
      const counts =
        byDecision[decisionOf.get(`${r.contactId}/${r.childId}`) as keyof typeof byDecision];
      counts[1]++;
      if (a.outcome === 'SECTION_47') counts[0]++;
    }
    const strategy = share(byDecision.STRATEGY_DISCUSSION[0], byDecision.STRATEGY_DISCUSSION[1]);
    const assessment = share(byDecision.ASSESSMENT_REQUIRED[0], byDecision.ASSESSMENT_REQUIRED[1]);
    expect({ strategyMostly: strategy > 0.55, assessmentRarely: assessment < 0.1 }).toEqual({
      strategyMostly: true,
      assessmentRarely: true,
    });
  });

  it('uses every other outcome in plausible shares', () => {
    const authorised = assessments.filter((a) => a.outcome !== null);
    const shareOf = (outcome: string) =>
      share(authorised.filter((a) => a.outcome === outcome).length, authorised.length);
    expect({
      childInNeed: shareOf('CHILD_IN_NEED_PLAN') > 0.2 && shareOf('CHILD_IN_NEED_PLAN') < 0.4,
      noFurtherAction: shareOf('NO_FURTHER_ACTION') > 0.2 && shareOf('NO_FURTHER_ACTION') < 0.4,
      stepDown:
        shareOf('STEP_DOWN_TO_EARLY_HELP') > 0.08 && shareOf('STEP_DOWN_TO_EARLY_HELP') < 0.25,
      other: shareOf('OTHER') > 0.01 && shareOf('OTHER') < 0.12,
    }).toEqual({ childInNeed: true, noFurtherAction: true, stepDown: true, other: true });
  });

  it('starts a plan for the assessed child up to 15 working days after a section 47 assessment', () => {
    const wrong = plans.filter((p) => {
      const a = assessmentById.get(p.assessmentId ?? '');
      if (!a || a.outcome !== 'SECTION_47' || a.childId !== p.childId) return true;
      const days = workingDaysBetween(dateOf(a.authorisedAt as string), p.startedOn);
      return days < 1 || days > 15 || !isWorkingDay(p.startedOn) || p.startedOn > AS_OF_DATE;
    });
    expect(wrong).toEqual([]);
    expect(new Set(plans.map((p) => p.assessmentId)).size).toBe(plans.length);
  });

  it('starts a plan after about 40% of settled section 47 assessments', () => {
    const s47 = assessments.filter(
      (a) => a.outcome === 'SECTION_47' && (a.authorisedAt as string) < SETTLED_BEFORE,
    );
    const planned = new Set(plans.map((p) => p.assessmentId));
    const measured = share(s47.filter((a) => planned.has(a.id)).length, s47.length);
    expect(measured).toBeGreaterThan(0.25);
    expect(measured).toBeLessThan(0.55);
  });

  it('never has a child on two plans at once', () => {
    const overlapping = plans.filter((p) =>
      plans.some(
        (q) =>
          q !== p &&
          q.childId === p.childId &&
          q.startedOn <= (p.endedOn ?? '9999') &&
          p.startedOn <= (q.endedOn ?? '9999'),
      ),
    );
    expect(overlapping).toEqual([]);
  });

  it('ends a plan on a working day 6 months or more after its start and by asOf, or leaves it active', () => {
    const ended = plans.filter((p) => p.endedOn !== null);
    const wrong = ended.filter(
      (p) =>
        !isWorkingDay(p.endedOn as string) ||
        (p.endedOn as string) < addDays(p.startedOn, 183) ||
        (p.endedOn as string) > AS_OF_DATE,
    );
    expect(wrong).toEqual([]);
    expect(ended.length).toBeGreaterThan(0);
    expect(ended.length).toBeLessThan(plans.length);
  });

  it('visits each plan in order, in office hours, after its start and no later than its end or asOf', () => {
    const wrong = plans.filter((p) => {
      const own = (visitsOf.get(p.id) ?? []).map((v) => v.visitedAt);
      return (
        own.some((at, i) => i > 0 && at <= own[i - 1]) ||
        own.some(
          (at) =>
            !INSTANT.test(at) ||
            !inOfficeHours(at) ||
            dateOf(at) <= p.startedOn ||
            dateOf(at) > (p.endedOn ?? AS_OF_DATE) ||
            at > AS_OF_ISO,
        )
      );
    });
    expect(wrong).toEqual([]);
    expect(visits.filter((v) => !visitsOf.has(v.planId))).toEqual([]);
  });

  it('visits every 10 working days or sooner, and about one visit in ten late by 1 to 8 working days', () => {
    const gaps: number[] = [];
    for (const p of plans) {
      let previous = p.startedOn;
      for (const v of visitsOf.get(p.id) ?? []) {
        gaps.push(workingDaysBetween(previous, dateOf(v.visitedAt)));
        previous = dateOf(v.visitedAt);
      }
    }
    const late = gaps.filter((g) => g > 10);
    expect(gaps.filter((g) => g < 1 || g > 18)).toEqual([]);
    expect(share(late.length, gaps.length)).toBeGreaterThan(0.05);
    expect(share(late.length, gaps.length)).toBeLessThan(0.16);
  });

  it('has visits made by the CP social workers, mostly the same one for a plan', () => {
    expect(visits.filter((v) => !/^cp-sw-\d{2}$/.test(v.visitedBy))).toEqual([]);
    let same = 0;
    for (const own of visitsOf.values()) {
      const counts = new Map<string, number>();
      for (const v of own) counts.set(v.visitedBy, (counts.get(v.visitedBy) ?? 0) + 1);
      same += Math.max(0, ...counts.values());
    }
    expect(share(same, visits.length)).toBeGreaterThan(0.75);
  });

  it('gives the same records for the same seed, scale and asOf', () => {
    const again = generateWorld({ seed: SEED, scale: SCALE, asOf: AS_OF });
    expect({
      assessments: again.socialcare.assessments,
      plans: again.socialcare.childProtectionPlans,
      visits: again.socialcare.childProtectionVisits,
    }).toEqual({ assessments, plans, visits });
  });

  it('makes the same records again from the socialcare rows alone, and leaves them as they are', () => {
    const input = structuredClone({
      contactChildren: world.socialcare.contactChildren,
      referrals: world.socialcare.referrals,
    });
    const records = addAssessments(input, new Rng(SEED, 'assessments'), AS_OF.getTime());
    // The allocation and whether the child was seen come after, from seed/allocations.ts.
    expect(records).toEqual({
      assessments: assessments.map(
        ({ allocatedTeam: _team, allocatedWorker: _worker, childSeen: _seen, ...a }) => a,
      ),
      childProtectionPlans: plans,
      childProtectionVisits: visits,
    });
    expect(input).toEqual({
      contactChildren: world.socialcare.contactChildren,
      referrals: world.socialcare.referrals,
    });
  });

  it('refuses a referral with no assessment or strategy decision behind it', () => {
    const referral = world.socialcare.referrals[0];
    expect(() =>
      addAssessments(
        { contactChildren: [], referrals: [referral] },
        new Rng(SEED, 'assessments'),
        AS_OF.getTime(),
      ),
    ).toThrow(`Referral ${referral.id} has no decision behind it`);
  });

  it('leaves the partners and everything socialcare already had as they are without the assessments', () => {
    let without: World | undefined;
    jest.isolateModules(() => {
      jest.doMock('../../seed/assessments', () => ({
        addAssessments: () => ({
          assessments: [],
          childProtectionPlans: [],
          childProtectionVisits: [],
        }),
      }));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const generate = require('../../seed/world') as typeof import('../../seed/world');
      without = generate.generateWorld({ seed: SEED, scale: SCALE, asOf: AS_OF });
    });
    const other = without as World;
    const rest = (w: World) => {
      const {
        assessments: _assessments,
        childProtectionPlans: _plans,
        childProtectionVisits: _visits,
        ...socialcare
      } = w.socialcare;
      return { ...w, socialcare };
    };
    expect(other.socialcare.assessments).toEqual([]);
    expect(rest(other)).toEqual(rest(world));
  });
});
