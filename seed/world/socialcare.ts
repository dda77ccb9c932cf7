/**
 * Social care's records, once the world is drawn: its households, children and adults (ids in
 * order of first contact), every contact screened (RAG) and decided (level and outcome) per
 * child, referrals where a decision calls for one; then the front door's records
 * (`../frontdoor.ts`) and assessments and plans (`../assessments.ts`).
 */
import { addAllocations } from '../allocations';
import { addAssessments } from '../assessments';
import { addEarlyHelp } from '../earlyhelp';
import { HOUR_MS, MINUTE_MS, londonDay, londonMinute, londonToUtc } from '../calendar';
import {
  UNFILLED_CONTACT,
  UNFILLED_CONTACT_CHILD,
  UNFILLED_REFERRAL,
  addFrontDoor,
  type FrontDoorInstants,
} from '../frontdoor';
import { ageOn, dateText, iso, pad, type ContactDraft, type Decision, type Person } from '../model';
import type { Rng } from '../random';
import { hasDisc } from './discrepancies';
import { stream, type WorldState } from './state';
import type {
  ContactOutcome,
  Rag,
  ScAdult,
  ScChild,
  ScContact,
  ScContactChild,
  ScHousehold,
  ScReferral,
  SocialcareData,
} from './types';

const RAG_WEIGHTS: Record<Rag, number> = { RED: 10, AMBER: 30, GREEN: 45, BLUE: 15 };
const LEVEL_BY_RAG: Record<Rag, Record<'1' | '2' | '3' | '4', number>> = {
  RED: { '4': 60, '3': 35, '2': 5, '1': 0 },
  AMBER: { '4': 5, '3': 45, '2': 45, '1': 5 },
  GREEN: { '4': 0, '3': 5, '2': 55, '1': 40 },
  BLUE: { '4': 0, '3': 0, '2': 10, '1': 90 },
};
const OUTCOME_BY_LEVEL: Record<number, Partial<Record<ContactOutcome, number>>> = {
  4: { STRATEGY_DISCUSSION: 70, ASSESSMENT_REQUIRED: 30 },
  3: { ASSESSMENT_REQUIRED: 75, STEP_DOWN_TO_EARLY_HELP: 20, OTHER: 5 },
  2: { STEP_DOWN_TO_EARLY_HELP: 55, ADVICE_AND_SIGNPOST: 35, NO_FURTHER_ACTION: 10 },
  1: { NO_FURTHER_ACTION: 55, ADVICE_AND_SIGNPOST: 40, OTHER: 5 },
};
/** Hours from receipt to decision for the ~90% decided on time, by RAG. */
const DECISION_HOURS: Record<Rag, [number, number]> = {
  RED: [1, 8],
  AMBER: [2, 18],
  GREEN: [3, 23.5],
  BLUE: [0.5, 12],
};

/** What assembling the contacts gives besides social care's rows. */
interface ContactRecords {
  contacts: ScContact[];
  contactChildren: ScContactChild[];
  referrals: ScReferral[];
  decisions: Map<Person, Decision[]>;
  instants: FrontDoorInstants;
}

/**
 * Social care's data; gives its people their `scId`. Draws from `rng`, the assembly stream; the
 * front door and assessments draw from their own. Also returns its decisions on each child (for
 * the partner records) and the children it holds in id order.
 */
export function assembleSocialcare(
  state: WorldState,
  rng: Rng,
): { socialcare: SocialcareData; decisions: Map<Person, Decision[]>; scChildren: Person[] } {
  const { households, adults, children, scChildren } = assemblePeople(state, rng);
  const { contacts, contactChildren, referrals, decisions, instants } = assembleContacts(
    state,
    rng,
  );
  const { contactRatings, partnerChecks } = addFrontDoor(
    { children, contacts, contactChildren, referrals },
    instants,
    stream(state, 'front-door'),
    state.asOfMs,
  );
  const { assessments, childProtectionPlans, childProtectionVisits } = addAssessments(
    { contactChildren, referrals },
    stream(state, 'assessments'),
    state.asOfMs,
  );
  addAllocations({ children, contacts, referrals, assessments }, stream(state, 'allocations'));
  const earlyHelpEpisodes = addEarlyHelp(
    { contacts, contactChildren },
    stream(state, 'early-help'),
    state.asOfMs,
  );
  return {
    socialcare: {
      households,
      children,
      adults,
      contacts,
      contactChildren,
      contactRatings,
      partnerChecks,
      referrals,
      assessments,
      childProtectionPlans,
      childProtectionVisits,
      earlyHelpEpisodes,
    },
    decisions,
    scChildren,
  };
}

/** Households, adults and children with a contact, ids in order of first contact. */
function assemblePeople(
  state: WorldState,
  rng: Rng,
): { households: ScHousehold[]; adults: ScAdult[]; children: ScChild[]; scChildren: Person[] } {
  // Socialcare ids in order of first contact, as the case system would have created them.
  const scChildren = state.persons
    .filter((p) => p.kind === 'CHILD' && p.firstContactMs !== Infinity)
    .sort((a, b) => a.firstContactMs - b.firstContactMs || a.index - b.index);
  const scHouseholds = state.households
    .filter((h) => h.firstContactMs !== Infinity)
    .sort((a, b) => a.firstContactMs - b.firstContactMs);
  const households: ScHousehold[] = scHouseholds.map((h, i) => {
    h.scId = `H${pad(i + 1, 6)}`;
    return { id: h.scId, addressLine: h.addressLine, postcode: h.postcode };
  });
  const adults: ScAdult[] = [];
  for (const h of scHouseholds) {
    for (const a of h.adults) {
      a.scId = `AD${pad(adults.length + 1, 6)}`;
      adults.push({
        id: a.scId,
        householdId: h.scId as string,
        givenName: a.given,
        familyName: a.family,
        dateOfBirth:
          a.dob !== null && !(a.sex === 'MALE' && rng.chance(0.03)) ? dateText(a.dob) : null,
        sex: a.sex,
        relationship: a.relationship as string,
      });
    }
  }
  const children: ScChild[] = scChildren.map((p, i) => {
    p.scId = `SC${100001 + i}`;
    const plan = p.pupil;
    let upn: string | null = null;
    let reason: string | null = null;
    if (hasDisc(p, 'socialcare', 'FORMER_UPN')) upn = plan?.formerUpn ?? null;
    else if (plan?.upn && rng.chance(0.85)) upn = plan.upn;
    if (!upn) {
      if (p.uasc) reason = 'UN4';
      else if (plan?.unknownReason) reason = plan.unknownReason;
      else if (p.dob !== null && ageOn(p.dob, state.asOfDay) < 5 && rng.chance(0.6)) reason = 'UN1';
      else if (!plan && p.dob !== null && ageOn(p.dob, state.asOfDay) >= 5 && rng.chance(0.3)) {
        reason = rng.pick(['UN2', 'UN3']);
      }
    }
    const ethnicityRoll = rng.next();
    return {
      id: p.scId,
      givenName: p.given,
      familyName: p.family,
      dateOfBirth: p.dob !== null ? dateText(p.dob) : null,
      expectedDateOfBirth: p.edd !== null ? dateText(p.edd) : null,
      sex: p.sex,
      ethnicity: ethnicityRoll < 0.03 ? 'REFU' : ethnicityRoll < 0.07 ? 'NOBT' : p.ethnicity,
      nhsNumber: p.scNhs,
      upn,
      upnUnknownReason: reason,
      householdId: p.household?.scId ?? null,
      createdAt: iso(p.firstContactMs),
    };
  });
  return { households, adults, children, scChildren };
}

/** Every contact, numbered in order of receipt: screened, decided per child, referred. */
function assembleContacts(state: WorldState, rng: Rng): ContactRecords {
  const records: ContactRecords = {
    contacts: [],
    contactChildren: [],
    referrals: [],
    decisions: new Map(),
    instants: { receivedMs: [], screenedMs: [], decidedMs: [] },
  };
  const recentFrom = state.asOfMs - 48 * HOUR_MS;
  for (const c of state.contacts) {
    const id = `CT${pad(records.contacts.length + 1, 7)}`;
    const recent = c.receivedMs > recentFrom;
    const { rag, screenedMs, screened } = screen(state, rng, c, recent);
    const decidedMs = screened && rag ? decide(state, rng, c, rag, screenedMs, recent) : null;
    records.contacts.push({
      id,
      receivedAt: iso(c.receivedMs),
      sourceCode: c.source,
      referrer: c.referrer,
      concern: c.concern,
      rag,
      screenedAt: screened ? iso(screenedMs) : null,
      team: c.team,
      ...UNFILLED_CONTACT,
    });
    records.instants.receivedMs.push(c.receivedMs);
    records.instants.screenedMs.push(screened ? screenedMs : NaN);
    decideChildren(state, rng, c, { id, rag, decidedMs }, records);
  }
  const { referrals } = records;
  referrals.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  referrals.forEach((r, i) => (r.id = `RF${pad(i + 1, 6)}`));
  return records;
}

/**
 * The contact's RAG rating and when it was screened: next morning when it came out of hours,
 * within hours by RAG otherwise; a third of the last two days' contacts not screened yet.
 */
function screen(
  state: WorldState,
  rng: Rng,
  c: ContactDraft,
  recent: boolean,
): { rag: Rag | null; screenedMs: number; screened: boolean } {
  let rag: Rag | null = rng.weighted(RAG_WEIGHTS);
  if (c.children.some((k) => k.uasc || k.dob === null) && rag === 'BLUE') rag = 'AMBER';
  const received = c.receivedMs;
  const localMinute = londonMinute(received);
  const kind = state.calendar.kind(londonDay(received));
  let screenedMs: number;
  if (kind === 'WEEKEND' || localMinute < 480 || localMinute >= 1140) {
    // Out of hours: screened when the MASH opens next morning.
    const day = londonDay(received) + (localMinute >= 480 ? 1 : 0);
    screenedMs = Math.max(received + 10 * MINUTE_MS, londonToUtc(day, rng.int(540, 630)));
  } else {
    const [lo, hi] =
      rag === 'RED'
        ? [10, 90]
        : rag === 'AMBER'
          ? [20, 180]
          : rag === 'GREEN'
            ? [30, 360]
            : [20, 240];
    screenedMs = received + rng.int(lo, hi) * MINUTE_MS;
  }
  const screened = screenedMs <= state.asOfMs && !(recent && rng.chance(0.35));
  if (!screened) rag = null;
  return { rag, screenedMs, screened };
}

/**
 * When a screened contact was decided, or null while it is open: most within hours by RAG, a
 * tail of up to a week, weekend contacts often on the next working day; recent ones more likely
 * open the younger they are.
 */
function decide(
  state: WorldState,
  rng: Rng,
  c: ContactDraft,
  rag: Rag,
  screenedMs: number,
  recent: boolean,
): number | null {
  const received = c.receivedMs;
  const kind = state.calendar.kind(londonDay(received));
  let decidedMs: number | null = null;
  if (recent) {
    // The older a recent contact, the likelier it is already decided.
    const age = (state.asOfMs - received) / (48 * HOUR_MS);
    if (rng.chance(0.35 * age ** 2) && state.asOfMs - screenedMs > 10 * MINUTE_MS) {
      const room = state.asOfMs - screenedMs - 10 * MINUTE_MS;
      decidedMs = screenedMs + 10 * MINUTE_MS + Math.floor((rng.next() * room) / 1000) * 1000;
    }
  } else {
    let hours: number;
    if (rng.chance(0.065)) hours = Math.min(168, 24 + rng.exponential(30));
    else hours = rng.float(DECISION_HOURS[rag][0], DECISION_HOURS[rag][1]);
    decidedMs = received + Math.round(hours * HOUR_MS);
    if (kind === 'WEEKEND' && rag !== 'RED' && rng.chance(0.4)) {
      let day = londonDay(received) + 1;
      while (state.calendar.kind(day) === 'WEEKEND') day++;
      decidedMs = londonToUtc(day, rng.int(540, 1020));
    }
    decidedMs = Math.max(decidedMs, screenedMs + 10 * MINUTE_MS);
    if (decidedMs > state.asOfMs) decidedMs = null;
  }
  return decidedMs;
}

/**
 * Each child's row of a contact: the decision (level and outcome, mostly shared by the children
 * of one contact) a few minutes apart, and a referral where the outcome calls for one.
 */
function decideChildren(
  state: WorldState,
  rng: Rng,
  c: ContactDraft,
  contact: { id: string; rag: Rag | null; decidedMs: number | null },
  records: ContactRecords,
): void {
  const { id, rag, decidedMs } = contact;
  let level: number | null = null;
  let outcome: ContactOutcome | null = null;
  for (const child of c.children) {
    let decided: number | null = decidedMs;
    if (decidedMs !== null && rag) {
      if (level === null || rng.chance(0.12)) {
        level = Number(rng.weighted(LEVEL_BY_RAG[rag]));
        outcome = rng.weighted(OUTCOME_BY_LEVEL[level] as Record<ContactOutcome, number>);
      }
      decided = Math.min(state.asOfMs, decidedMs + rng.int(0, 20) * MINUTE_MS);
    }
    records.contactChildren.push({
      contactId: id,
      childId: child.scId as string,
      decidedAt: decided !== null ? iso(decided) : null,
      level: decided !== null ? level : null,
      outcome: decided !== null ? outcome : null,
      ...UNFILLED_CONTACT_CHILD,
    });
    records.instants.decidedMs.push(decided ?? NaN);
    if (decided !== null && level !== null && outcome !== null) {
      const list = records.decisions.get(child) ?? [];
      list.push({ contact: c, decidedMs: decided, level, outcome });
      records.decisions.set(child, list);
    }
    if (
      decided !== null &&
      (outcome === 'ASSESSMENT_REQUIRED' || outcome === 'STRATEGY_DISCUSSION')
    ) {
      // ~95% completed within 72 hours, the rest within a fortnight.
      const quick = 1 + rng.exponential(18);
      const hours = rng.chance(0.95)
        ? quick <= 72
          ? quick
          : rng.float(1, 72)
        : rng.float(72, 14 * 24);
      const completed = decided + Math.round(hours * HOUR_MS);
      records.referrals.push({
        id: '',
        contactId: id,
        childId: child.scId as string,
        createdAt: iso(decided),
        completedAt: completed <= state.asOfMs ? iso(completed) : null,
        ...UNFILLED_REFERRAL,
      });
    }
  }
}
