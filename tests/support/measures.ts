/**
 * What the analysts' measures tests share (tests/integration/measures*.integration.test.ts): each
 * measure's query and audit subject, the rows expected, the queries asked of a socialcare subgraph
 * the test file starts, and contacts, decisions, referrals and assessments written straight into
 * its tables as the front door would have stored them.
 */
import type { World } from '../../seed/world';
import type { RunningSubgraph } from './system';

/** A row of a measure's answer, or an expected one: group keys, measures and `suppressed`. */
export type Row = Record<string, string | number | boolean | null>;

const GROUP_FIELDS = 'month week team source';
const STEP_DOWN_GROUP_FIELDS = `${GROUP_FIELDS} provider`;

/** Every field of each measure the tests ask for, its group keys first. */
export const FIELDS = {
  contactConversion: `${GROUP_FIELDS} decided referred percentReferred awaitingDecision suppressed`,
  referralCompletion: `${GROUP_FIELDS} referrals completed completedWithin72Hours percentCompleted
    percentWithin72Hours stillOpen openOverdue suppressed`,
  referralsLeadingToAssessment: `${GROUP_FIELDS} referrals assessed percentAssessed suppressed`,
  assessmentCompletion: `${GROUP_FIELDS} authorised workingDays1To15 workingDays16To25
    workingDays26To35 workingDays36To45 workingDaysOver45 percentWithin45WorkingDays inProgress
    inProgressOver45WorkingDays suppressed`,
  reReferrals: `${GROUP_FIELDS} referrals reReferrals percentReReferrals suppressed`,
  childProtectionVisits: `month category plans visits visitsInTime percentVisitsInTime
    plansOverdueNow frequencyWorkingDays suppressed`,
  stepDownOutcomes: `${STEP_DOWN_GROUP_FIELDS} steppedDown accepted declined noResponse
    awaitingResponse withoutEpisode percentAccepted percentDeclined percentNoResponse suppressed`,
  earlyHelpAssessmentStarts: `${STEP_DOWN_GROUP_FIELDS} steppedDown accepted
    startedWithin10WorkingDays startedLater notStarted awaitingStart
    percentStartedWithin10WorkingDays medianWorkingDaysToStart suppressed`,
  reContactAfterStepDown: `${STEP_DOWN_GROUP_FIELDS} steppedDown
    windowElapsed3Months reContacted3Months reContactReferred3Months percentReContacted3Months
    windowElapsed6Months reContacted6Months reContactReferred6Months percentReContacted6Months
    windowElapsed12Months reContacted12Months reContactReferred12Months percentReContacted12Months
    steppedUp12Months suppressed`,
} as const;

/** A measure the tests ask for. */
export type MeasureName = keyof typeof FIELDS;

/** The type of each measure's `groupBy` argument. */
const GROUPING_TYPE: Record<MeasureName, string> = {
  contactConversion: 'MeasureGrouping',
  referralCompletion: 'MeasureGrouping',
  referralsLeadingToAssessment: 'MeasureGrouping',
  assessmentCompletion: 'MeasureGrouping',
  reReferrals: 'MeasureGrouping',
  childProtectionVisits: 'ChildProtectionVisitGrouping',
  stepDownOutcomes: 'StepDownGrouping',
  earlyHelpAssessmentStarts: 'StepDownGrouping',
  reContactAfterStepDown: 'StepDownGrouping',
};

/** The audit subject each measure is recorded under. */
export const SUBJECT: Record<MeasureName, string> = {
  contactConversion: 'ContactConversion',
  referralCompletion: 'ReferralCompletion',
  referralsLeadingToAssessment: 'ReferralsLeadingToAssessment',
  assessmentCompletion: 'AssessmentCompletion',
  reReferrals: 'ReReferrals',
  childProtectionVisits: 'ChildProtectionVisits',
  stepDownOutcomes: 'StepDownOutcomes',
  earlyHelpAssessmentStarts: 'EarlyHelpAssessmentStarts',
  reContactAfterStepDown: 'ReContactAfterStepDown',
};

/** The query of `measure`: `from`, `to` and `groupBy` as variables, every field in FIELDS. */
export function queryOf(measure: MeasureName): string {
  return `query ($from: Date!, $to: Date!, $groupBy: [${GROUPING_TYPE[measure]}!]) {
    ${measure}(from: $from, to: $to, groupBy: $groupBy) { ${FIELDS[measure]} }
  }`;
}

/**
 * The expected-row maker of measures grouped by `keys`: a row of the group keys given (the rest
 * null), the measures given, and `suppressed` (default false). It fills in no measure.
 */
export function expectedRows<K extends string>(keys: readonly K[]) {
  const none = Object.fromEntries(keys.map((k) => [k, null])) as Record<K, null>;
  return (groups: Partial<Record<K, string | null>>, measures: Row, suppressed = false): Row => ({
    ...none,
    ...groups,
    ...measures,
    suppressed,
  });
}

/**
 * The queries of the measures `M` on the socialcare subgraph `sc()` returns (started by the test
 * file's beforeAll).
 */
export function measuresClient<M extends MeasureName>(sc: () => RunningSubgraph) {
  /** Asks for `measure` as `as` (an analyst unless given), under `requestId` if given. */
  async function ask(
    measure: M,
    from: string,
    to: string,
    groupBy: string[] = [],
    as = 'analyst',
    requestId?: string,
  ) {
    return sc().query<Record<M, Row[]>>(
      queryOf(measure),
      { from, to, groupBy },
      { as, ...(requestId ? { requestId } : {}) },
    );
  }

  /** The rows of an analyst's answer, which must have no errors. */
  async function rows(measure: M, from: string, to: string, groupBy: string[] = []) {
    const res = await ask(measure, from, to, groupBy);
    expect(res.errors).toBeUndefined();
    return res.data![measure];
  }

  return { ask, rows };
}

/** The roles that may read the analysts' measures. */
export const READERS = ['analyst', 'sc-manager', 'admin'];

/** Roles refused the analysts' measures, with FORBIDDEN_ROLE. */
export const REFUSED = ['sc-practitioner', 'sc-social-worker', 'police-mash'];

/** Each of `measures` with each of `roles`, as the rows of a table of tests. */
export function withRoles<M extends MeasureName>(measures: M[], roles: string[]): [M, string][] {
  return measures.flatMap((m) => roles.map((as): [M, string] => [m, as]));
}

/**
 * The inputs each of `measures` refuses with BAD_USER_INPUT, as rows of [measure, what, from, to,
 * groupBy, the field named]; `grouping` is one the measures have (given twice in one row).
 */
export function badInputs<M extends MeasureName>(
  measures: M[],
  grouping: string,
): [M, string, string, string, string[], string][] {
  return measures.flatMap((m): [M, string, string, string, string[], string][] => [
    [m, '`from` after `to`', '2023-02-02', '2023-02-01', [], 'from'],
    [m, 'a period of five years and a day', '2018-01-01', '2023-01-01', [], 'to'],
    [m, 'a grouping given twice', '2023-01-01', '2023-01-31', [grouping, grouping], 'groupBy'],
    [m, 'a date that does not exist', '2023-02-30', '2023-03-31', [], 'from'],
    [m, 'a grouping it does not have', '2023-01-01', '2023-01-31', ['RAG'], 'groupBy[0]'],
  ]);
}

/** Hands out the ids of the test world's socialcare children in turn, each once. */
export function freshChildren(world: World): () => string {
  const children = world.socialcare.children.map((c) => c.id);
  let childIndex = 0;
  return () => children[childIndex++];
}

/** A child on a contact written by `contact`. */
export interface ChildOnContact {
  childId: string;
  /** When decided; undefined or null: not yet. */
  decidedAt?: string | null;
  outcome?: string;
  /** The decision's level; default 3 once decided. */
  level?: number;
  /** Write a referral for this child (created at the decision). */
  referred?: boolean;
}

/** How a test file's contacts are told apart: their text and the prefixes of their ids. */
export interface FixtureNames {
  /** Starts the referrer and concern ("<label> test referrer"). */
  label: string;
  contact: string;
  referral: string;
  assessment: string;
}

const MEASURES_NAMES: FixtureNames = {
  label: 'Measures',
  contact: 'MC',
  referral: 'MR',
  assessment: 'MA',
};

/**
 * Writes contacts, decisions, referrals and assessments as the front door would have stored them,
 * into the tables of the socialcare subgraph `sc()` returns. Ids are a prefix of `names` and one
 * sequence number shared by every id `next` hands out, in the order written; a decision is due a
 * day after receipt.
 */
export function measureFixtures(sc: () => RunningSubgraph, names: FixtureNames = MEASURES_NAMES) {
  let seq = 0;
  const next = (prefix: string) => `${prefix}${String((seq += 1)).padStart(6, '0')}`;
  const query = (sql: string, params: unknown[]) => sc().database.dataSource.query(sql, params);

  return {
    /** The next id, with `prefix`, for a row a test file writes itself. */
    next,
    /** Runs `sql` on the subgraph's database. */
    query,
    /** How many ids have been handed out so far. */
    issued: () => seq,

    /** A contact with its children (rag AMBER unless given); returns its id. */
    async contact(
      receivedAt: string,
      children: ChildOnContact[],
      options: { team?: string; source?: string; rag?: string } = {},
    ): Promise<string> {
      const id = next(names.contact);
      const decided = children.every((c) => c.decidedAt);
      const closedAt = decided
        ? children.map((c) => c.decidedAt as string).sort()[children.length - 1]
        : null;
      await query(
        `INSERT INTO contacts (id, received_at, source_code, referrer, concern, rag, team, version,
           stage, recorded_at, decision_due_working_day_at, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $2, $2::timestamptz + interval '1 day', $9)`,
        [
          id,
          receivedAt,
          options.source ?? '6',
          `${names.label} test referrer`,
          `${names.label} test concern`,
          options.rag ?? 'AMBER',
          options.team ?? 'MASH North',
          closedAt ? 'DECIDED' : 'SCREENED',
          closedAt,
        ],
      );
      for (const child of children) {
        const outcome = child.decidedAt
          ? (child.outcome ?? (child.referred ? 'ASSESSMENT_REQUIRED' : 'NO_FURTHER_ACTION'))
          : null;
        await query(
          `INSERT INTO contact_children (contact_id, child_id, decided_at, level, outcome)
           VALUES ($1, $2, $3, $4, $5)`,
          [
            id,
            child.childId,
            child.decidedAt ?? null,
            outcome ? (child.level ?? 3) : null,
            outcome,
          ],
        );
        if (child.referred) {
          await query(
            `INSERT INTO referrals (id, contact_id, child_id, created_at) VALUES ($1, $2, $3, $4)`,
            [next(names.referral), id, child.childId, child.decidedAt],
          );
        }
      }
      return id;
    },

    /**
     * A referral created at `createdAt` by a decision on a contact received an hour before (its
     * team and source as given); returns the referral's id.
     */
    async referral(
      childId: string,
      createdAt: string,
      options: { completedAt?: string; team?: string; source?: string } = {},
    ): Promise<string> {
      const receivedAt = new Date(new Date(createdAt).getTime() - 3_600_000).toISOString();
      const contactId = await this.contact(
        receivedAt,
        [{ childId, decidedAt: createdAt }],
        options,
      );
      await query(
        `UPDATE contact_children SET outcome = 'ASSESSMENT_REQUIRED'
          WHERE contact_id = $1 AND child_id = $2`,
        [contactId, childId],
      );
      const id = next(names.referral);
      await query(
        `INSERT INTO referrals (id, contact_id, child_id, created_at, completed_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [id, contactId, childId, createdAt, options.completedAt ?? null],
      );
      return id;
    },

    /** An assessment of a referral: started, and authorised when given. */
    async assessment(referralId: string, startedAt: string, authorisedAt?: string | null) {
      await query(
        `INSERT INTO assessments (id, referral_id, child_id, started_at, authorised_at, outcome)
         SELECT $1, r.id, r.child_id, $2, $3, $4 FROM referrals r WHERE r.id = $5`,
        [
          next(names.assessment),
          startedAt,
          authorisedAt ?? null,
          authorisedAt ? 'CHILD_IN_NEED_PLAN' : null,
          referralId,
        ],
      );
    },
  };
}
