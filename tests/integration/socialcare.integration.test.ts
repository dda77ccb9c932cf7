import { decodeJwt } from 'jose';
import { isValidNhsNumber } from '../../shared/identifiers';
import { readChildRecords } from '../../subgraphs/socialcare/childRecords';
import { createReads } from '../../subgraphs/socialcare/loaders';
import { hasOpenContact } from '../support/access';
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

  describe("the child view's reads", () => {
    // A child on an open contact (no break-glass, which writes) whose household has adults.
    const viewed = world.socialcare.children.find(
      (c) =>
        hasOpenContact(c.id) &&
        world.socialcare.adults.some((a) => a.householdId === c.householdId),
    )!;

    it("reads every child's record in one statement, each part as its per-list read answers it", async () => {
      const ds = subgraph.database.dataSource;
      // Decisions on two children: one superseded, two at the same instant (ordered by id).
      const [first, second] = world.socialcare.children;
      for (const [child, agency, reference, at, superseded] of [
        [first, 'POLICE', 'P-1', '2026-10-02T10:00:00Z', null],
        [first, 'HEALTH', 'H-1', '2026-10-01T10:00:00Z', null],
        [first, 'HEALTH', 'H-2', '2026-10-01T10:00:00Z', null],
        [first, 'HEALTH', 'H-3', '2026-09-01T10:00:00Z', '2026-10-01T10:00:00Z'],
        [second, 'EDUCATION', 'E-1', '2026-10-03T10:00:00.123Z', null],
      ] as const) {
        await ds.query(
          `INSERT INTO match_decisions (child_id, agency, agency_reference, decision, reason,
             decided_by, decided_by_agency, decided_at, superseded_at)
           VALUES ($1, $2, $3, 'REJECTED', 'Not the same person at all', 'u1', 'SOCIALCARE', $4, $5)`,
          [child.id, agency, reference, at, superseded],
        );
      }
      const ids = world.socialcare.children.map((c) => c.id);
      const read = createReads(ds.manager);
      const [children, facts, matches, decisions, referrals] = await Promise.all([
        read.childById(ids),
        read.relationshipByChildId(ids),
        read.matchDecisionsByChildId(ids),
        read.decisionsByChildId(ids),
        read.referralsByChildId(ids),
      ]);
      const householdIds = [...new Set(children.flatMap((c) => c.householdId ?? []))];
      const [households, adults, householdFacts, contacts] = await Promise.all([
        read.householdById(householdIds),
        read.adultsByHouseholdId(householdIds),
        read.relationshipByHouseholdId(householdIds),
        read.contactById([...new Set(decisions.map((d) => d.contactId))]),
      ]);
      const sortedTeams = <T extends { caseTeams: string[] }>(f: T) => ({
        ...f,
        caseTeams: [...f.caseTeams].sort(),
      });
      const expected = children.map((child) => {
        const h = child.householdId;
        const contactOf = (id: string) => contacts.find((c) => c.id === id)!;
        return {
          child: { ...child },
          relationship: facts.find((f) => f.childId === child.id),
          household: households.find((x) => x.id === h) ?? null,
          ...(h
            ? {
                adults: adults.filter((a) => a.householdId === h),
                householdRelationship: sortedTeams(
                  householdFacts.find((f) => f.householdId === h)!,
                ),
              }
            : {}),
          matchDecisions: matches.filter((m) => m.childId === child.id),
          events: {
            childId: child.id,
            contacts: decisions
              .filter((d) => d.childId === child.id)
              .map((d) => ({
                receivedAt: contactOf(d.contactId).receivedAt,
                sourceCode: contactOf(d.contactId).sourceCode,
                rag: contactOf(d.contactId).rag,
                decidedAt: d.decidedAt,
                level: d.level,
                outcome: d.outcome,
              })),
            referrals: referrals
              .filter((r) => r.childId === child.id)
              .map((r) => ({ createdAt: r.createdAt, completedAt: r.completedAt })),
          },
        };
      });
      subgraph.statements.reset();
      const records = await readChildRecords(ds, ids, {
        household: true,
        matchDecisions: true,
        events: true,
      });
      const byId = new Map(records.map((r) => [r.child.id, r]));
      const got = children.map((c) => {
        const r = byId.get(c.id)!;
        return r.householdRelationship
          ? { ...r, householdRelationship: sortedTeams(r.householdRelationship) }
          : r;
      });
      expect({ records: got, statements: subgraph.statements.count }).toEqual({
        records: expected,
        statements: 1,
      });
      expect(matches.filter((m) => m.childId === first.id).map((m) => m.agencyReference)).toEqual([
        'H-1',
        'H-2',
        'P-1',
      ]);
    });

    it("answers the child view's first request in one data statement", async () => {
      subgraph.statements.reset();
      const res = await subgraph.query<{ child: { household: { adults: unknown[] } } }>(
        `query ($id: ID!) {
          child(id: $id) {
            id givenName familyName dateOfBirth sex nhsNumber upn postcode hasOpenContact caseTeam
            relationshipGrant matchLinks { agency agencyReference decision }
            household { postcode adults { id givenName familyName dateOfBirth sex postcode
              relationship hasOpenContact caseTeam relationshipGrant } }
          }
        }`,
        { id: viewed.id },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.child.household.adults.length).toBeGreaterThan(0);
      expect(dataStatements(subgraph.statements)).toBe(1);
    });

    it("answers the child view's chronology in one data statement", async () => {
      subgraph.statements.reset();
      const res = await subgraph.query<{ _entities: { chronology: unknown[] }[] }>(
        `query ($r: [_Any!]!) {
          _entities(representations: $r) { ... on Child { chronology { at agency kind summary } } }
        }`,
        { r: [{ __typename: 'Child', id: viewed.id }] },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities[0].chronology.length).toBeGreaterThan(0);
      expect(dataStatements(subgraph.statements)).toBe(1);
    });

    it('answers a page of 50 children with the facts partners require in as many statements as 1', async () => {
      const page = async (first: number) => {
        subgraph.statements.reset();
        const res = await subgraph.query<{ searchChildren: unknown[] }>(
          `query ($first: Int) {
            searchChildren(postcode: "N1", first: $first) {
              id givenName familyName dateOfBirth sex nhsNumber upn postcode hasOpenContact
              caseTeam relationshipGrant matchLinks { agency agencyReference decision }
            }
          }`,
          { first },
        );
        expect(res.errors).toBeUndefined();
        return {
          rows: res.data!.searchChildren.length,
          statements: dataStatements(subgraph.statements),
        };
      };
      expect([await page(1), await page(50)]).toEqual([
        { rows: 1, statements: 2 },
        { rows: 50, statements: 2 },
      ]);
    });

    it('signs one relationship grant for each ten children of a page, and one for a view', async () => {
      const subjectsOf = (grant: string) =>
        Object.keys((decodeJwt(grant) as { subjects: Record<string, unknown> }).subjects);
      const res = await subgraph.query<{
        searchChildren: { id: string; relationshipGrant: string }[];
      }>(`{ searchChildren(postcode: "N1", first: 25) { id relationshipGrant } }`);
      expect(res.errors).toBeUndefined();
      const children = res.data!.searchChildren;
      const grants = [...new Set(children.map((c) => c.relationshipGrant))];
      expect(children).toHaveLength(25);
      expect(grants.map((g) => subjectsOf(g).length).sort((a, b) => b - a)).toEqual([10, 10, 5]);
      for (const c of children) expect(subjectsOf(c.relationshipGrant)).toContain(`Child:${c.id}`);

      const view = await subgraph.query<{
        child: {
          relationshipGrant: string;
          household: { adults: { id: string; relationshipGrant: string }[] };
        };
      }>(
        `query ($id: ID!) { child(id: $id) { relationshipGrant
          household { adults { id relationshipGrant } } } }`,
        { id: viewed.id },
      );
      const { child } = view.data!;
      expect(new Set(child.household.adults.map((a) => a.relationshipGrant))).toEqual(
        new Set([child.relationshipGrant]),
      );
      expect(subjectsOf(child.relationshipGrant).sort()).toEqual(
        [`Child:${viewed.id}`, ...child.household.adults.map((a) => `Adult:${a.id}`)].sort(),
      );
    });
  });
});
