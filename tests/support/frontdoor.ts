/**
 * What the front door's integration tests share (tests/integration/frontdoor*.integration.test.ts):
 * a contact as they read it, the child their contacts are about, and recording, changing and
 * reading contacts in a socialcare subgraph.
 */
import { randomUUID } from 'node:crypto';
import { testWorld, type GraphQLResponse, type RunningSubgraph } from './system';

/** Every field of a contact the tests read. */
export const CONTACT = `
  id version stage rag ragReason screenedBy recordedBy receivedAt recordedAt closedAt nextDueAt
  ratings { rag reason ratedBy ratedAt }
  partnerChecks { agency requestedBy answeredBy outcome withdrawnAt clock { dueAt status } }
  outstandingChecks
  clocks {
    ragResponse { startedAt dueAt stoppedAt status secondsLeft }
    decisionWithin24Hours { startedAt dueAt stoppedAt status secondsLeft }
    decisionWithinOneWorkingDay { startedAt dueAt stoppedAt status secondsLeft }
  }
  decisions {
    child { id givenName familyName unborn }
    decidedBy level outcome consent lawfulBasis reportedNhsNumber
    referral { id createdBy completedAt clock { dueAt status } }
  }`;

/** A contact as `CONTACT` reads it. */
export interface ContactView {
  id: string;
  version: number;
  stage: string;
  rag: string | null;
  nextDueAt: string | null;
  closedAt: string | null;
  ratings: { rag: string; reason: string; ratedBy: string | null }[];
  partnerChecks: {
    agency: string;
    outcome: string | null;
    withdrawnAt: string | null;
    clock: { dueAt: string; status: string } | null;
  }[];
  outstandingChecks: string[];
  clocks: Record<
    string,
    { startedAt: string; dueAt: string; stoppedAt: string | null; status: string } | null
  >;
  decisions: {
    child: { id: string; givenName: string; unborn: boolean };
    level: number | null;
    outcome: string | null;
    referral: { id: string; completedAt: string | null; clock: { status: string } } | null;
  }[];
}

/** A response's errors, as the front-door helpers return them. */
export type Errors = GraphQLResponse<unknown>['errors'];

const world = testWorld();

/** A child socialcare holds with a date of birth and a household: whom `contactInput` is about. */
export const knownChild = world.socialcare.children.find((c) => c.dateOfBirth && c.householdId)!;

/** Another child of `knownChild`'s household, when the world has one. */
export const sibling = world.socialcare.children.find(
  (c) => c.householdId === knownChild.householdId && c.id !== knownChild.id,
);

/**
 * The front-door helpers on the socialcare subgraph `sc()` returns (started by the test file's
 * beforeAll, over the test world).
 */
export function frontdoorHelpers(sc: () => RunningSubgraph) {
  /** Records a contact as `as` (the default test user unless given). */
  async function record(input: Record<string, unknown>, as?: string) {
    return sc().query<{ recordContact: ContactView }>(
      `mutation ($input: RecordContactInput!) { recordContact(input: $input) { ${CONTACT} } }`,
      { input },
      as ? { as } : undefined,
    );
  }

  /** A recordContact input about `knownChild`, new idempotency key, with `overrides`. */
  function contactInput(overrides: Record<string, unknown> = {}) {
    return {
      idempotencyKey: randomUUID(),
      source: '6',
      referrer: 'PC 4411 Example, Northside Police',
      concern: 'Domestic incident at the family home overnight; child present and upset.',
      children: [{ childId: knownChild.id }],
      ...overrides,
    };
  }

  /** A contact recorded from `contactInput(overrides)`, which must succeed. */
  async function newContact(overrides: Record<string, unknown> = {}): Promise<ContactView> {
    const res = await record(contactInput(overrides));
    expect(res.errors).toBeUndefined();
    return res.data!.recordContact;
  }

  /** Runs the front-door mutation `mutation` (its input type by its name) as `as`. */
  async function change(
    mutation: string,
    input: Record<string, unknown>,
    as?: string,
  ): Promise<GraphQLResponse<Record<string, ContactView>>> {
    const inputType = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
    return sc().query<Record<string, ContactView>>(
      `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { ${CONTACT} } }`,
      { input },
      as ? { as } : undefined,
    );
  }

  /** A new contact screened with `rag`, which must succeed. */
  async function screened(rag = 'AMBER', overrides: Record<string, unknown> = {}) {
    const c = await newContact(overrides);
    const res = await change('screenContact', {
      contactId: c.id,
      version: c.version,
      rag,
      reason: 'Child present at a domestic incident; previous incidents known',
    });
    expect(res.errors).toBeUndefined();
    return res.data!.screenContact;
  }

  /** A recordThresholdDecision input for `childId` on `c` at its version, with `overrides`. */
  function decision(c: ContactView, childId: string, overrides: Record<string, unknown> = {}) {
    return {
      contactId: c.id,
      version: c.version,
      childId,
      level: 3,
      outcome: 'ASSESSMENT_REQUIRED',
      rationale:
        'Repeated domestic abuse with the child present; needs a child and family assessment.',
      consent: 'GIVEN',
      ...overrides,
    };
  }

  /** How many contacts are stored. */
  async function countContacts(): Promise<number> {
    const rows = (await sc().database.dataSource.query(
      `SELECT count(*)::int AS n FROM contacts`,
    )) as {
      n: number;
    }[];
    return rows[0].n;
  }

  /** The contact `id` as it reads now, which must succeed. */
  async function contact(id: string): Promise<ContactView> {
    const res = await sc().query<{ contact: ContactView }>(
      `query ($id: ID!) { contact(id: $id) { ${CONTACT} } }`,
      { id },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.contact;
  }

  return { record, contactInput, newContact, change, screened, decision, countContacts, contact };
}
