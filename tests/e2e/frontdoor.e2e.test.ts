import { randomUUID } from 'node:crypto';
import { PARTNER_AGENCIES } from '../../shared/agencies';
import { dataStatements, startSystem, testWorld, type RunningSystem } from '../support/system';

// One contact worked from receipt to decision through the gateway, by the users who do each step,
// and the queue as the MASH sees it. The rules of each step are specified, subgraph by subgraph,
// in tests/integration/frontdoor.integration.test.ts.

const CONTACT = `id version stage rag outstandingChecks
  decisions { child { id } outcome decidedBy
    informedBy { requestId childId policeDisclosures { agency subject outcome reason } } }`;

interface Decision {
  child: { id: string };
  outcome: string | null;
  decidedBy: string | null;
  informedBy: {
    requestId: string;
    childId: string;
    policeDisclosures:
      { agency: string; subject: string; outcome: string; reason: string }[] | null;
  }[];
}
interface Contact {
  id: string;
  version: number;
  stage: string;
  rag: string | null;
  outstandingChecks: string[];
  decisions: Decision[];
}

describe('the MASH front door through the gateway', () => {
  let system: RunningSystem;
  const world = testWorld();
  // A child police know (from the ground truth, for the test only) and who has no open contact.
  const openChildren = new Set(
    world.socialcare.contactChildren.filter((c) => c.decidedAt === null).map((c) => c.childId),
  );
  const child = world.truth.people.find(
    (p) =>
      p.kind === 'CHILD' &&
      !p.unborn &&
      p.socialcareId &&
      p.policeId &&
      !openChildren.has(p.socialcareId),
  )!;
  const childId = child.socialcareId as string;

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system.stop());

  async function step<T extends string>(
    mutation: T,
    input: Record<string, unknown>,
    as: string,
  ): Promise<Contact> {
    const type = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
    const res = await system.query<Record<T, Contact>>(
      `mutation ($input: ${type}!) { ${mutation}(input: $input) { ${CONTACT} } }`,
      { input },
      { as },
    );
    expect(res.errors).toBeUndefined();
    return res.data![mutation];
  }

  it('works a contact from receipt to decision, linking the decision to what police disclosed', async () => {
    const received = await step(
      'recordContact',
      {
        idempotencyKey: randomUUID(),
        source: '2A',
        referrer: 'Designated safeguarding lead, Example Primary',
        concern: 'Child arrived with bruising to the arm and said they were scared to go home.',
        children: [{ childId }],
      },
      'sc-practitioner',
    );
    expect(received).toMatchObject({ stage: 'RECEIVED', version: 1 });

    // The practitioner opens the child's record: police disclose on the ground of the open contact.
    const viewId = `view-${randomUUID()}`;
    const view = await system.query(
      `query ($id: ID!) { child(id: $id) { id police { summary } } }`,
      { id: childId },
      { as: 'sc-practitioner', requestId: viewId },
    );
    expect(view.errors).toBeUndefined();

    const rated = await step(
      'screenContact',
      {
        contactId: received.id,
        version: 1,
        rag: 'RED',
        reason: 'Unexplained injury and the child is afraid to go home',
      },
      'sc-practitioner',
    );
    const asked = await step(
      'requestPartnerChecks',
      { contactId: rated.id, version: rated.version, agencies: ['POLICE', 'HEALTH'] },
      'sc-practitioner',
    );
    expect(asked).toMatchObject({
      stage: 'CHECKS_REQUESTED',
      outstandingChecks: ['HEALTH', 'POLICE'],
    });
    const police = await step(
      'recordPartnerCheck',
      {
        contactId: asked.id,
        version: asked.version,
        agency: 'POLICE',
        outcome: 'INFORMATION_SHARED',
      },
      'police-mash',
    );
    const health = await step(
      'recordPartnerCheck',
      { contactId: police.id, version: police.version, agency: 'HEALTH', outcome: 'NO_RECORD' },
      'health-mash',
    );
    expect(health).toMatchObject({ stage: 'CHECKS_ANSWERED', outstandingChecks: [] });

    const decided = await step(
      'recordThresholdDecision',
      {
        contactId: health.id,
        version: health.version,
        childId,
        level: 4,
        outcome: 'STRATEGY_DISCUSSION',
        rationale:
          'Unexplained injury with the child afraid to go home: reasonable cause to suspect significant harm.',
        consent: 'NOT_SOUGHT',
        lawfulBasis:
          'DPA 2018 Sch 1 para 18: seeking consent would put the child at risk of significant harm',
      },
      'sc-practitioner',
    );
    expect(decided.stage).toBe('DECIDED');
    const [decision] = decided.decisions;
    expect(decision).toMatchObject({
      outcome: 'STRATEGY_DISCUSSION',
      decidedBy: 'sc-practitioner',
    });
    const seen = decision.informedBy.find((v) => v.requestId === viewId);
    expect(seen).toBeDefined();
    expect(seen!.policeDisclosures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agency: 'POLICE', outcome: 'DISCLOSED', reason: 'OPEN_CONTACT' }),
      ]),
    );
  });

  it('keeps the codes of refusals at the gateway: a stale version is VERSION_CONFLICT', async () => {
    const received = await step(
      'recordContact',
      {
        idempotencyKey: randomUUID(),
        source: '6',
        referrer: 'PC 1 Example',
        concern: 'Child found alone at home late at night by officers attending.',
        children: [{ childId }],
      },
      'sc-practitioner',
    );
    const res = await system.query(
      `mutation ($input: ScreenContactInput!) { screenContact(input: $input) { id } }`,
      {
        input: {
          contactId: received.id,
          version: 7,
          rag: 'AMBER',
          reason: 'Neglect concerns, child left alone',
        },
      },
    );
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.currentVersion])).toEqual([
      ['VERSION_CONFLICT', 1],
    ]);
  });

  it("serves a queue page with each child and every partner's summary at the same statements for 10 or 50 rows", async () => {
    const query = `query ($first: Int) {
      mashQueue(first: $first) {
        totalCount
        edges { node { id rag nextDueAt outstandingChecks
          clocks { decisionWithin24Hours { dueAt status secondsLeft } }
          decisions { child { id givenName familyName
            ${PARTNER_AGENCIES.map((a) => `${a.name} { summary }`).join(' ')} } } } }
      }
    }`;
    // Enough open contacts, about children police know, for a full page of 50.
    const known = world.truth.people.filter(
      (p) => p.kind === 'CHILD' && p.socialcareId && p.policeId,
    );
    for (let i = 0; i < 55; i++) {
      await step(
        'recordContact',
        {
          idempotencyKey: randomUUID(),
          source: '6',
          referrer: 'PC 2 Example',
          concern: `Police attended a domestic incident; child present (${i}).`,
          children: [{ childId: known[i % known.length].socialcareId }],
        },
        'sc-practitioner',
      );
    }
    const counts: Record<string, number>[] = [];
    for (const first of [10, 50]) {
      for (const s of Object.values(system.subgraphs)) s.statements.reset();
      const res = await system.query<{ mashQueue: { edges: unknown[] } }>(query, { first });
      expect(res.errors).toBeUndefined();
      expect(res.data!.mashQueue.edges).toHaveLength(first);
      counts.push(
        Object.fromEntries(
          Object.values(system.subgraphs).map((s) => [s.name, dataStatements(s.statements)]),
        ),
      );
    }
    expect(counts[1]).toEqual(counts[0]);
  });

  it('reports a date that does not exist as BAD_USER_INPUT naming the field, not as an agency down', async () => {
    const res = await system.query(
      `mutation ($input: RecordContactInput!) { recordContact(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          source: '6',
          referrer: 'PC 3 Example',
          concern: 'A concern about a child not yet known to us.',
          children: [
            { newChild: { givenName: 'Feb', familyName: 'Thirty', dateOfBirth: '2020-02-30' } },
          ],
        },
      },
    );
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['BAD_USER_INPUT', 'children[0].newChild.dateOfBirth'],
    ]);
  });

  it('refuses the queue to an analyst', async () => {
    const res = await system.query(`{ mashQueue { totalCount } }`, {}, { as: 'analyst' });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN_ROLE']);
  });
});
