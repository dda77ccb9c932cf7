import { isValidNhsNumber } from '../../shared/identifiers';
import type { RunningSubgraph } from '../support/system';
import { dataStatements, startSubgraph, testWorld } from '../support/system';

// These tests are about the shape of the record; the access rules have tests of their own.
const BREAK_GLASS = { breakGlass: 'Checking the shape of the record in a test' };

describe('socialcare subgraph', () => {
  let subgraph: RunningSubgraph;
  const world = testWorld();
  const withHousehold = world.socialcare.children.find(
    (c) => c.householdId && c.dateOfBirth && c.nhsNumber && isValidNhsNumber(c.nhsNumber),
  )!;
  const household = world.socialcare.households.find((h) => h.id === withHousehold.householdId)!;

  beforeAll(async () => {
    subgraph = await startSubgraph('socialcare');
  });
  afterAll(() => subgraph.stop());

  it('returns a child with their household, its adults and their siblings', async () => {
    const res = await subgraph.query<{ child: Record<string, unknown> }>(
      `query ($id: ID!) {
        child(id: $id) {
          id givenName familyName dateOfBirth nhsNumber postcode unborn
          household { id postcode adults { id } children { id } }
        }
      }`,
      { id: withHousehold.id },
      BREAK_GLASS,
    );
    expect(res.data!.child).toEqual({
      id: withHousehold.id,
      givenName: withHousehold.givenName,
      familyName: withHousehold.familyName,
      dateOfBirth: withHousehold.dateOfBirth,
      nhsNumber: withHousehold.nhsNumber,
      postcode: household.postcode,
      unborn: false,
      household: {
        id: household.id,
        postcode: household.postcode,
        adults: world.socialcare.adults
          .filter((a) => a.householdId === household.id)
          .map((a) => ({ id: a.id }))
          .sort((a, b) => a.id.localeCompare(b.id)),
        children: expect.arrayContaining([{ id: withHousehold.id }]),
      },
    });
  });

  it('returns null for a child id it does not know', async () => {
    const res = await subgraph.query(`{ child(id: "NO-SUCH-CHILD") { id } }`);
    expect(res).toEqual({ status: 200, data: { child: null } });
  });

  it('shows an unborn child with an expected date of birth and no age', async () => {
    const unborn = world.socialcare.children.find((c) => c.dateOfBirth === null)!;
    const res = await subgraph.query(
      `query ($id: ID!) { child(id: $id) { unborn dateOfBirth expectedDateOfBirth ageInYears } }`,
      { id: unborn.id },
    );
    expect(res.data).toEqual({
      child: {
        unborn: true,
        dateOfBirth: null,
        expectedDateOfBirth: unborn.expectedDateOfBirth,
        ageInYears: null,
      },
    });
  });

  it('lists the contacts about a child with the decision for that child', async () => {
    const decision = world.socialcare.contactChildren.find((d) => d.decidedAt)!;
    const contact = world.socialcare.contacts.find((c) => c.id === decision.contactId)!;
    const res = await subgraph.query<{
      child: { contacts: { id: string; source: unknown; decisions: unknown[] }[] };
    }>(
      `query ($id: ID!) {
        child(id: $id) {
          contacts { id source { code } decisions { child { id } level outcome decidedAt } }
        }
      }`,
      { id: decision.childId },
      BREAK_GLASS,
    );
    const found = res.data!.child.contacts.find((c) => c.id === contact.id)!;
    expect(found).toEqual({
      id: contact.id,
      source: { code: contact.sourceCode },
      decisions: expect.arrayContaining([
        {
          child: { id: decision.childId },
          level: decision.level,
          outcome: decision.outcome,
          decidedAt: new Date(decision.decidedAt!).toISOString(),
        },
      ]),
    });
  });

  it('finds a child by NHS number written with spaces', async () => {
    const n = withHousehold.nhsNumber!;
    const res = await subgraph.query<{ searchChildren: { id: string }[] }>(
      `query ($nhs: String) { searchChildren(nhsNumber: $nhs) { id } }`,
      { nhs: `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` },
    );
    expect(res.data!.searchChildren).toContainEqual({ id: withHousehold.id });
  });

  it('finds children by the start of each name and the date of birth', async () => {
    const res = await subgraph.query<{ searchChildren: { id: string }[] }>(
      `query ($name: String, $dob: Date) { searchChildren(name: $name, dateOfBirth: $dob) { id } }`,
      {
        name: `${withHousehold.givenName.slice(0, 2)} ${withHousehold.familyName}`,
        dob: withHousehold.dateOfBirth,
      },
    );
    expect(res.data!.searchChildren).toContainEqual({ id: withHousehold.id });
  });

  it('refuses a search with no criteria, naming the problem', async () => {
    const res = await subgraph.query(`{ searchChildren { id } }`);
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['BAD_USER_INPUT', 'searchChildren'],
    ]);
  });

  it('refuses an NHS number or UPN that fails its check, naming the field', async () => {
    const nhs = await subgraph.query(`{ searchChildren(nhsNumber: "943 476 5918") { id } }`);
    const upn = await subgraph.query(`{ searchChildren(upn: "A801200005001") { id } }`);
    expect(
      [nhs, upn].map((r) => r.errors?.map((e) => [e.extensions?.code, e.extensions?.field])),
    ).toEqual([[['BAD_USER_INPUT', 'nhsNumber']], [['BAD_USER_INPUT', 'upn']]]);
  });

  it('refuses a malformed NHS number and an out-of-range page size', async () => {
    const bad = await subgraph.query(`{ searchChildren(nhsNumber: "12345") { id } }`);
    const big = await subgraph.query(`{ searchChildren(name: "a", first: 500) { id } }`);
    expect([bad.errors?.[0].extensions?.field, big.errors?.[0].extensions?.field]).toEqual([
      'nhsNumber',
      'first',
    ]);
  });

  it('treats SQL and LIKE metacharacters in a name as plain text', async () => {
    const res = await subgraph.query<{ searchChildren: unknown[] }>(
      `query ($name: String) { searchChildren(name: $name) { id } }`,
      { name: "%' OR 1=1; DROP TABLE children; --" },
    );
    const after = await subgraph.query(`query ($id: ID!) { child(id: $id) { id } }`, {
      id: withHousehold.id,
    });
    expect([res.data!.searchChildren, after.data]).toEqual([
      [],
      { child: { id: withHousehold.id } },
    ]);
  });

  it('resolves Child and Adult entity references in one batch each', async () => {
    const adult = world.socialcare.adults[0];
    subgraph.statements.reset();
    const res = await subgraph.query(
      `query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Child { id familyName }
          ... on Adult { id familyName }
        }
      }`,
      {
        r: [
          { __typename: 'Child', id: withHousehold.id },
          { __typename: 'Adult', id: adult.id },
          { __typename: 'Child', id: 'NO-SUCH-CHILD' },
        ],
      },
    );
    expect({ data: res.data, statements: dataStatements(subgraph.statements) }).toEqual({
      data: {
        _entities: [
          { id: withHousehold.id, familyName: withHousehold.familyName },
          { id: adult.id, familyName: adult.familyName },
          null,
        ],
      },
      statements: 2,
    });
  });
  it("gives each reader of a household adult the case team that is theirs, when one of the children's cases is", async () => {
    // A household of two children without cases, given one each: an older case with one team and
    // a newer one with another.
    const referred = new Set(world.socialcare.referrals.map((r) => r.childId));
    const household = world.socialcare.households.find((h) => {
      const kids = world.socialcare.children.filter((c) => c.householdId === h.id);
      return (
        kids.length >= 2 &&
        kids.every((c) => !referred.has(c.id)) &&
        world.socialcare.adults.some((a) => a.householdId === h.id)
      );
    })!;
    const [older, newer] = world.socialcare.children.filter((c) => c.householdId === household.id);
    const adult = world.socialcare.adults.find((a) => a.householdId === household.id)!;
    const ds = subgraph.database.dataSource;
    for (const [n, child, team, at] of [
      [1, older, 'Assessment Team 2', '2026-10-01T10:00:00Z'],
      [2, newer, 'MASH South', '2026-11-01T10:00:00Z'],
    ] as const) {
      await ds.query(
        `INSERT INTO contacts (id, received_at, source_code, referrer, concern, team, stage,
           recorded_at, decision_due_working_day_at, closed_at)
         VALUES ($1, $2, '6', 'Test referrer', 'Test concern', $3, 'DECIDED', $2, $2, $2)`,
        [`CT-TEAM-${n}`, at, team],
      );
      await ds.query(
        `INSERT INTO referrals (id, contact_id, child_id, created_at) VALUES ($1, $2, $3, $4)`,
        [`RF-TEAM-${n}`, `CT-TEAM-${n}`, child.id, at],
      );
    }
    const caseTeamFor = async (as: string) =>
      (
        await subgraph.query<{ _entities: { caseTeam: string | null }[] }>(
          `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Adult { caseTeam } } }`,
          { r: [{ __typename: 'Adult', id: adult.id }] },
          { as },
        )
      ).data!._entities[0].caseTeam;
    expect({
      assessmentTeam: await caseTeamFor('sc-social-worker'),
      south: await caseTeamFor('sc-practitioner-south'),
      north: await caseTeamFor('sc-practitioner'),
    }).toEqual({
      assessmentTeam: 'Assessment Team 2',
      south: 'MASH South',
      north: 'MASH South',
    });
  });
});
