import { localDate, localMidnight } from '../../shared/time';
import type { ChronologyEvent as SharedChronologyEvent } from '../../shared/partner/chronology';
import type { Condition, Offence, Offender, RiskAssessment } from './entities';
import type { CaseLists, LinkedOffender, Loaders } from './loaders';

/** Risk of serious harm levels, lowest first. */
export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** The groups a risk of serious harm assessment rates. */
export type RiskGroup = 'CHILDREN' | 'KNOWN_ADULT' | 'PUBLIC';

/** A risk level's rank: LOW 0 to VERY_HIGH 3. */
export function riskRank(level: string): number {
  return RISK_LEVELS.indexOf(level as RiskLevel);
}

/** Conditions that restrict a person's contact with children. */
const CHILD_CONTACT_CONDITIONS: ReadonlySet<string> = new Set([
  'NO_UNSUPERVISED_CONTACT_WITH_CHILDREN',
]);

/** Everything probation hold about one person on its index. */
export interface CaseRecords {
  offender: Offender;
  offences: Offence[];
  /** Latest first. */
  risks: RiskAssessment[];
  conditions: Condition[];
}

/**
 * One person's case lists through the request's loader: every person asked about in a request
 * shares its one statement (none for those a child's links brought in). The statement answers a
 * row for every id it is given, so a missing row is a defect, not an empty case.
 */
export async function caseListsOf(offenderId: string, loaders: Loaders): Promise<CaseLists> {
  const lists = await loaders.caseListsByOffenderId.load(offenderId);
  if (!lists) throw new Error(`probation-case-lists answered no row for ${offenderId}`);
  return lists;
}

/** Everything probation hold about one person, so a page of children costs what one does. */
export async function recordsOf(offender: Offender, loaders: Loaders): Promise<CaseRecords> {
  const { offences, risks, conditions } = await caseListsOf(offender.id, loaders);
  return { offender, offences, risks, conditions };
}

/** Whether a condition is in force on the local date `today`. */
export function conditionInForce(c: Condition, today: string): boolean {
  return c.startsOn <= today && (c.endsOn === null || c.endsOn >= today);
}

/** Whether the person is under supervision on `today` (a current licence or order). */
export function underSupervision(o: Offender, today: string): boolean {
  return (
    o.supervision !== 'PREVIOUSLY_KNOWN' &&
    (o.supervisionEndsOn === null || o.supervisionEndsOn >= today)
  );
}

/** The latest assessment's rating for a group, or null without an assessment. */
export function riskTo(r: CaseRecords, group: RiskGroup): RiskLevel | null {
  const latest = r.risks[0];
  if (!latest) return null;
  const level =
    group === 'CHILDREN'
      ? latest.riskToChildren
      : group === 'KNOWN_ADULT'
        ? latest.riskToKnownAdult
        : latest.riskToPublic;
  return level as RiskLevel;
}

/**
 * Whether the person poses a risk to children as a MASH reads it: rated MEDIUM or above for
 * children in the latest assessment, or a condition restricting contact with children in force.
 */
export function riskToChildren(r: CaseRecords, today: string): boolean {
  const toChildren = riskTo(r, 'CHILDREN');
  return (
    (toChildren !== null && riskRank(toChildren) >= riskRank('MEDIUM')) ||
    r.conditions.some((c) => CHILD_CONTACT_CONDITIONS.has(c.kind) && conditionInForce(c, today))
  );
}

/** 'NO_UNSUPERVISED_CONTACT_WITH_CHILDREN' -> 'no unsupervised contact with children'. */
export function words(code: string): string {
  return code.toLowerCase().replace(/_/g, ' ');
}

const SUPERVISION_WORDS: Record<string, string> = {
  LICENCE: 'on licence',
  COMMUNITY_ORDER: 'on a community order',
  SUSPENDED_SENTENCE_ORDER: 'on a suspended sentence order',
};

/**
 * One line on a person's case, safe for any reader the section is disclosed to: supervision and
 * until when, the offender manager, the highest risk and to whom, the conditions in force, and
 * whether MAPPA manages the case (never its category or level: those are `mappa`'s, under its
 * own rule).
 */
export function describeCase(r: CaseRecords, now: Date): string {
  const today = localDate(now);
  const o = r.offender;
  const parts: string[] = [];
  if (underSupervision(o, today)) {
    const until = o.supervisionEndsOn ? ` until ${o.supervisionEndsOn}` : '';
    const om = o.offenderManager ? ` (offender manager ${o.offenderManager})` : '';
    parts.push(
      `Supervised ${SUPERVISION_WORDS[o.supervision] ?? words(o.supervision)}${until}${om}`,
    );
  } else {
    parts.push('Previously supervised by probation; no current case');
  }
  const categories = [...new Set(r.offences.map((x) => words(x.category)))];
  if (categories.length > 0) parts.push(`offences: ${categories.join(', ')}`);
  const latest = r.risks[0];
  if (latest) {
    const groups: [RiskGroup, string][] = [
      ['CHILDREN', latest.riskToChildren],
      ['KNOWN_ADULT', latest.riskToKnownAdult],
      ['PUBLIC', latest.riskToPublic],
    ];
    const top = Math.max(...groups.map(([, l]) => riskRank(l)));
    const who = groups.filter(([, l]) => riskRank(l) === top).map(([g]) => words(g));
    parts.push(`risk of serious harm ${words(RISK_LEVELS[top])} to ${who.join(' and ')}`);
  }
  const inForce = r.conditions.filter((c) => conditionInForce(c, today));
  if (inForce.length > 0) {
    parts.push(`conditions: ${[...new Set(inForce.map((c) => words(c.kind)))].join(', ')}`);
  }
  if (o.mappaCategory !== null) parts.push('managed under MAPPA');
  return parts.join('; ');
}

/** One of probation's events in the shared chronology shape. */
export type ChronologyEvent = SharedChronologyEvent<'PROBATION'>;

const RISK_SEVERITY: Record<string, ChronologyEvent['severity']> = {
  LOW: 'LOW',
  MEDIUM: 'MEDIUM',
  HIGH: 'HIGH',
  VERY_HIGH: 'HIGH',
};

/**
 * A child's probation events, oldest first: each time an offender manager recorded the child as
 * living with or in contact with a person on probation, and each condition restricting that
 * person's contact with children. The adult is named by their relationship to the child only.
 */
export function buildProbationEvents(
  links: { link: LinkedOffender; records: CaseRecords }[],
): ChronologyEvent[] {
  const events: ChronologyEvent[] = [];
  for (const { link, records } of links) {
    const who = words(link.relationship);
    const toChildren = riskTo(records, 'CHILDREN');
    events.push({
      at: localMidnight(link.recordedOn),
      agency: 'PROBATION',
      kind: 'CHILD_RECORDED_ON_CASE',
      summary:
        `Recorded as ${link.sameHousehold ? 'living with' : 'in contact with'} a person on ` +
        `probation (${who})` +
        (toChildren ? `; risk of serious harm to children ${words(toChildren)}` : ''),
      severity: toChildren ? RISK_SEVERITY[toChildren] : 'LOW',
    });
    for (const c of records.conditions) {
      if (!CHILD_CONTACT_CONDITIONS.has(c.kind)) continue;
      events.push({
        at: localMidnight(c.startsOn),
        agency: 'PROBATION',
        kind: 'CHILD_CONTACT_CONDITION',
        summary: `${c.imposedBy === 'LICENCE' ? 'Licence' : 'Order'} condition on a linked adult (${who}): ${words(c.kind)}`,
        severity: 'HIGH',
      });
    }
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.kind.localeCompare(b.kind));
}
