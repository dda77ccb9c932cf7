import { startSystem, testWorld, type RunningSystem } from '../support/system';
import { cleanChildren } from '../support/truth';

// These tests are about federation; who may see what is specified in access.e2e.test.ts.
const BREAK_GLASS = { breakGlass: 'Federation test: reading every section' };

const CHILD_VIEW = `
  query ($id: ID!) {
    child(id: $id) {
      id givenName familyName
      police { match { level agencyReference } person { id } }
      health { match { level agencyReference } patient { id } }
      education { match { level agencyReference } pupil { id } }
    }
  }`;

describe('the federation through the gateway', () => {
  let system: RunningSystem;
  const world = testWorld();
  const [child] = cleanChildren(world, ['police', 'health', 'education']);

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system.stop());

  it('answers one query for a child with every agency section, each from its own agency', async () => {
    const res = await system.query<{ child: Record<string, unknown> }>(
      CHILD_VIEW,
      { id: child.socialcareId },
      BREAK_GLASS,
    );
    const sc = world.socialcare.children.find((c) => c.id === child.socialcareId)!;
    const level = expect.stringMatching(/^(CONFIRMED|PROBABLE)$/);
    expect(res).toEqual({
      status: 200,
      data: {
        child: {
          id: sc.id,
          givenName: sc.givenName,
          familyName: sc.familyName,
          police: {
            match: { level, agencyReference: child.policeId },
            person: { id: child.policeId },
          },
          health: {
            match: { level, agencyReference: child.healthId },
            patient: { id: child.healthId },
          },
          education: {
            match: { level, agencyReference: child.educationId },
            pupil: { id: child.educationId },
          },
        },
      },
    });
  });

  // A page of 50 children's partner sections costs each partner what one child's does: checked
  // per partner on grants for 50 children (tests/integration/partners.integration.test.ts). It is
  // no longer read through a search here: break-glass never opens a search's sections (issue 18).

  it('passes a user error through with its code and field, and no stack trace', async () => {
    const res = await system.query(`{ searchChildren { id } }`);
    expect(res.errors!.map((e) => e.extensions)).toEqual([
      {
        code: 'BAD_USER_INPUT',
        field: 'searchChildren',
        serviceName: 'socialcare',
        requestId: expect.any(String),
      },
    ]);
  });

  it('refuses a request body over the size limit with 413', async () => {
    const huge = JSON.stringify({
      query: `{ __typename }`,
      variables: { pad: 'x'.repeat(300_000) },
    });
    // Sent chunked (no content-length), so the limit is enforced while reading.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(huge));
        controller.close();
      },
    });
    const res = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('answers the gateway readiness probe', async () => {
    const res = await fetch(system.gatewayUrl.replace('/graphql', '/ready'));
    expect(res.status).toBe(200);
  });
});

describe('the federation with one agency down', () => {
  let system: RunningSystem;
  const world = testWorld();
  const [child] = cleanChildren(world, ['police', 'health', 'education']);

  beforeAll(async () => {
    // Port 9 (discard) on loopback: nothing listens, so police is unreachable.
    system = await startSystem({ subgraphUrls: { police: 'http://127.0.0.1:9/graphql' } });
  });
  afterAll(() => system.stop());

  it('still returns the child and the other agencies, with an error naming police', async () => {
    const res = await system.query<{ child: Record<string, unknown> }>(
      CHILD_VIEW,
      { id: child.socialcareId },
      BREAK_GLASS,
    );
    expect({
      police: res.data!.child.police,
      health: (res.data!.child.health as { patient: unknown }).patient,
      education: (res.data!.child.education as { pupil: unknown }).pupil,
      name: res.data!.child.familyName,
      errors: res.errors!.map((e) => [e.extensions?.code, e.extensions?.serviceName, e.path]),
    }).toEqual({
      police: null,
      health: { id: child.healthId },
      education: { id: child.educationId },
      name: world.socialcare.children.find((c) => c.id === child.socialcareId)!.familyName,
      errors: [['AGENCY_UNAVAILABLE', 'police', ['child']]],
    });
  });

  it("still merges the other agencies' events into the chronology, naming police as missing", async () => {
    const res = await system.query<{ child: { chronology: { agency: string }[] } }>(
      `query ($id: ID!) { child(id: $id) { chronology { agency } } }`,
      { id: child.socialcareId },
      BREAK_GLASS,
    );
    expect({
      agencies: [...new Set(res.data!.child.chronology.map((e) => e.agency))].sort(),
      errors: res.errors!.map((e) => [e.extensions?.code, e.extensions?.serviceName]),
    }).toEqual({
      agencies: ['EDUCATION', 'HEALTH', 'SOCIALCARE'],
      errors: [['AGENCY_UNAVAILABLE', 'police']],
    });
  });

  it('does not leak the internal URL of the missing agency', async () => {
    const res = await system.query(CHILD_VIEW, { id: child.socialcareId }, BREAK_GLASS);
    expect(JSON.stringify(res.errors)).not.toContain('127.0.0.1');
  });
});
