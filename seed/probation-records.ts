/**
 * Probation's case records for the people it knows (chosen in `world/probation.ts`): the
 * supervision (licence, community order, suspended sentence order, or an earlier case now ended),
 * the offender manager, the offences, risk of serious harm assessments, licence and order
 * conditions, and MAPPA management, each drawn to fit the offences: sexual and child-related
 * offences bring a high risk to children, a condition against unsupervised contact with children
 * and MAPPA category 1; domestic abuse a risk to a known adult and a non-contact condition.
 * Draws from the 'probation-records' stream only.
 */
import { MIN_HARD_CASES, dateText, pad } from './model';
import type { Rng } from './random';
import type { Person } from './model';
import type {
  Discrepancy,
  ProbationCondition,
  ProbationOffence,
  ProbationOffenceCategory,
  ProbationOffender,
  ProbationRiskAssessment,
  ProbationRiskLevel,
  Sex,
} from './world/types';

/** How probation records a person: demographics as keyed, and how they depart from the truth. */
export interface ProbationView {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  sex: Sex;
  postcode: string | null;
  discrepancies: Discrepancy[];
}

/** A person probation knows, with the household whose children may be on the case. */
export interface ProbationSubject {
  person: Person;
  view: ProbationView;
  /** The children an offender manager recorded, each with the adult's relationship to them. */
  children: { child: Person; relationship: string; sameHousehold: boolean }[];
}

/** What the case builder reads of the world. */
export interface ProbationWorld {
  rng: (name: string) => Rng;
  asOfDay: number;
}

const OFFENCES: Record<ProbationOffenceCategory, readonly string[]> = {
  DOMESTIC_ABUSE: [
    'Assault by beating (domestic)',
    'Controlling or coercive behaviour in an intimate or family relationship',
    'Breach of a non-molestation order',
    'Assault occasioning actual bodily harm (domestic)',
  ],
  VIOLENCE: [
    'Assault occasioning actual bodily harm',
    'Wounding with intent',
    'Affray',
    'Possession of a bladed article in a public place',
  ],
  SEXUAL: ['Sexual assault', 'Exposure', 'Voyeurism'],
  CHILD_RELATED: [
    'Cruelty to a person under 16',
    'Possession of indecent images of children',
    'Child abduction',
  ],
  OTHER: [
    'Burglary',
    'Possession with intent to supply a controlled drug',
    'Theft',
    'Fraud by false representation',
  ],
};

const MANAGERS = [
  'Priya Shah',
  'Daniel Okafor',
  'Helen Murray',
  'Tomasz Nowak',
  'Grace Adeyemi',
  'Sean Gallagher',
  'Aisha Rahman',
  'Martin Hughes',
  'Leanne Price',
  'Kwame Mensah',
];
const TEAMS = ['North London PDU Team 1', 'North London PDU Team 2', 'North London PDU Team 3'];

const LEVELS: readonly ProbationRiskLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'];
const raise = (level: ProbationRiskLevel, by: number): ProbationRiskLevel =>
  LEVELS[Math.max(0, Math.min(LEVELS.length - 1, LEVELS.indexOf(level) + by))];

/** A letter (not I, O or S) and six digits, unique in the borough. */
function crnOf(rng: Rng, used: Set<string>): string {
  for (;;) {
    const crn = `${rng.pick([...'ABCDEFGHJKLMNPQRTUVWXYZ'])}${pad(rng.int(0, 999_999), 6)}`;
    if (!used.has(crn)) {
      used.add(crn);
      return crn;
    }
  }
}

/**
 * Each subject's case, in order (offenders numbered 'PR000001' ...), and the date each subject's
 * children were recorded on it (the supervision's start, or the first conviction for a case
 * already ended).
 */
export function buildProbationCases(
  world: ProbationWorld,
  subjects: readonly ProbationSubject[],
): {
  records: {
    offenders: ProbationOffender[];
    offences: ProbationOffence[];
    riskAssessments: ProbationRiskAssessment[];
    conditions: ProbationCondition[];
  };
  recordedOn: string[];
} {
  const rng = world.rng('probation-records');
  const today = world.asOfDay;
  const offenders: ProbationOffender[] = [];
  const offences: ProbationOffence[] = [];
  const riskAssessments: ProbationRiskAssessment[] = [];
  const conditions: ProbationCondition[] = [];
  const recordedOn: string[] = [];
  const crns = new Set<string>();
  for (const s of subjects) {
    const id = `PR${pad(offenders.length + 1, 6)}`;
    const supervision = rng.weighted({
      LICENCE: 35,
      COMMUNITY_ORDER: 35,
      SUSPENDED_SENTENCE_ORDER: 10,
      PREVIOUSLY_KNOWN: 20,
    });
    const current = supervision !== 'PREVIOUSLY_KNOWN';
    const starts = current ? today - rng.int(14, 900) : today - rng.int(900, 2500);
    const ends = current ? today + rng.int(30, 900) : starts + rng.int(180, 800);
    // The main offence first; sometimes one or two more.
    const main = rng.weighted<ProbationOffenceCategory>({
      DOMESTIC_ABUSE: 30,
      VIOLENCE: 28,
      SEXUAL: 7,
      CHILD_RELATED: 5,
      OTHER: 30,
    });
    const categories = [main];
    for (let n = rng.int(0, 2); n > 0; n--) {
      categories.push(rng.weighted({ VIOLENCE: 3, OTHER: 5, DOMESTIC_ABUSE: 2 }));
    }
    categories.forEach((category, i) => {
      offences.push({
        id: `PO${pad(offences.length + 1, 6)}`,
        offenderId: id,
        category,
        description: rng.pick(OFFENCES[category]),
        convictedOn: dateText(starts - (i === 0 ? rng.int(0, 60) : rng.int(200, 2000))),
      });
    });
    // Risk of serious harm: a baseline, raised for the group the main offence bears on.
    const base = rng.weighted<ProbationRiskLevel>({ LOW: 55, MEDIUM: 40, HIGH: 5, VERY_HIGH: 0 });
    const childBearing = main === 'SEXUAL' || main === 'CHILD_RELATED';
    const assess = (on: number, drift: number) =>
      riskAssessments.push({
        id: `PA${pad(riskAssessments.length + 1, 6)}`,
        offenderId: id,
        assessedOn: dateText(on),
        riskToChildren: raise(
          base,
          drift + (childBearing ? rng.int(1, 3) : main === 'DOMESTIC_ABUSE' ? rng.int(0, 1) : 0),
        ),
        riskToKnownAdult: raise(base, drift + (main === 'DOMESTIC_ABUSE' ? rng.int(1, 2) : 0)),
        riskToPublic: raise(base, drift + (main === 'VIOLENCE' ? rng.int(0, 2) : 0)),
      });
    assess(starts + rng.int(0, 20), 0);
    if (current && today - starts > 180 && rng.chance(0.6)) {
      assess(Math.min(today, starts + rng.int(150, 400)), rng.pick([-1, 0, 0, 1]));
    }
    // Conditions, by the main offence and the sentence.
    const imposedBy = supervision === 'LICENCE' ? 'LICENCE' : 'COMMUNITY_ORDER';
    const condition = (kind: ProbationCondition['kind'], detail: string) =>
      conditions.push({
        id: `PC${pad(conditions.length + 1, 6)}`,
        offenderId: id,
        kind,
        imposedBy,
        detail,
        startsOn: dateText(starts),
        endsOn: dateText(ends),
      });
    if (childBearing) {
      condition(
        'NO_UNSUPERVISED_CONTACT_WITH_CHILDREN',
        'Not to have unsupervised contact with any child under 18 without the prior approval of the supervising officer and children’s services',
      );
    }
    if (main === 'DOMESTIC_ABUSE') {
      if (rng.chance(0.6)) {
        condition('NON_CONTACT', 'Not to contact the victim directly or indirectly');
      }
      if (rng.chance(0.5)) {
        condition('PROGRAMME', 'To take part in the Building Better Relationships programme');
      }
    }
    if (rng.chance(0.15)) {
      condition(
        'EXCLUSION_ZONE',
        `Not to enter the area marked on the map around ${rng.pick(['Wood Green', 'Tottenham Hale', 'Seven Sisters', 'Finsbury Park'])}`,
      );
    }
    if (supervision === 'LICENCE' && rng.chance(0.5)) {
      condition(
        'RESIDENCE',
        'To reside permanently at an address approved by the supervising officer',
      );
    }
    if (rng.chance(0.1))
      condition('CURFEW', 'To remain at the approved address between 19:00 and 07:00');
    // MAPPA: every registered sexual offender (category 1); some violent offenders on licence
    // (category 2); a few others judged dangerous (category 3).
    const category =
      main === 'SEXUAL'
        ? 1
        : (main === 'VIOLENCE' || main === 'DOMESTIC_ABUSE') &&
            supervision === 'LICENCE' &&
            rng.chance(0.4)
          ? 2
          : rng.chance(0.02)
            ? 3
            : null;
    const mappa = current && category !== null;
    offenders.push({
      id,
      crn: crnOf(rng, crns),
      givenName: s.view.givenName,
      familyName: s.view.familyName,
      dateOfBirth: s.view.dateOfBirth,
      sex: s.view.sex,
      postcode: s.view.postcode,
      supervision,
      supervisionStartsOn: dateText(starts),
      supervisionEndsOn: dateText(ends),
      offenderManager: current ? rng.pick(MANAGERS) : null,
      offenderManagerTeam: current ? rng.pick(TEAMS) : null,
      mappaCategory: mappa ? category : null,
      mappaLevel: mappa ? Number(rng.weighted({ '1': 75, '2': 20, '3': 5 })) : null,
      mappaReviewedOn: mappa ? dateText(today - rng.int(10, 120)) : null,
    });
    recordedOn.push(dateText(Math.min(today, starts + rng.int(0, 30))));
  }
  ensureHardCases(subjects, offenders, conditions, world.asOfDay);
  return { records: { offenders, offences, riskAssessments, conditions }, recordedOn };
}

/**
 * At any scale, at least MIN_HARD_CASES current cases of household adults with children recorded
 * are managed under MAPPA, and as many carry a condition against unsupervised contact with
 * children, so tests reach both through a match. Changes no draw: it only adds to what was drawn.
 */
function ensureHardCases(
  subjects: readonly ProbationSubject[],
  offenders: ProbationOffender[],
  conditions: ProbationCondition[],
  today: number,
): void {
  const eligible = offenders.filter(
    (o, i) =>
      o.supervision !== 'PREVIOUSLY_KNOWN' &&
      subjects[i].person.scId !== null &&
      subjects[i].children.length > 0,
  );
  let mappa = eligible.filter((o) => o.mappaCategory !== null).length;
  for (const o of eligible) {
    if (mappa >= MIN_HARD_CASES) break;
    if (o.mappaCategory !== null) continue;
    o.mappaCategory = 2;
    o.mappaLevel = 2;
    o.mappaReviewedOn = dateText(today - 30);
    mappa++;
  }
  const restricted = (o: ProbationOffender) =>
    conditions.some(
      (c) => c.offenderId === o.id && c.kind === 'NO_UNSUPERVISED_CONTACT_WITH_CHILDREN',
    );
  let count = eligible.filter(restricted).length;
  for (const o of [...eligible].reverse()) {
    if (count >= MIN_HARD_CASES) break;
    if (restricted(o)) continue;
    conditions.push({
      id: `PC${pad(conditions.length + 1, 6)}`,
      offenderId: o.id,
      kind: 'NO_UNSUPERVISED_CONTACT_WITH_CHILDREN',
      imposedBy: o.supervision === 'LICENCE' ? 'LICENCE' : 'COMMUNITY_ORDER',
      detail:
        'Not to have unsupervised contact with any child under 18 without the prior approval of the supervising officer and children’s services',
      startsOn: o.supervisionStartsOn as string,
      endsOn: o.supervisionEndsOn,
    });
    count++;
  }
}
