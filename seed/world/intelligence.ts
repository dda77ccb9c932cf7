/**
 * Police intelligence: 3x5x2-graded items on some of the people police know through a
 * domestic-abuse, welfare or drugs occurrence, worded for who they are about (a child, a young
 * person, an adult at risk or of concern, a parent); and, at any scale, matchable children with
 * C-coded and P-coded items. Drawn from the 'intelligence' stream.
 */
import { HOUR_MS, londonDay, londonToUtc } from '../calendar';
import { MIN_HARD_CASES, ageOn, type IntelligenceDraft, type Person } from '../model';
import type { Rng } from '../random';
import {
  HANDLING_CONDITIONS,
  INTELLIGENCE_CONTENT,
  type IntelligenceSubject,
  type IntelligenceTheme,
} from '../texts/police';
import { matchableChild } from './discrepancies';
import { stream, type WorldState } from './state';
import type {
  IntelligenceHandlingCode,
  IntelligenceInformationGrade,
  IntelligenceSourceGrade,
  OccurrenceCategory,
  OccurrenceRole,
} from './types';

/**
 * Share of police persons linked to a domestic-abuse, welfare or drugs occurrence on whom police
 * hold intelligence, and how many items each has (1, 2 or 3, by weight).
 */
const INTELLIGENCE_SHARE = 0.08;
const INTELLIGENCE_ITEM_COUNT_WEIGHTS = [62, 27, 11];
/** 3x5x2 grades as intelligence units tend to give them: mostly untested sources, C information. */
const SOURCE_GRADE_WEIGHTS: Record<'1' | '2' | '3', number> = { '1': 25, '2': 60, '3': 15 };
const INFORMATION_GRADE_WEIGHTS: Record<IntelligenceInformationGrade, number> = {
  A: 12,
  B: 33,
  C: 40,
  D: 12,
  E: 3,
};
/** Share of intelligence items that may be shared only with conditions (handling code C). */
const HANDLING_C_SHARE = 0.3;
const INTELLIGENCE_THEMES: readonly OccurrenceCategory[] = [
  'DOMESTIC_ABUSE',
  'CONCERN_FOR_WELFARE',
  'DRUGS',
];

/** What first brought a person to police notice under each intelligence theme. */
interface ThemeLink {
  firstMs: number;
  roles: Map<IntelligenceTheme, OccurrenceRole>;
}

function isIntelligenceTheme(category: OccurrenceCategory): category is IntelligenceTheme {
  return INTELLIGENCE_THEMES.includes(category);
}

/**
 * Intelligence items (`state.intelligence`, in order of recording) on about INTELLIGENCE_SHARE of
 * the people police know through a domestic-abuse, welfare or drugs occurrence, each recorded
 * before the asOf date; then, at any scale, at least MIN_HARD_CASES matchable children socialcare
 * holds with a C item and as many with a P item.
 */
export function buildIntelligence(state: WorldState): void {
  const rng = stream(state, 'intelligence');
  const linked = themeLinks(state);
  const parents = new Set<Person>();
  for (const h of state.households) {
    if (!h.children.some((c) => c.dob !== null)) continue;
    for (const a of h.adults) parents.add(a);
    if (h.absentParent) parents.add(h.absentParent);
  }

  const drafts: IntelligenceDraft[] = [];
  const handlingOf = new Map<Person, Set<IntelligenceHandlingCode>>();
  const beforeAsOfDate = londonToUtc(state.asOfDay, 0) - 1000;
  const give = (person: Person, count: number, first?: IntelligenceHandlingCode): void => {
    const link = linked.get(person) as ThemeLink;
    const born = person.dob !== null ? londonToUtc(person.dob, 0) : -Infinity;
    const from = Math.max(state.windowStartMs, link.firstMs - 120 * 24 * HOUR_MS, born);
    const codes = handlingOf.get(person) ?? new Set<IntelligenceHandlingCode>();
    handlingOf.set(person, codes);
    const given: string[] = [];
    for (let k = 0; k < count; k++) {
      const recordedMs =
        from + Math.floor((rng.next() * Math.max(0, beforeAsOfDate - from)) / 1000) * 1000;
      const theme = rng.pick([...link.roles.keys()]);
      const pool = intelligenceTexts(
        rng,
        person,
        theme,
        link.roles.get(theme) as OccurrenceRole,
        recordedMs,
        parents.has(person),
      );
      let content = rng.pick(pool);
      for (let tries = 0; tries < 5 && given.includes(content); tries++) content = rng.pick(pool);
      if (given.includes(content)) continue;
      given.push(content);
      const handlingCode: IntelligenceHandlingCode =
        k === 0 && first ? first : rng.chance(HANDLING_C_SHARE) ? 'C' : 'P';
      codes.add(handlingCode);
      drafts.push({
        seq: drafts.length,
        person,
        recordedMs,
        sourceGrade: Number(rng.weighted(SOURCE_GRADE_WEIGHTS)) as IntelligenceSourceGrade,
        informationGrade: rng.weighted(INFORMATION_GRADE_WEIGHTS),
        handlingCode,
        handlingConditions: handlingCode === 'C' ? rng.pick(HANDLING_CONDITIONS) : null,
        content,
      });
    }
  };

  for (const person of linked.keys()) {
    if (rng.chance(INTELLIGENCE_SHARE)) {
      give(person, rng.weightedIndex(INTELLIGENCE_ITEM_COUNT_WEIGHTS) + 1);
    }
  }
  const matchable = [...linked.keys()].filter((p) => matchableChild(p, 'police'));
  for (const code of ['C', 'P'] as const) {
    let count = matchable.filter((p) => handlingOf.get(p)?.has(code)).length;
    const extra = rng.shuffle(matchable.filter((p) => !handlingOf.has(p)));
    while (count < MIN_HARD_CASES && extra.length > 0) {
      give(extra.pop() as Person, rng.weightedIndex(INTELLIGENCE_ITEM_COUNT_WEIGHTS) + 1, code);
      count++;
    }
  }
  drafts.sort((a, b) => a.recordedMs - b.recordedMs || a.seq - b.seq);
  state.intelligence = drafts;
}

/** Everyone in an occurrence of an intelligence theme: when first, and their part in each theme. */
function themeLinks(state: WorldState): Map<Person, ThemeLink> {
  const linked = new Map<Person, ThemeLink>();
  for (const o of state.occurrences) {
    if (!isIntelligenceTheme(o.category)) continue;
    for (const { person, role } of o.persons) {
      let link = linked.get(person);
      if (!link) linked.set(person, (link = { firstMs: o.occurredMs, roles: new Map() }));
      if (!link.roles.has(o.category)) link.roles.set(o.category, role);
    }
  }
  return linked;
}

/** The content texts that fit who an item is about, given the person's part in the theme. */
function intelligenceTexts(
  rng: Rng,
  person: Person,
  theme: IntelligenceTheme,
  role: OccurrenceRole,
  recordedMs: number,
  parent: boolean,
): readonly string[] {
  const texts = INTELLIGENCE_CONTENT[theme];
  let subjects: IntelligenceSubject[];
  if (person.kind === 'CHILD') {
    const young = person.dob !== null && ageOn(person.dob, londonDay(recordedMs)) >= 12;
    subjects = young && (role === 'SUBJECT' || rng.chance(0.5)) ? ['YOUNG_PERSON'] : ['CHILD'];
  } else {
    const atRisk =
      role === 'VICTIM' ||
      role === 'WITNESS' ||
      (theme === 'CONCERN_FOR_WELFARE' && !(parent && rng.chance(0.5)));
    subjects = atRisk ? ['ADULT_AT_RISK'] : ['ADULT_OF_CONCERN'];
    if (parent) subjects.push(atRisk ? 'PARENT_AT_RISK' : 'PARENT_OF_CONCERN');
  }
  const pool = subjects.flatMap((s) => texts[s] ?? []);
  return pool.length > 0 ? pool : (texts.ADULT_AT_RISK ?? texts.ADULT_OF_CONCERN ?? []);
}
