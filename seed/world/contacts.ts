/**
 * Contacts to the MASH over the history window: how many a day (school days, holidays, weekends,
 * the season), from which source, in whose words (the concern templates), about which children
 * of which household (a heavy tail: some households again and again); pre-birth contacts about
 * unborn children and contacts about unaccompanied young people. Drawn from the 'contacts'
 * stream.
 */
import { londonMinute, londonToUtc, weekday, type DayKind } from '../calendar';
import { cachedParts, roughAge, type ContactDraft, type Household, type Person } from '../model';
import { DISTRICT_TEAMS, OTHER_LAS, TEAMS } from '../names';
import { WeightedTable, type Rng } from '../random';
import {
  CONCERNS,
  PRE_BIRTH_CONCERNS,
  UASC_CONCERNS,
  type ConcernTemplate,
} from '../texts/socialcare';
import { enrolmentOn } from './education';
import { policeReferrer, preBirthReferrer, referrer } from './referrers';
import { stream, type WorldState } from './state';

/** Contacts a month, per unit of scale. */
const CONTACTS_PER_MONTH = 2_000;
/** Step of the low-discrepancy sequence used to spread contact sources. */
const GOLDEN_RATIO_STEP = 0.6180339887498949;

/** Contact volume by kind of day; school holidays dip, weekends far lower. */
const DAY_KIND_VOLUME: Record<DayKind, number> = { SCHOOL: 1, HOLIDAY: 0.82, WEEKEND: 0.42 };
/** Seasonal factor by month (1-12): fewer contacts in August and at Christmas. */
const MONTH_FACTOR = [0, 1.05, 1.05, 1.07, 0.96, 1.0, 1.05, 1.0, 0.86, 1.0, 1.05, 1.08, 0.9];

/** Source mix on a school day; holidays and weekends scale some sources down (or police up). */
const SOURCE_WEIGHTS: Record<string, number> = {
  '6': 22.5,
  '3A': 3,
  '3B': 3,
  '3C': 2.5,
  '3D': 2,
  '3E': 6.5,
  '3F': 3,
  '2A': 20,
  '2B': 2,
  '1A': 4.5,
  '1B': 1.5,
  '1C': 1,
  '1D': 1.5,
  '4': 2,
  '5A': 2.5,
  '5B': 2,
  '5C': 3.5,
  '5D': 4,
  '7': 3,
  '8': 3,
  '9': 1.5,
  '10': 1,
};
const HOLIDAY_SOURCE_FACTOR: Record<string, number> = { '2A': 0.06, '2B': 0.4, '3C': 0.2 };
const WEEKEND_SOURCE_FACTOR: Record<string, number> = {
  '6': 2.4,
  '3E': 1.6,
  '1A': 1.3,
  '1B': 1.3,
  '1C': 1.3,
  '1D': 1.3,
  '9': 1.1,
  '2A': 0.02,
  '2B': 0.05,
  '3A': 0.08,
  '3B': 0.08,
  '3C': 0.02,
  '3D': 0.15,
  '3F': 0.6,
  '4': 0.1,
  '5A': 0.3,
  '5B': 0.1,
  '5C': 0.1,
  '5D': 0.08,
  '7': 0.2,
  '8': 0.3,
};
/** Share of contacts received out of hours, by source. */
const OUT_OF_HOURS_SHARE: Record<string, number> = {
  '6': 0.35,
  '3E': 0.3,
  '1C': 0.2,
  '1D': 0.15,
  '9': 0.15,
};

/** The contacts of the window (`state.contacts`), in order of receipt; marks first contacts. */
export function buildContacts(state: WorldState): void {
  const rng = stream(state, 'contacts');
  const total = Math.round(CONTACTS_PER_MONTH * state.scale * state.months);
  const unborn = state.persons.filter((p) => p.kind === 'CHILD' && p.dob === null);
  const uasc = state.persons.filter((p) => p.uasc);
  const general = Math.max(0, total - unborn.length - uasc.length);

  const drafts: ContactDraft[] = [];
  addGeneralContacts(state, rng, general, drafts);
  addPreBirthContacts(state, rng, unborn, drafts);
  addUascContacts(state, rng, uasc, drafts);

  drafts.sort((a, b) => a.receivedMs - b.receivedMs || a.seq - b.seq);
  state.contacts = drafts;
  for (const c of drafts) {
    for (const child of c.children) {
      if (child.firstContactMs === Infinity) child.firstContactMs = c.receivedMs;
    }
    if (c.household && c.household.firstContactMs === Infinity) {
      c.household.firstContactMs = c.receivedMs;
    }
  }
}

/** Which households the front door ever hears about, and how often: a heavy tail. */
function householdTable(state: WorldState, rng: Rng): WeightedTable<Household> {
  for (const h of state.households) {
    const twins = h.children.some((c) => c.twinGroup);
    if (rng.chance(twins ? 0.7 : 0.54)) {
      h.contactWeight = Math.exp(0.85 * rng.normal()) * (1 + 0.25 * (h.children.length - 1));
    }
  }
  const eligibleHouseholds = state.households.filter((h) => h.contactWeight > 0);
  return new WeightedTable(
    eligibleHouseholds,
    eligibleHouseholds.map((h) => h.contactWeight),
  );
}

/** Every day of the window, weighted by its kind, month and weekday (asOf only in part). */
function dayTable(state: WorldState): WeightedTable<number> {
  const days: number[] = [];
  const dayWeights: number[] = [];
  const asOfMinute = londonMinute(state.asOfMs);
  for (let d = state.windowStartDay; d <= state.asOfDay; d++) {
    const kind = state.calendar.kind(d);
    let w = DAY_KIND_VOLUME[kind] * MONTH_FACTOR[cachedParts(d).month];
    if (weekday(d) === 1) w *= 1.08;
    if (d === state.asOfDay) w *= asOfMinute / 1440;
    days.push(d);
    dayWeights.push(w);
  }
  return new WeightedTable(days, dayWeights);
}

/** The source mix for each kind of day. */
function sourceTables(): Map<DayKind, WeightedTable<string>> {
  const tables = new Map<DayKind, WeightedTable<string>>();
  for (const kind of ['SCHOOL', 'HOLIDAY', 'WEEKEND'] as const) {
    const factor =
      kind === 'HOLIDAY' ? HOLIDAY_SOURCE_FACTOR : kind === 'WEEKEND' ? WEEKEND_SOURCE_FACTOR : {};
    const codes = Object.keys(SOURCE_WEIGHTS);
    tables.set(
      kind,
      new WeightedTable(
        codes,
        codes.map((c) => SOURCE_WEIGHTS[c] * (factor[c] ?? 1)),
      ),
    );
  }
  return tables;
}

/** The concern templates of each source, by weight. */
function templateTables(): Map<string, WeightedTable<ConcernTemplate>> {
  const tables = new Map<string, WeightedTable<ConcernTemplate>>();
  for (const [code, templates] of Object.entries(CONCERNS)) {
    tables.set(
      code,
      new WeightedTable(
        templates,
        templates.map((t) => t.weight),
      ),
    );
  }
  return tables;
}

/** `count` contacts about children of the borough's households, spread over the window. */
function addGeneralContacts(
  state: WorldState,
  rng: Rng,
  count: number,
  drafts: ContactDraft[],
): void {
  const households = householdTable(state, rng);
  const days = dayTable(state);
  const sources = sourceTables();
  const templates = templateTables();
  // Sources follow a golden-ratio sequence per kind of day, so that even a small world has
  // the source mix the tables describe rather than a noisy sample of it.
  const cursors: Record<DayKind, number> = {
    SCHOOL: rng.next(),
    HOLIDAY: rng.next(),
    WEEKEND: rng.next(),
  };
  for (let i = 0; i < count; i++) {
    // Stratified over the year's shape, so monthly volumes follow it without sampling noise.
    const day = days.at((i + rng.next()) / count);
    const kind = state.calendar.kind(day);
    let draft: ContactDraft | null = null;
    for (let attempt = 0; attempt < 20 && !draft; attempt++) {
      cursors[kind] = (cursors[kind] + GOLDEN_RATIO_STEP) % 1;
      const table = sources.get(kind) as WeightedTable<string>;
      const source = attempt === 0 ? table.at(cursors[kind]) : table.draw(rng);
      const template = (templates.get(source) as WeightedTable<ConcernTemplate>).draw(rng);
      draft = contactFor(state, rng, households, { day, source, template, seq: drafts.length });
    }
    if (draft) drafts.push(draft);
  }
}

/**
 * A contact on `day` from `source` in the words of `template`, about a child of a household
 * drawn from `households` whom the template fits (age, on a school roll), with siblings or a
 * twin where it may name them; null when 40 households in a row have no such child.
 */
function contactFor(
  state: WorldState,
  rng: Rng,
  households: WeightedTable<Household>,
  what: { day: number; source: string; template: ConcernTemplate; seq: number },
): ContactDraft | null {
  const { day, source, template } = what;
  for (let tries = 0; tries < 40; tries++) {
    const household = households.draw(rng);
    const primaries = household.children.filter((c) => {
      if (c.dob === null || c.dob > day) return false;
      const age = roughAge(c.dob, day);
      if (age < template.minAge || age > template.maxAge) return false;
      return !template.pupil || enrolmentOn(c, day) !== null;
    });
    if (primaries.length === 0) continue;
    const primary = rng.pick(primaries);
    const children = [primary];
    if (template.family) {
      const siblings = household.children.filter(
        (c) => c !== primary && c.dob !== null && c.dob <= day,
      );
      if (siblings.length > 0 && rng.chance(0.5)) {
        if (rng.chance(0.6)) children.push(...siblings);
        else children.push(...rng.shuffle([...siblings]).slice(0, rng.int(1, siblings.length)));
      }
    } else if (primary.twinGroup && rng.chance(0.3)) {
      const twin = household.children.find(
        (c) => c !== primary && c.twinGroup === primary.twinGroup,
      );
      if (twin) children.push(twin);
    }
    return {
      seq: what.seq,
      receivedMs: receivedAt(state, rng, day, source),
      source,
      concern: template.text,
      referrer: template.by ?? referrer(state, rng, source, primary, day),
      category: template.category ?? null,
      household,
      children,
      team: teamFor(rng, household),
      reason: template.reason ?? null,
    };
  }
  return null;
}

/** A pre-birth contact about each unborn child, within 28 weeks of the due date. */
function addPreBirthContacts(
  state: WorldState,
  rng: Rng,
  unborn: readonly Person[],
  drafts: ContactDraft[],
): void {
  const preBirthSources = { '3F': 5, '3D': 1, '3B': 1, '6': 2, '8': 1, '5C': 1 };
  for (const child of unborn) {
    const household = child.household as Household;
    const earliest = Math.max(state.windowStartDay, (child.edd as number) - 196);
    const day = rng.int(earliest, state.asOfDay);
    const source = rng.weighted(preBirthSources);
    const children = [child];
    const siblings = household.children.filter(
      (c) => c !== child && c.dob !== null && c.dob <= day,
    );
    if (siblings.length > 0 && rng.chance(0.3)) children.push(...siblings);
    drafts.push({
      seq: drafts.length,
      receivedMs: receivedAt(state, rng, day, source),
      source,
      concern: rng.pick(PRE_BIRTH_CONCERNS[source]),
      referrer: preBirthReferrer(state, rng, source),
      category: source === '6' ? 'DOMESTIC_ABUSE' : null,
      household,
      children,
      team: teamFor(rng, household),
      reason: null,
    });
  }
}

/** A contact about each unaccompanied young person, from 14 on. */
function addUascContacts(
  state: WorldState,
  rng: Rng,
  uasc: readonly Person[],
  drafts: ContactDraft[],
): void {
  for (const child of uasc) {
    const day = rng.int(
      Math.max(state.windowStartDay, (child.dob as number) + 14 * 365),
      state.asOfDay,
    );
    const source = rng.weighted({ '6': 3, '7': 2, '5C': 1 });
    drafts.push({
      seq: drafts.length,
      receivedMs: receivedAt(state, rng, day, source),
      source,
      concern: rng.pick(UASC_CONCERNS[source]),
      referrer:
        source === '6'
          ? policeReferrer(state, rng)
          : source === '7'
            ? 'Home Office, asylum intake unit'
            : `Children's social care, ${rng.pick(OTHER_LAS).name}`,
      // No occurrence behind these: they stay children only socialcare holds.
      category: null,
      household: null,
      children: [child],
      team: rng.pick(TEAMS),
      reason: null,
    });
  }
}

/** When on `day` a contact from `source` came in: office hours mostly, never after asOf. */
function receivedAt(state: WorldState, rng: Rng, day: number, source: string): number {
  const kind = state.calendar.kind(day);
  const ooh = (OUT_OF_HOURS_SHARE[source] ?? 0.05) * (kind === 'WEEKEND' ? 1.6 : 1);
  let minute: number;
  if (rng.chance(ooh)) {
    minute = (1080 + rng.int(0, 869)) % 1440;
  } else if (kind === 'WEEKEND') {
    minute = rng.int(480, 1380);
  } else {
    minute = 510 + Math.floor(570 * ((rng.next() + rng.next()) / 2));
  }
  let ms = londonToUtc(day, minute) + rng.int(0, 59) * 1000;
  if (ms > state.asOfMs) {
    const midnight = londonToUtc(day, 0);
    ms = midnight + Math.floor((rng.next() * Math.max(0, state.asOfMs - midnight)) / 1000) * 1000;
  }
  return ms;
}

/** The MASH team of the household's district, mostly. */
function teamFor(rng: Rng, household: Household): string {
  return rng.chance(0.88)
    ? (DISTRICT_TEAMS[household.outward] ?? rng.pick(TEAMS))
    : rng.pick(TEAMS);
}
