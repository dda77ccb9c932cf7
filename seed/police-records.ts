/**
 * Police's own records beyond occurrences and intelligence: a domestic abuse notification for every
 * DOMESTIC_ABUSE occurrence, missing episodes, arrests, MARAC referrals and court orders. Built
 * from the occurrences (who was victim, perpetrator, missing) and the contacts behind them, so the
 * records agree with what the occurrence summaries and the contacts say; each part draws from its
 * own rng stream.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, dayOf, londonDay, londonToUtc, weekday } from './calendar';
import {
  MIN_HARD_CASES,
  ageOn,
  cachedParts,
  dateText,
  iso,
  numbered,
  pad,
  type BuiltWorld,
  type OccurrenceDraft,
  type Person,
} from './model';
import type { Rng } from './random';
import {
  ARREST_BY_CONCERN,
  ARREST_BY_SUMMARY,
  MISSING_HOURS_BY_SUMMARY,
  OFFENCES,
  type ArrestRule,
} from './texts/police';
import type {
  ArrestOutcome,
  CourtOrderKind,
  DashRisk,
  OffenceCategory,
  PoliceArrest,
  PoliceCourtOrder,
  PoliceDaNotification,
  PoliceMaracReferral,
  PoliceMissingEpisode,
} from './world/types';

/** DASH risk, for the rare notification whose occurrence summary does not state it. */
const DASH_WEIGHTS: Record<DashRisk, number> = { STANDARD: 55, MEDIUM: 30, HIGH: 15 };
/** How long after an occurrence its DASH assessment is complete, at the latest. */
const ASSESSED_WITHIN_MS = 6 * HOUR_MS;
/** Share of HIGH-risk victims referred to MARAC, and of MEDIUM ones with repeat incidents. */
const MARAC_HIGH_SHARE = 0.85;
const MARAC_ESCALATION_SHARE = 0.3;
/** Share of children with a reported missing episode who go missing again (not each reported). */
const REPEAT_MISSING_SHARE = 0.35;
/** People missing right now, per unit of scale. */
const CURRENTLY_MISSING_PER_SCALE = 6;
/** Share of household adults police never met in the window who have an older record. */
const OLD_RECORD_SHARE: Record<'MALE' | 'FEMALE', number> = { MALE: 0.05, FEMALE: 0.015 };
/** Offence mix of arrests before the window (records that earned a PNC ID). */
const HISTORIC_OFFENCE_WEIGHTS: Record<Exclude<OffenceCategory, 'DOMESTIC_ABUSE'>, number> = {
  THEFT: 28,
  DRUGS: 27,
  VIOLENCE: 20,
  PUBLIC_ORDER: 15,
  WEAPONS: 7,
  SEXUAL: 3,
};

/** What the police builders need of police's person index. */
export interface PoliceIndex {
  /**
   * Police's id for the person; a person police did not hold gets a person-index record first
   * noticed at `firstMs`, made the way the generator makes all of them.
   */
  idOf(rng: Rng, p: Person, firstMs: number): string;
  /** The year of the person's first record, from the PNC ID police hold; null without one. */
  pncYear(p: Person): number | null;
}

/** Police's records beyond occurrences, and the MARAC referrals health also learns of. */
export interface PoliceRecords {
  daNotifications: PoliceDaNotification[];
  missingEpisodes: PoliceMissingEpisode[];
  arrests: PoliceArrest[];
  maracReferrals: PoliceMaracReferral[];
  courtOrders: PoliceCourtOrder[];
  /** Each heard MARAC conference: the victim and the local date, for health's flags. */
  maracConferences: { victim: Person; day: number }[];
}

interface DaDraft {
  id: string;
  occurrence: OccurrenceDraft;
  victim: Person | null;
  perpetrator: Person | null;
  assessedMs: number;
  dashRisk: DashRisk;
  previous: number;
}

interface EpisodeDraft {
  seq: number;
  person: Person;
  occurrenceId: string | null;
  startMs: number;
  endMs: number | null;
}

interface ArrestDraft {
  seq: number;
  person: Person;
  arrestedMs: number;
  category: OffenceCategory;
  offence: string;
  outcome: ArrestOutcome;
  /** The victim, for domestic abuse arrests (restraining orders follow convictions). */
  victim: Person | null;
}

interface OrderDraft {
  seq: number;
  kind: CourtOrderKind;
  respondent: Person;
  protectedPerson: Person;
  madeOn: number;
  expiresOn: number | null;
}

/** Seconds-resolution instant uniformly in [from, to]. */
function between(rng: Rng, from: number, to: number): number {
  return from + Math.floor((rng.next() * Math.max(0, to - from)) / 1000) * 1000;
}

/** The occurrence summary without its trailing DASH level, as ARREST_BY_SUMMARY keys it. */
function summaryKey(summary: string): string {
  return summary.replace(/ DASH (standard|medium|high)\.$/, '');
}

/**
 * Builds police's DA notifications, missing episodes, arrests, MARAC referrals and court orders.
 * New person-index records (adults with only an older record, MARAC victims police never met) are
 * added through `index`, after every existing one.
 */
export function buildPoliceRecords(world: BuiltWorld, index: PoliceIndex): PoliceRecords {
  const occurrenceId = new Map(world.occurrences.map((o, i) => [o, `OC${pad(i + 1, 6)}`]));
  const notifications = buildDaNotifications(world);
  const arrests = buildArrests(world, index, notifications);
  const { referrals, conferences } = buildMarac(world, index, notifications);
  return {
    daNotifications: notifications.map((d) => ({
      id: d.id,
      occurrenceId: occurrenceId.get(d.occurrence) as string,
      assessedAt: iso(d.assessedMs),
      dashRisk: d.dashRisk,
      childrenPresent: d.occurrence.persons.some((x) => x.role === 'CHILD_PRESENT'),
      previousIncidents: d.previous,
    })),
    missingEpisodes: buildMissingEpisodes(world, occurrenceId),
    arrests: numbered(
      arrests
        .sort((a, b) => a.arrestedMs - b.arrestedMs || a.seq - b.seq)
        .map((a) => ({
          id: '',
          personId: a.person.policeId as string,
          arrestedAt: iso(a.arrestedMs),
          offenceCategory: a.category,
          offence: a.offence,
          outcome: a.outcome,
        })),
      'AR',
      6,
    ),
    maracReferrals: referrals,
    courtOrders: buildCourtOrders(world, notifications, arrests),
    maracConferences: conferences,
  };
}

// ------------------------------------------------------------ DA notifications

function buildDaNotifications(world: BuiltWorld): DaDraft[] {
  const rng = world.rng('police-da');
  const drafts: DaDraft[] = [];
  const pairs = new Map<string, number>();
  for (const o of world.occurrences) {
    if (o.category !== 'DOMESTIC_ABUSE') continue;
    const victim = o.persons.find((x) => x.role === 'VICTIM')?.person ?? null;
    const perpetrator = o.persons.find((x) => x.role === 'PERPETRATOR')?.person ?? null;
    const pair = victim && perpetrator ? `${victim.index}/${perpetrator.index}` : null;
    const previous = pair ? (pairs.get(pair) ?? 0) : 0;
    if (pair) pairs.set(pair, previous + 1);
    // The occurrence summary already states the DASH level; the notification must agree.
    const stated = /DASH (standard|medium|high)\.$/.exec(o.summary);
    const dashRisk = stated ? (stated[1].toUpperCase() as DashRisk) : rng.weighted(DASH_WEIGHTS);
    // Completed at the scene or within hours, before any contact to the MASH it led to.
    const latest = Math.min(
      o.occurredMs + ASSESSED_WITHIN_MS,
      o.contact ? Math.max(o.occurredMs + 10 * MINUTE_MS, o.contact.receivedMs) : Infinity,
    );
    drafts.push({
      id: `DA${pad(drafts.length + 1, 6)}`,
      occurrence: o,
      victim,
      perpetrator,
      assessedMs: Math.min(world.asOfMs, between(rng, o.occurredMs + 10 * MINUTE_MS, latest)),
      dashRisk,
      previous,
    });
  }
  return drafts;
}

// ------------------------------------------------------------ missing episodes

function buildMissingEpisodes(
  world: BuiltWorld,
  occurrenceId: Map<OccurrenceDraft, string>,
): PoliceMissingEpisode[] {
  const rng = world.rng('police-missing');
  const drafts: EpisodeDraft[] = [];
  const byPerson = new Map<Person, EpisodeDraft[]>();
  const add = (draft: Omit<EpisodeDraft, 'seq'>): boolean => {
    const own = byPerson.get(draft.person) ?? [];
    const end = draft.endMs ?? Infinity;
    // One person is missing once at a time: keep a day clear around every episode.
    if (own.some((e) => draft.startMs < (e.endMs ?? Infinity) + DAY_MS && e.startMs < end + DAY_MS))
      return false;
    const full = { ...draft, seq: drafts.length };
    drafts.push(full);
    own.push(full);
    byPerson.set(draft.person, own);
    return true;
  };
  /** How long a repeat episode lasts: mostly hours, sometimes days, rarely weeks. */
  const repeatHours = (): number => {
    const r = rng.next();
    if (r < 0.6) return rng.float(2, 24);
    if (r < 0.9) return rng.float(24, 72);
    if (r < 0.98) return rng.float(72, 240);
    return rng.float(240, 1440);
  };
  /** A repeat episode (on the missing persons record, no occurrence of its own) in [from, to]. */
  const repeat = (person: Person, from: number, to: number): boolean => {
    if (to <= from) return false;
    for (let tries = 0; tries < 5; tries++) {
      const startMs = between(rng, from, to);
      const endMs = startMs + Math.round(repeatHours() * HOUR_MS);
      const ok = add({
        person,
        occurrenceId: null,
        startMs,
        endMs: endMs <= world.asOfMs ? endMs : null,
      });
      if (ok) return true;
    }
    return false;
  };
  const childFrom = (p: Person): number =>
    Math.max(world.windowStartMs, (p.dob as number) * DAY_MS + 10 * 365 * DAY_MS);

  const missingChildren = new Set<Person>();
  for (const o of world.occurrences) {
    if (o.category !== 'MISSING_PERSON') continue;
    const person = o.persons.find((x) => x.role === 'MISSING_PERSON')?.person;
    if (!person) continue;
    // Reported some hours after they went; found as the summary says (by now, at the latest).
    const startMs = Math.max(
      (person.dob as number) * DAY_MS,
      o.occurredMs - rng.int(60, 14 * 60) * MINUTE_MS,
    );
    const [lo, hi] = MISSING_HOURS_BY_SUMMARY[o.summary] ?? [2, 48];
    const endMs = Math.min(
      world.asOfMs,
      Math.max(o.occurredMs + 30 * MINUTE_MS, startMs + Math.round(rng.float(lo, hi) * HOUR_MS)),
    );
    add({ person, occurrenceId: occurrenceId.get(o) as string, startMs, endMs });
    if (person.kind === 'CHILD') missingChildren.add(person);
    // 'third this year': the two before it are on the missing persons record.
    if (o.contact?.concern.startsWith('Missing episode, third this year')) {
      for (let k = 0; k < 2; k++) {
        repeat(
          person,
          Math.max(childFrom(person), o.occurredMs - 330 * DAY_MS),
          o.occurredMs - 7 * DAY_MS,
        );
      }
    }
  }
  for (const child of missingChildren) {
    if (!rng.chance(REPEAT_MISSING_SHARE)) continue;
    const extra = 1 + rng.poisson(0.8);
    for (let k = 0; k < extra; k++) repeat(child, childFrom(child), world.asOfMs - DAY_MS);
  }
  // At any scale, a few matchable children police hold have gone missing.
  const matchable = world
    .matchableChildren('police')
    .filter((p) => p.policeId !== null && ageOn(p.dob as number, world.asOfDay) >= 12);
  let count = matchable.filter((p) => byPerson.has(p)).length;
  for (const p of rng.shuffle(matchable.filter((x) => !byPerson.has(x)))) {
    if (count >= MIN_HARD_CASES) break;
    if (repeat(p, childFrom(p), world.asOfMs - DAY_MS)) count++;
  }
  // Some are missing right now, mostly children who have gone missing before.
  const current = world.scaled(CURRENTLY_MISSING_PER_SCALE, 2);
  const stillChildren = [...missingChildren].filter(
    (p) => ageOn(p.dob as number, world.asOfDay) < 18,
  );
  const pool = rng.shuffle(stillChildren.length > 0 ? stillChildren : [...matchable]);
  for (let i = 0, made = 0; made < current && i < pool.length * 3; i++) {
    const person = pool[i % pool.length];
    const startMs = world.asOfMs - rng.int(6 * 60, 10 * 24 * 60) * MINUTE_MS;
    if (add({ person, occurrenceId: null, startMs, endMs: null })) made++;
  }

  drafts.sort((a, b) => a.startMs - b.startMs || a.seq - b.seq);
  return drafts.map((d, i) => {
    const child = d.person.dob !== null && ageOn(d.person.dob, londonDay(d.startMs)) < 18;
    // Return-home interviews are offered to every child found, within 72 hours; most take it up.
    const found = d.endMs !== null;
    const settled = found && world.asOfMs - (d.endMs as number) > 3 * DAY_MS;
    const offered = child && found && (settled || rng.chance(0.5));
    return {
      id: `MS${pad(i + 1, 6)}`,
      personId: d.person.policeId as string,
      occurrenceId: d.occurrenceId,
      startedAt: iso(d.startMs),
      endedAt: d.endMs !== null ? iso(d.endMs) : null,
      returnInterviewOffered: offered,
      returnInterviewDone: offered && rng.chance(settled ? 0.72 : 0.2),
    };
  });
}

// ------------------------------------------------------------ arrests

function outcomeOf(rng: Rng, arrestedMs: number, asOfMs: number, juvenile: boolean): ArrestOutcome {
  const days = (asOfMs - arrestedMs) / DAY_MS;
  // Recent arrests are still under investigation or awaiting court; older ones have concluded.
  const weights: Record<ArrestOutcome, number> =
    days < 28
      ? {
          RELEASED_UNDER_INVESTIGATION: 45,
          CHARGED: 25,
          NO_FURTHER_ACTION: 20,
          CAUTIONED: 10,
          CONVICTED: 0,
        }
      : days < 180
        ? {
            RELEASED_UNDER_INVESTIGATION: 20,
            CHARGED: 30,
            NO_FURTHER_ACTION: 28,
            CAUTIONED: 12,
            CONVICTED: 10,
          }
        : {
            RELEASED_UNDER_INVESTIGATION: 5,
            CHARGED: 8,
            NO_FURTHER_ACTION: 35,
            CAUTIONED: 15,
            CONVICTED: 37,
          };
  if (juvenile) weights.CAUTIONED += 15;
  return rng.weighted(weights);
}

function buildArrests(world: BuiltWorld, index: PoliceIndex, notes: DaDraft[]): ArrestDraft[] {
  const rng = world.rng('police-arrests');
  const drafts: ArrestDraft[] = [];
  const add = (
    person: Person,
    arrestedMs: number,
    category: OffenceCategory,
    offence: string,
    outcome: ArrestOutcome,
    victim: Person | null = null,
  ): void => {
    drafts.push({ seq: drafts.length, person, arrestedMs, category, offence, outcome, victim });
  };
  const victimOf = new Map(notes.map((n) => [n.occurrence, n.victim]));

  // Suspects of the occurrences: arrested at the scene or traced later, as the summary says.
  for (const o of world.occurrences) {
    const rule: ArrestRule | undefined =
      (o.contact ? ARREST_BY_CONCERN[o.contact.concern] : undefined) ??
      ARREST_BY_SUMMARY[summaryKey(o.summary)];
    if (!rule) continue;
    for (const { person, role } of o.persons) {
      const suspect =
        role === 'PERPETRATOR' ||
        (role === 'SUBJECT' && ['DRUGS', 'THEFT', 'ANTISOCIAL_BEHAVIOUR'].includes(o.category));
      if (!suspect || person.dob === null) continue;
      if (ageOn(person.dob, londonDay(o.occurredMs)) < 10 || !rng.chance(rule.chance)) continue;
      const arrestedMs = rule.atScene
        ? o.occurredMs + rng.int(5, 180) * MINUTE_MS
        : o.occurredMs + rng.int(60, 7 * 24 * 60) * MINUTE_MS;
      if (arrestedMs > world.asOfMs) continue;
      const juvenile = ageOn(person.dob, londonDay(arrestedMs)) < 18;
      add(
        person,
        arrestedMs,
        rule.category,
        rng.pick(rule.offences),
        outcomeOf(rng, arrestedMs, world.asOfMs, juvenile),
        rule.category === 'DOMESTIC_ABUSE' ? (victimOf.get(o) ?? null) : null,
      );
    }
  }

  const windowStart = world.windowStartDay;
  const historic = (person: Person, from: number, to: number): void => {
    if (to < from) return;
    const day = rng.int(from, to);
    const category = rng.weighted(HISTORIC_OFFENCE_WEIGHTS);
    const juvenile = ageOn(person.dob as number, day) < 18;
    const outcome: ArrestOutcome = rng.weighted({
      CONVICTED: 55,
      CAUTIONED: juvenile ? 35 : 20,
      NO_FURTHER_ACTION: 25,
    });
    add(
      person,
      londonToUtc(day, rng.int(8 * 60, 23 * 60)) + rng.int(0, 59) * 1000,
      category,
      rng.pick(OFFENCES[category]),
      outcome,
    );
  };

  // One pass over everyone: household adults police never met in the window but who have an
  // older record get their person-index record (made as it would have been then); and a PNC ID
  // means a record: an arrest in the year it was issued, and perhaps more before the window.
  const absentParents = new Set(world.households.map((h) => h.absentParent));
  const arrestYears = new Map<Person, Set<number>>();
  for (const d of drafts) {
    const years = arrestYears.get(d.person) ?? new Set<number>();
    years.add(cachedParts(londonDay(d.arrestedMs)).year);
    arrestYears.set(d.person, years);
  }
  for (const p of world.persons) {
    if (p.dob === null) continue;
    if (
      p.kind === 'ADULT' &&
      p.household &&
      !p.policeId &&
      p.sex !== 'UNKNOWN' &&
      (p.scId || p.healthId) &&
      rng.chance(OLD_RECORD_SHARE[p.sex])
    ) {
      const from = Math.max(p.dob + 16 * 365, world.asOfDay - 15 * 365);
      if (from < windowStart - 1) {
        const day = rng.int(from, windowStart - 1);
        p.policeRecord = true;
        index.idOf(rng, p, londonToUtc(day, 12 * 60));
        historic(p, day, day);
        arrestYears.set(p, new Set([cachedParts(day).year]));
      }
    }
    const year = p.policeId ? index.pncYear(p) : null;
    if (year === null) continue;
    const firstAllowed = p.dob + 10 * 366;
    if (!arrestYears.get(p)?.has(year)) {
      historic(
        p,
        Math.max(dayOf(year, 1, 1), firstAllowed),
        Math.min(dayOf(year, 12, 31), world.asOfDay - 1),
      );
    }
    // The adults MASH asks about (parents, carers, ex-partners) have the longer records here.
    const more = rng.poisson(p.kind === 'ADULT' && (p.household || absentParents.has(p)) ? 1 : 0.3);
    for (let k = 0; k < more; k++) {
      historic(p, Math.max(dayOf(year, 1, 1), firstAllowed), windowStart - 1);
    }
  }
  return drafts.filter((d) => d.arrestedMs <= world.asOfMs);
}

// ------------------------------------------------------------ MARAC

function buildMarac(
  world: BuiltWorld,
  index: PoliceIndex,
  notes: DaDraft[],
): { referrals: PoliceMaracReferral[]; conferences: { victim: Person; day: number }[] } {
  const rng = world.rng('police-marac');
  const drafts: { seq: number; victim: Person; note: DaDraft | null; referredMs: number }[] = [];
  const last = new Map<Person, number>();
  const refer = (victim: Person, note: DaDraft | null, referredMs: number): void => {
    // One referral per case: a repeat incident within two months is added to the same case.
    if (referredMs > world.asOfMs || referredMs - (last.get(victim) ?? -Infinity) < 60 * DAY_MS)
      return;
    last.set(victim, referredMs);
    drafts.push({ seq: drafts.length, victim, note, referredMs });
  };
  const idvaVictims: { victim: Person; referredMs: number }[] = [];
  for (const c of world.contacts) {
    // An IDVA's contact to the MASH follows their referral of the victim to MARAC.
    if (c.source !== '8' || !c.concern.startsWith('IDVA') || !c.household) continue;
    const adults = c.household.adults;
    const victim =
      adults.find((a) => a.relationship === 'MOTHER') ??
      adults.find((a) => a.sex === 'FEMALE') ??
      adults[0];
    if (!victim || victim.dob === null) continue;
    idvaVictims.push({
      victim,
      referredMs: Math.max(
        world.windowStartMs,
        c.receivedMs - rng.int(60, 3 * 24 * 60) * MINUTE_MS,
      ),
    });
  }
  let idva = 0;
  for (const n of notes) {
    while (idva < idvaVictims.length && idvaVictims[idva].referredMs <= n.assessedMs) {
      const { victim, referredMs } = idvaVictims[idva++];
      index.idOf(rng, victim, referredMs);
      refer(victim, null, referredMs);
    }
    if (!n.victim) continue;
    const said = n.occurrence.contact?.concern.includes('referred to MARAC') ?? false;
    const referred =
      said ||
      (n.dashRisk === 'HIGH' && rng.chance(MARAC_HIGH_SHARE)) ||
      (n.dashRisk === 'MEDIUM' && n.previous >= 2 && rng.chance(MARAC_ESCALATION_SHARE));
    if (referred) refer(n.victim, n, n.assessedMs + rng.int(2 * 60, 4 * 24 * 60) * MINUTE_MS);
  }
  for (const { victim, referredMs } of idvaVictims.slice(idva)) {
    index.idOf(rng, victim, referredMs);
    refer(victim, null, referredMs);
  }

  drafts.sort((a, b) => a.referredMs - b.referredMs || a.seq - b.seq);
  const conferences: { victim: Person; day: number }[] = [];
  const referrals = drafts.map((d, i) => {
    // The borough's MARAC sits on Thursdays; a case is heard about two to three weeks on.
    const earliest = londonDay(d.referredMs) + 12;
    const day = earliest + ((4 - weekday(earliest) + 7) % 7);
    const heard = day <= world.asOfDay;
    if (heard) conferences.push({ victim: d.victim, day });
    return {
      id: `MR${pad(i + 1, 6)}`,
      personId: d.victim.policeId as string,
      daNotificationId: d.note?.id ?? null,
      referredAt: iso(d.referredMs),
      conferenceDate: heard ? dateText(day) : null,
    };
  });
  return { referrals, conferences };
}

// ------------------------------------------------------------ court orders

function buildCourtOrders(
  world: BuiltWorld,
  notes: DaDraft[],
  arrests: ArrestDraft[],
): PoliceCourtOrder[] {
  const rng = world.rng('police-orders');
  const drafts: OrderDraft[] = [];
  const add = (
    kind: CourtOrderKind,
    respondent: Person,
    protectedPerson: Person,
    madeOn: number,
    expiresOn: number | null,
  ): void => {
    if (madeOn > world.asOfDay) return;
    drafts.push({ seq: drafts.length, kind, respondent, protectedPerson, madeOn, expiresOn });
  };
  const inForce = (o: OrderDraft, day: number): boolean =>
    o.madeOn <= day && (o.expiresOn === null || o.expiresOn >= day);

  const pairs = new Map<string, DaDraft[]>();
  for (const n of notes) {
    if (!n.victim || !n.perpetrator) continue;
    const key = `${n.victim.index}/${n.perpetrator.index}`;
    const list = pairs.get(key) ?? [];
    list.push(n);
    pairs.set(key, list);
  }
  for (const list of pairs.values()) {
    const { victim, perpetrator } = list[0] as { victim: Person; perpetrator: Person };
    const ofPair = (): OrderDraft[] =>
      drafts.filter((o) => o.respondent === perpetrator && o.protectedPerson === victim);
    for (const n of list) {
      const day = londonDay(n.occurrence.occurredMs);
      // A breach presumes an order in force that day, made after some earlier trouble.
      const breach =
        n.occurrence.summary.startsWith('Ex-partner attended address in breach of order') ||
        (n.occurrence.contact?.concern.includes('breached non-molestation order') ?? false);
      if (breach && !ofPair().some((o) => inForce(o, day))) {
        const madeOn = day - rng.int(20, 300);
        add(
          'NON_MOLESTATION_ORDER',
          perpetrator,
          victim,
          madeOn,
          rng.chance(0.25) ? null : Math.max(madeOn + 365, day + rng.int(30, 300)),
        );
      }
    }
    const first = londonDay(list[0].occurrence.occurredMs);
    const high = list.some((n) => n.dashRisk === 'HIGH');
    const repeat = list.length >= 2;
    const sameHome = victim.household !== null && victim.household === perpetrator.household;
    const sharedChildren =
      victim.household !== null &&
      victim.household.children.some((c) => c.dob !== null) &&
      (sameHome || victim.household.absentParent === perpetrator);
    const at = rng.pick(list);
    const atDay = londonDay(at.occurrence.occurredMs);
    if (!ofPair().some((o) => o.kind === 'NON_MOLESTATION_ORDER')) {
      if (rng.chance(0.1 + (repeat ? 0.12 : 0) + (high ? 0.1 : 0))) {
        const madeOn = atDay + rng.int(7, 60);
        add(
          'NON_MOLESTATION_ORDER',
          perpetrator,
          victim,
          madeOn,
          rng.chance(0.2) ? null : madeOn + rng.pick([183, 365, 365, 730]),
        );
      }
    }
    // A domestic violence protection notice at the scene, then the order from magistrates.
    if (rng.chance(0.03 + (high ? 0.07 : 0))) {
      const madeOn = atDay + rng.int(1, 2);
      add(
        'DOMESTIC_VIOLENCE_PROTECTION_ORDER',
        perpetrator,
        victim,
        madeOn,
        madeOn + rng.int(14, 28),
      );
    }
    if (sameHome && rng.chance(0.025)) {
      const madeOn = atDay + rng.int(14, 90);
      add('OCCUPATION_ORDER', perpetrator, victim, madeOn, madeOn + rng.pick([183, 365]));
    }
    if (sharedChildren && rng.chance(0.03)) {
      const madeOn = Math.max(first, atDay) + rng.int(30, 200);
      add(
        'CHILD_ARRANGEMENTS_PROHIBITED_STEPS',
        perpetrator,
        victim,
        madeOn,
        rng.chance(0.6) ? null : madeOn + rng.int(365, 1095),
      );
    }
  }
  // On conviction for domestic abuse, the court often adds a restraining order.
  for (const a of arrests) {
    if (a.category !== 'DOMESTIC_ABUSE' || a.outcome !== 'CONVICTED' || !a.victim) continue;
    if (!rng.chance(0.6)) continue;
    const madeOn = londonDay(a.arrestedMs) + rng.int(30, 150);
    add(
      'RESTRAINING_ORDER',
      a.person,
      a.victim,
      madeOn,
      rng.chance(0.4) ? null : madeOn + 365 * rng.int(1, 5),
    );
  }
  // At any scale, every kind of order exists, on pairs police know through domestic abuse.
  const allPairs = [...pairs.values()].map((l) => l[0]);
  const kinds: CourtOrderKind[] = [
    'NON_MOLESTATION_ORDER',
    'OCCUPATION_ORDER',
    'RESTRAINING_ORDER',
    'DOMESTIC_VIOLENCE_PROTECTION_ORDER',
    'CHILD_ARRANGEMENTS_PROHIBITED_STEPS',
  ];
  for (const kind of kinds) {
    if (allPairs.length === 0 || drafts.some((o) => o.kind === kind)) continue;
    const n = rng.pick(allPairs);
    const madeOn = Math.min(world.asOfDay, londonDay(n.occurrence.occurredMs) + rng.int(2, 40));
    add(kind, n.perpetrator as Person, n.victim as Person, madeOn, madeOn + 365);
  }

  drafts.sort((a, b) => a.madeOn - b.madeOn || a.seq - b.seq);
  return drafts.map((o, i) => ({
    id: `CO${pad(i + 1, 6)}`,
    kind: o.kind,
    respondentPersonId: o.respondent.policeId as string,
    protectedPersonId: o.protectedPerson.policeId,
    madeOn: dateText(o.madeOn),
    expiresOn: o.expiresOn !== null ? dateText(o.expiresOn) : null,
  }));
}
