/**
 * How each agency's record of a person departs from the truth: partner views with dropped
 * accents, half a hyphenated name, short forms, typos, swapped or mistyped dates of birth and
 * former postcodes; social care's missing, mistyped or former identifiers; and, at any scale, at
 * least MIN_HARD_CASES of each among the children social care holds.
 */
import { academicYearOf, dayOf } from '../calendar';
import {
  MIN_HARD_CASES,
  cachedParts,
  type Agency,
  type PartnerAgency,
  type PartnerView,
  type Person,
  type PupilPlan,
} from '../model';
import { SHORT_FORMS } from '../names';
import type { Rng } from '../random';
import { mistypedNhs, otherLaUpn } from './identifiers';
import { otherPostcode } from './places';
import { hasAccent, stripAccents, typo } from './spelling';
import { stream, type WorldState } from './state';
import type { Discrepancy } from './types';

/** Per partner agency: chance of each record discrepancy among records eligible for it. */
const PARTNER_RATES: Record<PartnerAgency, Record<string, number>> = {
  police: {
    ACCENT_DROPPED: 0.7,
    HYPHENATED_NAME: 0.4,
    SHORT_FORM_NAME: 0.35,
    NAME_TYPO: 0.04,
    DOB_DAY_MONTH_SWAPPED: 0.04,
    DOB_TYPO: 0.02,
    MOVED_POSTCODE: 0.05,
  },
  health: {
    ACCENT_DROPPED: 0.4,
    HYPHENATED_NAME: 0.2,
    SHORT_FORM_NAME: 0.1,
    NAME_TYPO: 0.015,
    DOB_DAY_MONTH_SWAPPED: 0.012,
    DOB_TYPO: 0.008,
    MOVED_POSTCODE: 0.04,
  },
  education: {
    ACCENT_DROPPED: 0.3,
    HYPHENATED_NAME: 0.15,
    SHORT_FORM_NAME: 0.05,
    NAME_TYPO: 0.01,
    DOB_DAY_MONTH_SWAPPED: 0.01,
    DOB_TYPO: 0.006,
    MOVED_POSTCODE: 0.06,
  },
};
const NAME_DISCREPANCIES = [
  'ACCENT_DROPPED',
  'HYPHENATED_NAME',
  'SHORT_FORM_NAME',
  'NAME_TYPO',
] as const;
const DOB_DISCREPANCIES = ['DOB_DAY_MONTH_SWAPPED', 'DOB_TYPO'] as const;
const NAME_DISCREPANCY_SET: ReadonlySet<Discrepancy> = new Set(NAME_DISCREPANCIES);
const DOB_DISCREPANCY_SET: ReadonlySet<Discrepancy> = new Set(DOB_DISCREPANCIES);

/**
 * Whether each partner this generator draws holds a person, in the order their views are decided
 * (the random stream's order). Probation has a phase of its own (probation.ts).
 */
const HELD_BY_PARTNER: Record<PartnerAgency, (p: Person) => boolean> = {
  police: (p) => p.inPolice,
  health: (p) => p.inHealth,
  education: (p) => p.pupil !== null,
};

/** The partners this generator draws, in that order. */
const PARTNERS = Object.keys(HELD_BY_PARTNER) as PartnerAgency[];

/**
 * The order the hard cases are drawn from the partners: fixed, because it is the random stream's
 * order, and every generated world depends on it.
 */
const HARD_CASE_ORDER: readonly PartnerAgency[] = ['health', 'education', 'police'];

/** Whether no agency's record of the person departs from the truth. */
export function withoutDiscrepancy(p: Person): boolean {
  for (const agency in p.disc) {
    if (p.disc[agency as Agency]?.length) return false;
  }
  return true;
}

/**
 * Whether a child is one socialcare holds and `agency` finds by exact demographics: no record
 * discrepancy in any agency and a date of birth on the agency's record. Hard-case minimums for
 * partner data pick such children so tests can reach the data through a match.
 */
export function matchableChild(p: Person, agency: PartnerAgency): boolean {
  return (
    p.kind === 'CHILD' &&
    p.firstContactMs !== Infinity &&
    p.views[agency] !== undefined &&
    p.views[agency].dob !== null &&
    withoutDiscrepancy(p)
  );
}

/** Whether the agency's record of the person shows that discrepancy. */
export function hasDisc(p: Person, agency: Agency, d: Discrepancy): boolean {
  return p.disc[agency]?.includes(d) ?? false;
}

function addDisc(p: Person, agency: Agency, d: Discrepancy): void {
  const list = p.disc[agency] ?? (p.disc[agency] = []);
  if (!list.includes(d)) list.push(d);
}

/**
 * Every record's discrepancies: each partner's view of everyone it holds, social care's NHS
 * numbers for its children, health's NHS numbers; then the minimums.
 */
export function decideRecordDiscrepancies(state: WorldState): void {
  const rng = stream(state, 'discrepancies');
  for (const p of state.persons) {
    for (const agency of PARTNERS) {
      if (HELD_BY_PARTNER[agency](p)) decideView(state, rng, p, agency);
    }
  }

  // Socialcare's own record of its children: identifiers missing, mistyped or out of date.
  for (const p of state.persons) {
    if (p.kind !== 'CHILD' || p.firstContactMs === Infinity) continue;
    if (p.nhs) {
      const r = rng.next();
      if (r < 0.05) addDisc(p, 'socialcare', 'NO_NHS_NUMBER');
      else if (r < 0.07) {
        p.scNhs = mistypedNhs(rng, p.nhs);
        addDisc(p, 'socialcare', 'INVALID_NHS_NUMBER');
      } else p.scNhs = p.nhs;
    }
  }
  for (const p of state.persons) {
    if (!p.inHealth) continue;
    p.healthNhs = p.nhs;
    if (p.nhs && rng.chance(0.002)) {
      p.healthNhs = mistypedNhs(rng, p.nhs);
      addDisc(p, 'health', 'INVALID_NHS_NUMBER');
    } else if (p.nhs && p.kind === 'ADULT' && rng.chance(0.003)) {
      p.healthNhs = null;
      addDisc(p, 'health', 'NO_NHS_NUMBER');
    }
  }
  const scChildren = state.persons.filter(
    (p) => p.kind === 'CHILD' && p.firstContactMs !== Infinity,
  );
  ensurePartnerCases(state, rng, scChildren);
  ensureNhsCases(state, rng, scChildren);
  ensureFormerUpns(state, rng, scChildren);
}

/** How `agency` records the person: what it knows, and its record's discrepancies. */
export function decideView(state: WorldState, rng: Rng, p: Person, agency: PartnerAgency): void {
  const dobKnown = p.dob !== null && !(agency === 'police' && rng.chance(0.02));
  const postcodeKnown = !(agency === 'police' ? rng.chance(0.08) : rng.chance(0.01));
  p.views[agency] = {
    given: p.given,
    family: p.family,
    dob: dobKnown ? p.dob : null,
    postcode: postcodeKnown ? p.postcode : null,
  };
  const rates = PARTNER_RATES[agency];
  for (const d of NAME_DISCREPANCIES) {
    if (eligible(state, p, agency, d) && rng.chance(rates[d])) {
      applyDiscrepancy(state, rng, p, agency, d);
      break;
    }
  }
  for (const d of DOB_DISCREPANCIES) {
    if (eligible(state, p, agency, d) && rng.chance(rates[d])) {
      applyDiscrepancy(state, rng, p, agency, d);
      break;
    }
  }
  if (eligible(state, p, agency, 'MOVED_POSTCODE') && rng.chance(rates.MOVED_POSTCODE)) {
    applyDiscrepancy(state, rng, p, agency, 'MOVED_POSTCODE');
  }
}

/** The date with day and month swapped, if that is another real date not after asOf. */
function swappedDob(state: WorldState, dob: number): number | null {
  const { year, month, day } = cachedParts(dob);
  if (day > 12 || day === month) return null;
  const swapped = dayOf(year, day, month);
  return swapped <= state.asOfDay ? swapped : null;
}

/** Whether the agency's record can show the discrepancy: at most one of a kind, and it fits. */
function eligible(state: WorldState, p: Person, agency: PartnerAgency, d: Discrepancy): boolean {
  const view = p.views[agency];
  if (!view) return false;
  const list = p.disc[agency];
  if (list) {
    if (NAME_DISCREPANCY_SET.has(d) && list.some((x) => NAME_DISCREPANCY_SET.has(x))) return false;
    if (DOB_DISCREPANCY_SET.has(d) && list.some((x) => DOB_DISCREPANCY_SET.has(x))) return false;
    if (list.includes(d)) return false;
  }
  switch (d) {
    case 'ACCENT_DROPPED':
      return hasAccent(p.given) || hasAccent(p.family);
    case 'HYPHENATED_NAME':
      return p.family.includes('-') || p.given.includes('-');
    case 'SHORT_FORM_NAME':
      return SHORT_FORMS[p.given] !== undefined;
    case 'NAME_TYPO':
      return p.family.length >= 4 || p.given.length >= 4;
    case 'DOB_DAY_MONTH_SWAPPED':
      return view.dob !== null && swappedDob(state, view.dob) !== null;
    case 'DOB_TYPO':
      return view.dob !== null;
    case 'MOVED_POSTCODE':
      return view.postcode !== null;
    default:
      return false;
  }
}

/** Changes the agency's view to show the discrepancy, and records it (unless no change came). */
function applyDiscrepancy(
  state: WorldState,
  rng: Rng,
  p: Person,
  agency: PartnerAgency,
  d: Discrepancy,
): void {
  const view = p.views[agency] as PartnerView;
  switch (d) {
    case 'ACCENT_DROPPED':
      view.given = stripAccents(view.given);
      view.family = stripAccents(view.family);
      break;
    case 'HYPHENATED_NAME': {
      const field = p.family.includes('-') ? 'family' : 'given';
      const parts = p[field].split('-');
      view[field] = field === 'family' && rng.chance(0.4) ? parts[parts.length - 1] : parts[0];
      break;
    }
    case 'SHORT_FORM_NAME':
      view.given = rng.pick(SHORT_FORMS[p.given]);
      break;
    case 'NAME_TYPO': {
      const field =
        p.family.length >= 4 && (p.given.length < 4 || rng.chance(0.6)) ? 'family' : 'given';
      let changed = p[field];
      for (let i = 0; i < 10 && changed === p[field]; i++) changed = typo(rng, p[field]);
      if (changed === p[field]) return;
      view[field] = changed;
      break;
    }
    case 'DOB_DAY_MONTH_SWAPPED':
      view.dob = swappedDob(state, view.dob as number);
      break;
    case 'DOB_TYPO': {
      const dob = view.dob as number;
      const { year, month, day } = cachedParts(dob);
      let wrong = dob;
      for (
        let i = 0;
        i < 10 && (wrong === dob || wrong > state.asOfDay || wrong === swappedDob(state, dob));
        i++
      ) {
        const kind = rng.int(0, 2);
        if (kind === 0) wrong = dob + rng.pick([-2, -1, 1, 2]);
        else if (kind === 1) wrong = dayOf(year + rng.pick([-1, 1]), month, day);
        else wrong = dayOf(year, month, Math.min(28, ((day + 9) % 30) + 1));
      }
      if (wrong === dob || wrong > state.asOfDay) return;
      view.dob = wrong;
      break;
    }
    case 'MOVED_POSTCODE':
      if (!p.formerPostcode) p.formerPostcode = otherPostcode(state, rng, p.postcode);
      view.postcode = p.formerPostcode;
      break;
    default:
      return;
  }
  addDisc(p, agency, d);
}

/** Every partner discrepancy appears at least MIN_HARD_CASES times among `scChildren`. */
function ensurePartnerCases(state: WorldState, rng: Rng, scChildren: readonly Person[]): void {
  const partnerCases: Discrepancy[] = [
    'NAME_TYPO',
    'SHORT_FORM_NAME',
    'DOB_DAY_MONTH_SWAPPED',
    'DOB_TYPO',
    'MOVED_POSTCODE',
    'HYPHENATED_NAME',
    'ACCENT_DROPPED',
  ];
  for (const d of partnerCases) {
    // Counted in children, not records: one child may show the same slip in two agencies.
    let count = scChildren.filter((p) => PARTNERS.some((a) => hasDisc(p, a, d))).length;
    if (count >= MIN_HARD_CASES) {
      // Enough already: the shuffle below would pick none, so only draw what it would have
      // drawn (n - 1 numbers for n candidates), keeping the stream where it was.
      let n = 0;
      for (const p of scChildren) {
        for (const a of HARD_CASE_ORDER) {
          if (eligible(state, p, a, d)) n++;
        }
      }
      for (let i = n - 1; i > 0; i--) rng.next();
      continue;
    }
    const candidates = rng.shuffle(
      scChildren.flatMap((p) =>
        HARD_CASE_ORDER.filter((a) => eligible(state, p, a, d)).map((a) => [p, a] as const),
      ),
    );
    for (const [p, a] of candidates) {
      if (count >= MIN_HARD_CASES) break;
      if (!eligible(state, p, a, d) || PARTNERS.some((x) => hasDisc(p, x, d))) continue;
      applyDiscrepancy(state, rng, p, a, d);
      if (hasDisc(p, a, d)) count++;
    }
  }
}

/**
 * Social care's missing and mistyped NHS numbers among `scChildren` health holds, at least
 * MIN_HARD_CASES each; and at least two mistyped NHS numbers in health.
 */
function ensureNhsCases(state: WorldState, rng: Rng, scChildren: readonly Person[]): void {
  const inHealth = rng.shuffle(
    scChildren.filter((p) => p.inHealth && p.nhs && !p.disc.socialcare?.length),
  );
  for (const d of ['NO_NHS_NUMBER', 'INVALID_NHS_NUMBER'] as const) {
    let count = scChildren.filter((p) => hasDisc(p, 'socialcare', d)).length;
    while (count < MIN_HARD_CASES && inHealth.length > 0) {
      const p = inHealth.pop() as Person;
      p.scNhs = d === 'NO_NHS_NUMBER' ? null : mistypedNhs(rng, p.nhs as string);
      addDisc(p, 'socialcare', d);
      count++;
    }
  }
  let invalidInHealth = state.persons.filter((p) =>
    hasDisc(p, 'health', 'INVALID_NHS_NUMBER'),
  ).length;
  const healthCandidates = rng.shuffle(
    scChildren.filter((p) => p.inHealth && p.nhs && p.healthNhs === p.nhs),
  );
  while (invalidInHealth < 2 && healthCandidates.length > 0) {
    const p = healthCandidates.pop() as Person;
    p.healthNhs = mistypedNhs(rng, p.nhs as string);
    addDisc(p, 'health', 'INVALID_NHS_NUMBER');
    invalidInHealth++;
  }
}

/**
 * Which UPN socialcare holds: usually the current one, sometimes a former one; at least
 * MIN_HARD_CASES former ones (giving pupils a former UPN from another local authority if need be).
 */
function ensureFormerUpns(state: WorldState, rng: Rng, scChildren: readonly Person[]): void {
  const formerTarget: Person[] = [];
  for (const p of scChildren) {
    const plan = p.pupil;
    if (!plan || !plan.upn) continue;
    if (plan.formerUpn && rng.chance(0.6)) formerTarget.push(p);
  }
  if (formerTarget.length < MIN_HARD_CASES) {
    const extra = rng.shuffle(scChildren.filter((p) => p.pupil?.upn && !p.pupil.formerUpn));
    while (formerTarget.length < MIN_HARD_CASES && extra.length > 0) {
      const p = extra.pop() as Person;
      const plan = p.pupil as PupilPlan;
      plan.formerUpn = otherLaUpn(state.ids, rng, academicYearOf(plan.enrolments[0].start) - 1);
      formerTarget.push(p);
    }
  }
  for (const p of formerTarget) addDisc(p, 'socialcare', 'FORMER_UPN');
}
