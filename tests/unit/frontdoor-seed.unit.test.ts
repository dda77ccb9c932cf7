import { addFrontDoor } from '../../seed/frontdoor';
import { Rng } from '../../seed/random';
import { DECISION_RATIONALES, LAWFUL_BASES, RAG_REASONS } from '../../seed/texts/socialcare';
import {
  generateWorld,
  type Rag,
  type ScContact,
  type ScContactChild,
  type ScContactRating,
  type ScPartnerCheck,
  type World,
} from '../../seed/world';
import {
  DEFAULT_RAG_TARGETS,
  decisionDueOneWorkingDay,
  partnerCheckDue,
  ragResponseDue,
} from '../../subgraphs/socialcare/clocks';
import { localDate } from '../../shared/time';
import { isWorkingDay } from '../../shared/working-days';

const SEED = 7;
const SCALE = 0.02;
const AS_OF = new Date('2026-11-20T12:00:00Z');
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const NEIGHBOURS: Record<Rag, Rag[]> = {
  RED: ['AMBER'],
  AMBER: ['RED', 'GREEN'],
  GREEN: ['AMBER', 'BLUE'],
  BLUE: ['GREEN'],
};
const RESEARCHER: Record<ScPartnerCheck['agency'], RegExp> = {
  POLICE: /^police-mash-0[1-5]$/,
  HEALTH: /^health-mash-0[1-4]$/,
  EDUCATION: /^education-mash-0[1-4]$/,
};

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Monday to Friday 08:00-19:00 Europe/London, bank holidays excepted. */
function inOfficeHours(instant: string): boolean {
  const at = new Date(instant);
  const time = londonClock.format(at);
  return isWorkingDay(localDate(at)) && time >= '08:00' && time < '19:00';
}

/** 'mash-north' for 'MASH North'. */
function slug(team: string): string {
  return team.toLowerCase().replace(/ /g, '-');
}

function ageAt(dateOfBirth: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return date.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

function groupBy<T extends { contactId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.contactId);
    if (list) list.push(row);
    else map.set(row.contactId, [row]);
  }
  return map;
}

describe('the generated front door', () => {
  let world: World;
  let contacts: ScContact[];
  let ratingsOf: Map<string, ScContactRating[]>;
  let checksOf: Map<string, ScPartnerCheck[]>;
  let kidsOf: Map<string, ScContactChild[]>;

  beforeAll(() => {
    world = generateWorld({ seed: SEED, scale: SCALE, asOf: AS_OF });
    contacts = world.socialcare.contacts;
    ratingsOf = groupBy(world.socialcare.contactRatings);
    checksOf = groupBy(world.socialcare.partnerChecks);
    kidsOf = groupBy(world.socialcare.contactChildren);
  });

  it('records a contact at receipt in office hours, and out of hours by screening at the latest', () => {
    const wrong = contacts.filter((c) =>
      inOfficeHours(c.receivedAt)
        ? c.recordedAt !== c.receivedAt
        : c.recordedAt < c.receivedAt ||
          (c.screenedAt !== null && c.recordedAt > c.screenedAt) ||
          c.recordedAt > AS_OF.toISOString(),
    );
    expect(wrong).toEqual([]);
    expect(contacts.filter((c) => c.recordedAt !== c.receivedAt).length).toBeGreaterThan(0);
  });

  it('has each contact recorded by its own team business support', () => {
    const wrong = contacts.filter(
      (c) => !new RegExp(`^${slug(c.team)}-bs-0[1-3]$`).test(c.recordedBy),
    );
    expect(wrong).toEqual([]);
  });

  it('keeps every stage of every contact in order', () => {
    const problems: string[] = [];
    const referralsOf = groupBy(world.socialcare.referrals);
    for (const c of contacts) {
      const kids = kidsOf.get(c.id) ?? [];
      const decisions = kids.flatMap((k) => (k.decidedAt ? [k.decidedAt] : [])).sort();
      const firstDecision = decisions[0] ?? AS_OF.toISOString();
      const steps: [string, string][] = [['receivedAt', c.receivedAt]];
      steps.push(['recordedAt', c.recordedAt]);
      if (c.screenedAt) steps.push(['screenedAt', c.screenedAt]);
      for (const r of ratingsOf.get(c.id) ?? []) steps.push(['ratedAt', r.ratedAt]);
      // Checks are asked for after the first rating that is not BLUE.
      const asking = (ratingsOf.get(c.id) ?? []).find((r) => r.rag !== 'BLUE');
      for (const check of checksOf.get(c.id) ?? []) {
        const after: [string, string][] = [
          ['recordedAt', c.recordedAt],
          ['asking ratedAt', asking?.ratedAt ?? '9999'],
          ['requestedAt', check.requestedAt],
        ];
        if (check.answeredAt) after.push(['answeredAt', check.answeredAt]);
        if (check.withdrawnAt) after.push(['withdrawnAt', check.withdrawnAt]);
        if (c.closedAt) after.push(['closedAt', c.closedAt]);
        if (check.requestedAt >= firstDecision) problems.push(`${c.id} requested after a decision`);
        if (check.answeredAt === check.requestedAt) problems.push(`${c.id} answered at request`);
        for (let i = 1; i < after.length; i++) {
          if (after[i][1] < after[i - 1][1]) problems.push(`${c.id} ${after[i][0]} early`);
        }
      }
      const ratings = ratingsOf.get(c.id) ?? [];
      if (ratings.some((r) => r.ratedAt >= firstDecision)) problems.push(`${c.id} rated late`);
      for (const d of decisions) steps.push(['decidedAt', d]);
      for (let i = 1; i < steps.length; i++) {
        if (steps[i][1] < steps[i - 1][1]) problems.push(`${c.id} ${steps[i][0]} early`);
      }
      for (const r of referralsOf.get(c.id) ?? []) {
        const kid = kids.find((k) => k.childId === r.childId);
        if (r.createdAt !== kid?.decidedAt) problems.push(`${r.id} not created at the decision`);
        if (r.completedAt !== null && r.completedAt <= r.createdAt) {
          problems.push(`${r.id} completed before it was created`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('rates every screened contact at screening and never an unscreened one', () => {
    const wrong = contacts.filter((c) => {
      const ratings = ratingsOf.get(c.id) ?? [];
      return c.screenedAt === null
        ? ratings.length > 0
        : ratings.length === 0 || ratings[0].ratedAt !== c.screenedAt;
    });
    expect(wrong).toEqual([]);
  });

  it('takes the RAG, its reason and ratedSince from the last rating, screenedBy from the first', () => {
    const wrong = contacts.filter((c) => {
      const ratings = ratingsOf.get(c.id) ?? [];
      const first = ratings.at(0);
      const last = ratings.at(-1);
      return (
        c.rag !== (last?.rag ?? null) ||
        c.ragReason !== (last?.reason ?? null) ||
        c.ratedSince !== (last?.ratedAt ?? null) ||
        c.screenedBy !== (first?.ratedBy ?? null)
      );
    });
    expect(wrong).toEqual([]);
  });

  it('gives every rating a reason for its RAG and a social worker or manager of the team', () => {
    const team = new Map(contacts.map((c) => [c.id, slug(c.team)]));
    const wrong = world.socialcare.contactRatings.filter(
      (r) =>
        !RAG_REASONS[r.rag].includes(r.reason) ||
        !new RegExp(`^${team.get(r.contactId)}-(sw-0[1-6]|mgr-0[1-2])$`).test(r.ratedBy),
    );
    expect(wrong).toEqual([]);
  });

  it('re-rates a few screened contacts once, from one step away', () => {
    const lists = [...ratingsOf.values()];
    const reRated = lists.filter((l) => l.length > 1);
    expect(lists.filter((l) => l.length > 2)).toEqual([]);
    expect(reRated.filter(([first, last]) => !NEIGHBOURS[last.rag].includes(first.rag))).toEqual(
      [],
    );
    const share = reRated.length / lists.length;
    expect(share).toBeGreaterThan(0.04);
    expect(share).toBeLessThan(0.12);
  });

  it('asks partners only about screened contacts that are not BLUE', () => {
    const wrong = contacts.filter(
      (c) => checksOf.has(c.id) && (c.screenedAt === null || c.rag === 'BLUE'),
    );
    expect(wrong).toEqual([]);
    const asked = contacts.filter((c) => c.rag !== null && c.rag !== 'BLUE');
    expect(asked.filter((c) => checksOf.has(c.id)).length / asked.length).toBeGreaterThan(0.9);
  });

  it('asks education exactly when a child on the contact is of school age at receipt', () => {
    const children = new Map(world.socialcare.children.map((c) => [c.id, c]));
    const wrong = contacts.filter((c) => {
      const checks = checksOf.get(c.id);
      if (!checks) return false;
      const date = localDate(new Date(c.receivedAt));
      const schoolAge = (kidsOf.get(c.id) ?? []).some((k) => {
        const dob = children.get(k.childId)?.dateOfBirth ?? null;
        return dob !== null && ageAt(dob, date) >= 4 && ageAt(dob, date) <= 16;
      });
      return checks.some((k) => k.agency === 'EDUCATION') !== schoolAge;
    });
    expect(wrong).toEqual([]);
  });

  it('leaves every check answered, withdrawn when its contact closed, or outstanding while open', () => {
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const wrong = world.socialcare.partnerChecks.filter((k) => {
      const c = byId.get(k.contactId) as ScContact;
      if (k.answeredAt !== null) {
        return (
          k.withdrawnAt !== null ||
          k.outcome === null ||
          !RESEARCHER[k.agency].test(k.answeredBy ?? '') ||
          (c.closedAt !== null && k.answeredAt > c.closedAt)
        );
      }
      if (k.answeredBy !== null || k.outcome !== null) return true;
      return k.withdrawnAt !== null ? k.withdrawnAt !== c.closedAt : c.stage === 'DECIDED';
    });
    expect(wrong).toEqual([]);
  });

  it('withdraws only a few checks', () => {
    const checks = world.socialcare.partnerChecks;
    const withdrawn = checks.filter((k) => k.withdrawnAt !== null).length;
    expect(withdrawn).toBeGreaterThan(0);
    expect(withdrawn / checks.length).toBeLessThan(0.1);
  });

  it('has checks requested by the screener or re-rater of the team', () => {
    const wrong = contacts.filter((c) => {
      const authors = new Set((ratingsOf.get(c.id) ?? []).map((r) => r.ratedBy));
      return (checksOf.get(c.id) ?? []).some((k) => !authors.has(k.requestedBy));
    });
    expect(wrong).toEqual([]);
  });

  it('sets the stage from the decisions and the checks', () => {
    const wrong = contacts.filter((c) => {
      const kids = kidsOf.get(c.id) ?? [];
      const checks = checksOf.get(c.id) ?? [];
      const expected = kids.every((k) => k.decidedAt !== null)
        ? 'DECIDED'
        : checks.some((k) => k.answeredAt === null && k.withdrawnAt === null)
          ? 'CHECKS_REQUESTED'
          : checks.length > 0
            ? 'CHECKS_ANSWERED'
            : c.screenedAt !== null
              ? 'SCREENED'
              : 'RECEIVED';
      return c.stage !== expected;
    });
    expect(wrong).toEqual([]);
    expect(new Set(contacts.map((c) => c.stage)).size).toBeGreaterThan(2);
  });

  it('counts every rating, the request, every answer and every decision in the version', () => {
    const wrong = contacts.filter((c) => {
      const checks = checksOf.get(c.id) ?? [];
      const expected =
        1 +
        (ratingsOf.get(c.id) ?? []).length +
        (checks.length > 0 ? 1 : 0) +
        checks.filter((k) => k.answeredAt !== null).length +
        (kidsOf.get(c.id) ?? []).filter((k) => k.decidedAt !== null).length;
      return c.version !== expected;
    });
    expect(wrong).toEqual([]);
  });

  it('closes a contact at its last child decision, and only once every child is decided', () => {
    const wrong = contacts.filter((c) => {
      const kids = kidsOf.get(c.id) ?? [];
      const expected = kids.every((k) => k.decidedAt !== null)
        ? kids.map((k) => k.decidedAt as string).sort()[kids.length - 1]
        : null;
      return c.closedAt !== expected;
    });
    expect(wrong).toEqual([]);
  });

  it('sets decisionDueWorkingDayAt by the one-working-day clock', () => {
    const wrong = contacts.filter(
      (c) =>
        c.decisionDueWorkingDayAt !==
        decisionDueOneWorkingDay(new Date(c.receivedAt)).toISOString(),
    );
    expect(wrong).toEqual([]);
  });

  it('keeps a running RAG clock on the current rating, and a stopped one no later than the decision', () => {
    const wrong = contacts.filter((c) => {
      if (c.ragDueAt === null) return c.ragStartedAt !== null || c.ragStoppedAt !== null;
      const started = c.ragStartedAt as string;
      if (c.ragStoppedAt === null) {
        // Running: only on an open contact, from the current rating, due by its target.
        const due = ragResponseDue(new Date(c.ratedSince!), c.rag!, DEFAULT_RAG_TARGETS);
        return c.closedAt !== null || started !== c.ratedSince || due?.toISOString() !== c.ragDueAt;
      }
      return c.ragStoppedAt < started || (c.closedAt !== null && c.ragStoppedAt > c.closedAt);
    });
    expect(wrong).toEqual([]);
  });

  it('stops the RAG clock at the last answer when every check was answered before the decision', () => {
    const wrong = contacts.filter((c) => {
      const checks = checksOf.get(c.id) ?? [];
      if (c.ragDueAt === null || checks.length === 0) return false;
      if (!checks.every((k) => k.answeredAt !== null)) return false;
      const last = checks.map((k) => k.answeredAt as string).sort()[checks.length - 1];
      return c.closedAt !== null && last <= c.closedAt && c.ragStoppedAt !== last;
    });
    expect(wrong).toEqual([]);
  });

  it('keeps an outstanding check due by the current rating from the later of request and rating', () => {
    const wrong = contacts.flatMap((c) =>
      (checksOf.get(c.id) ?? []).filter((k) => {
        if (k.answeredAt !== null || k.withdrawnAt !== null) return false;
        const due = partnerCheckDue(
          new Date(k.requestedAt),
          new Date(c.ratedSince!),
          c.rag!,
          DEFAULT_RAG_TARGETS,
        );
        return due?.toISOString() !== k.dueAt;
      }),
    );
    expect(wrong).toEqual([]);
    expect(world.socialcare.partnerChecks.filter((k) => k.answeredAt && !k.dueAt).length).toBe(0);
  });

  it('records who decided and why, with consent, and a lawful basis exactly when consent was not given', () => {
    const team = new Map(contacts.map((c) => [c.id, slug(c.team)]));
    const wrong = world.socialcare.contactChildren.filter((k) => {
      if (k.decidedAt === null || k.outcome === null) {
        return [k.decidedBy, k.rationale, k.consent, k.lawfulBasis].some((v) => v !== null);
      }
      return (
        !new RegExp(`^${team.get(k.contactId)}-(sw-0[1-6]|mgr-0[1-2])$`).test(k.decidedBy ?? '') ||
        !DECISION_RATIONALES[k.outcome].includes(k.rationale ?? '') ||
        k.consent === null ||
        (k.consent === 'GIVEN'
          ? k.lawfulBasis !== null
          : !LAWFUL_BASES[k.consent].includes(k.lawfulBasis ?? ''))
      );
    });
    expect(wrong).toEqual([]);
  });

  it('mostly does not seek consent before a strategy discussion', () => {
    const strategy = world.socialcare.contactChildren.filter(
      (k) => k.outcome === 'STRATEGY_DISCUSSION',
    );
    const notSought = strategy.filter((k) => k.consent === 'NOT_SOUGHT').length;
    expect(notSought / strategy.length).toBeGreaterThan(0.6);
  });

  it('has level 4 decisions made more often by a manager than other levels', () => {
    const managerShare = (levels: number[]): number => {
      const kids = world.socialcare.contactChildren.filter(
        (k) => k.level !== null && levels.includes(k.level),
      );
      return kids.filter((k) => k.decidedBy?.includes('-mgr-')).length / kids.length;
    };
    expect(managerShare([4])).toBeGreaterThan(managerShare([1, 2, 3]) + 0.2);
  });

  it('reports only the child own recorded NHS number and UPN, for some children', () => {
    const children = new Map(world.socialcare.children.map((c) => [c.id, c]));
    const kids = world.socialcare.contactChildren;
    const wrong = kids.filter(
      (k) =>
        (k.reportedNhsNumber !== null &&
          k.reportedNhsNumber !== children.get(k.childId)?.nhsNumber) ||
        (k.reportedUpn !== null && k.reportedUpn !== children.get(k.childId)?.upn),
    );
    expect(wrong).toEqual([]);
    const share = kids.filter((k) => k.reportedNhsNumber !== null).length / kids.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.4);
  });

  it('names the decision-maker on each referral and a receiving social worker once completed', () => {
    const decider = new Map(
      world.socialcare.contactChildren.map((k) => [`${k.contactId}/${k.childId}`, k.decidedBy]),
    );
    const wrong = world.socialcare.referrals.filter(
      (r) =>
        r.createdBy !== decider.get(`${r.contactId}/${r.childId}`) ||
        (r.completedAt === null
          ? r.completedBy !== null
          : !/^assessment-1-sw-0[1-8]$/.test(r.completedBy ?? '')),
    );
    expect(wrong).toEqual([]);
  });

  it('writes every new instant as UTC ISO and none after asOf', () => {
    const sc = world.socialcare;
    const instants = [
      ...sc.contacts.flatMap((c) => [c.recordedAt, c.ratedSince, c.closedAt]),
      ...sc.contactRatings.map((r) => r.ratedAt),
      ...sc.partnerChecks.flatMap((k) => [k.requestedAt, k.answeredAt, k.withdrawnAt]),
    ].filter((v): v is string => v !== null);
    expect(instants.filter((v) => !INSTANT.test(v))).toEqual([]);
    expect(instants.filter((v) => v > AS_OF.toISOString())).toEqual([]);
  });

  it('gives the same front door for the same seed, scale and asOf', () => {
    const again = generateWorld({ seed: SEED, scale: SCALE, asOf: AS_OF });
    expect(again.socialcare).toEqual(world.socialcare);
  });

  it('completes the same rows again from contact-children listed in another contact order', () => {
    const sc = structuredClone(world.socialcare);
    const moved = [...groupBy(sc.contactChildren).values()].reverse().flat();
    const ms = (instant: string | null): number => (instant === null ? NaN : Date.parse(instant));
    const records = addFrontDoor(
      {
        children: sc.children,
        contacts: sc.contacts,
        contactChildren: moved,
        referrals: sc.referrals,
      },
      {
        receivedMs: sc.contacts.map((c) => ms(c.receivedAt)),
        screenedMs: sc.contacts.map((c) => ms(c.screenedAt)),
        decidedMs: moved.map((k) => ms(k.decidedAt)),
      },
      new Rng(SEED, 'front-door'),
      AS_OF.getTime(),
    );
    expect(records).toEqual({
      contactRatings: world.socialcare.contactRatings,
      partnerChecks: world.socialcare.partnerChecks,
    });
    expect(sc).toEqual(world.socialcare);
  });

  it('leaves the partners and what socialcare already had as they are without the front door', () => {
    let without: World | undefined;
    jest.isolateModules(() => {
      jest.doMock('../../seed/frontdoor', () => ({
        ...jest.requireActual<object>('../../seed/frontdoor'),
        addFrontDoor: () => ({ contactRatings: [], partnerChecks: [] }),
      }));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const generate = require('../../seed/world') as typeof import('../../seed/world');
      without = generate.generateWorld({ seed: SEED, scale: SCALE, asOf: AS_OF });
    });
    const other = without as World;
    const before = (w: World) => ({
      police: w.police,
      health: w.health,
      education: w.education,
      truth: w.truth,
      households: w.socialcare.households,
      children: w.socialcare.children,
      adults: w.socialcare.adults,
      contacts: w.socialcare.contacts.map(
        ({ id, receivedAt, sourceCode, referrer, concern, rag, screenedAt, team }) => ({
          id,
          receivedAt,
          sourceCode,
          referrer,
          concern,
          rag,
          screenedAt,
          team,
        }),
      ),
      contactChildren: w.socialcare.contactChildren.map(
        ({ contactId, childId, decidedAt, level, outcome }) => ({
          contactId,
          childId,
          decidedAt,
          level,
          outcome,
        }),
      ),
      referrals: w.socialcare.referrals.map(
        ({ id, contactId, childId, createdAt, completedAt }) => ({
          id,
          contactId,
          childId,
          createdAt,
          completedAt,
        }),
      ),
    });
    expect(other.socialcare.contactRatings).toEqual([]);
    expect(before(other)).toEqual(before(world));
  });
});
