import { auditOf, bySubject, DISCLOSURE_COLUMNS } from '../support/audit';
import { errorCodes } from '../support/errors';
import { startSubgraph, testWorld, type RunningSubgraph } from '../support/system';
import { childRepresentation, must } from '../support/truth';
import { granted } from '../support/auth';

// Probation's sections of a household adult and of a child, asked through `_entities` as the
// gateway would and checked against the generated world: the match, the case, the MAPPA rule
// (details to police and probation, a summary to others), the audit rows, the chronology, and
// what 50 people cost in SQL beside one.

const world = testWorld();
const P = world.probation;

let probation: RunningSubgraph;

beforeAll(async () => {
  probation = await startSubgraph('probation', world);
});
afterAll(() => probation.stop());

const clean = (p: (typeof world.truth.people)[number]) =>
  Object.values(p.discrepancies).every((d) => !d || d.length === 0);

/** A household adult as the gateway hands it to probation, with an open contact by default. */
function adultRepresentation(id: string, hasOpenContact = true) {
  const a = must(
    world.socialcare.adults.find((x) => x.id === id),
    `socialcare adult ${id}`,
  );
  const household = world.socialcare.households.find((h) => h.id === a.householdId);
  return {
    __typename: 'Adult',
    id: a.id,
    givenName: a.givenName,
    familyName: a.familyName,
    dateOfBirth: a.dateOfBirth,
    sex: a.sex,
    postcode: household?.postcode ?? null,
    relationshipGrant: granted(hasOpenContact ? 'OPEN_CONTACT' : null),
  };
}

const ADULT_QUERY = `query ($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Adult {
      probation {
        match { level agencyReference }
        summary
        case {
          crn crnValid supervision offenderManager { name team }
          offences { id category } riskOfSeriousHarm { level atRisk riskToChildren }
          conditions { id kind inForce } managedUnderMappa mappa { category level }
        }
      }
    }
  }
}`;

const CHILD_QUERY = `query ($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Child {
      probation {
        match { level agencyReference }
        summary
        householdRiskToChildren
        linkedAdults { relationship sameHousehold case { crn mappa { category } } }
      }
      probationEvents { kind severity }
    }
  }
}`;

/** A clean household adult on a current case that MAPPA manages. */
const mappaAdult = must(
  world.truth.people.find(
    (p) =>
      p.kind === 'ADULT' &&
      p.socialcareId !== null &&
      p.probationId !== null &&
      clean(p) &&
      world.socialcare.adults.some((a) => a.id === p.socialcareId && a.dateOfBirth !== null) &&
      P.offenders.find((o) => o.id === p.probationId)?.mappaCategory != null,
  ),
  'clean household adult managed under MAPPA',
);
const offender = P.offenders.find((o) => o.id === mappaAdult.probationId)!;

/** A clean child recorded on a probation case. */
const knownChild = must(
  world.truth.people.find(
    (p) => p.kind === 'CHILD' && !p.unborn && p.socialcareId && p.probationId && clean(p),
  ),
  'clean child recorded on a probation case',
);
const unknownChild = must(
  world.truth.people.find(
    (p) => p.kind === 'CHILD' && !p.unborn && p.socialcareId && !p.probationId && clean(p),
  ),
  'clean child unknown to probation',
);

describe("a household adult's probation section", () => {
  it('gives the case, with MAPPA category and level, to a police or probation MASH practitioner', async () => {
    const res = await probation.query<{ _entities: { probation: Record<string, unknown> }[] }>(
      ADULT_QUERY,
      { r: [adultRepresentation(mappaAdult.socialcareId!)] },
      { as: 'probation-mash' },
    );
    expect(res.errors).toBeUndefined();
    const section = res.data!._entities[0].probation;
    expect({
      match: section.match,
      case: {
        ...(section.case as Record<string, unknown>),
        offences: (section.case as { offences: { id: string }[] }).offences.map((o) => o.id).sort(),
      },
    }).toEqual({
      match: { level: 'PROBABLE', agencyReference: offender.id },
      case: expect.objectContaining({
        crn: offender.crn,
        crnValid: true,
        supervision: offender.supervision,
        offences: P.offences
          .filter((o) => o.offenderId === offender.id)
          .map((o) => o.id)
          .sort(),
        managedUnderMappa: true,
        mappa: { category: offender.mappaCategory, level: offender.mappaLevel },
      }),
    });
  });

  it('withholds MAPPA details from a health MASH practitioner, with WITHHELD_MAPPA, and records it', async () => {
    const requestId = 'probation-mappa-health';
    const res = await probation.query<{
      _entities: { probation: { summary: string; case: Record<string, unknown> } }[];
    }>(
      ADULT_QUERY,
      { r: [adultRepresentation(mappaAdult.socialcareId!)] },
      { as: 'health-mash', requestId },
    );
    const section = res.data!._entities[0].probation;
    expect({
      codes: errorCodes(res),
      mappa: section.case.mappa,
      managed: section.case.managedUnderMappa,
      summarySaysMappa: section.summary.includes('managed under MAPPA'),
      audit: (await auditOf(probation, requestId, DISCLOSURE_COLUMNS)).sort(bySubject),
    }).toEqual({
      codes: [['_entities.0.probation.case.mappa', 'WITHHELD_MAPPA']],
      mappa: null,
      managed: true,
      summarySaysMappa: true,
      audit: [
        expect.objectContaining({
          subject: `Adult ${mappaAdult.socialcareId} ProbationAdultSection`,
          outcome: 'DISCLOSED',
          reason: 'OPEN_CONTACT',
        }),
        {
          subject: `ProbationMappa ${offender.id}`,
          childId: null,
          fields: ['mappa'],
          outcome: 'WITHHELD',
          reason: 'WITHHELD_MAPPA',
        },
      ],
    });
  });

  it('refuses without a relationship (FORBIDDEN_NO_RELATIONSHIP), recorded as denied', async () => {
    const requestId = 'probation-adult-denied';
    const res = await probation.query<{ _entities: { probation: unknown }[] }>(
      ADULT_QUERY,
      { r: [adultRepresentation(mappaAdult.socialcareId!, false)] },
      { as: 'police-mash', requestId },
    );
    expect({
      section: res.data?._entities[0].probation,
      codes: errorCodes(res),
      audit: (await auditOf(probation, requestId, ['subject', 'outcome', 'reason'])).map((r) => ({
        ...r,
      })),
    }).toEqual({
      section: null,
      codes: [['_entities.0.probation', 'FORBIDDEN_NO_RELATIONSHIP']],
      audit: [
        {
          subject: `Adult ${mappaAdult.socialcareId} ProbationAdultSection`,
          outcome: 'DENIED',
          reason: 'FORBIDDEN_NO_RELATIONSHIP',
        },
      ],
    });
  });
});

describe("a child's probation section", () => {
  it('finds a child recorded on a case and names the people on probation by relationship', async () => {
    const res = await probation.query<{
      _entities: {
        probation: {
          match: unknown;
          householdRiskToChildren: boolean | null;
          linkedAdults: { relationship: string; case: { crn: string } }[];
        };
        probationEvents: { kind: string }[];
      }[];
    }>(
      CHILD_QUERY,
      { r: [childRepresentation(world, knownChild.socialcareId!, 'police')] },
      {
        as: 'probation-mash',
      },
    );
    expect(res.errors).toBeUndefined();
    const links = P.knownChildLinks.filter((l) => l.childId === knownChild.probationId);
    const [entity] = res.data!._entities;
    expect({
      match: entity.probation.match,
      adults: entity.probation.linkedAdults.map((a) => [a.relationship, a.case.crn]).sort(),
      recorded: entity.probationEvents.filter((e) => e.kind === 'CHILD_RECORDED_ON_CASE').length,
      risk: typeof entity.probation.householdRiskToChildren,
    }).toEqual({
      match: { level: 'PROBABLE', agencyReference: knownChild.probationId },
      adults: links
        .map((l) => [l.relationship, P.offenders.find((o) => o.id === l.offenderId)!.crn])
        .sort(),
      recorded: links.length,
      risk: 'boolean',
    });
  });

  it('says NONE, and discloses no household risk and no events, for a child on no case', async () => {
    const res = await probation.query<{ _entities: Record<string, unknown>[] }>(CHILD_QUERY, {
      r: [childRepresentation(world, unknownChild.socialcareId!, 'police')],
    });
    expect(res.data!._entities[0]).toEqual({
      probation: {
        match: { level: 'NONE', agencyReference: null },
        summary: 'No record of the child on a probation case',
        householdRiskToChildren: null,
        linkedAdults: [],
      },
      probationEvents: [],
    });
  });
});

describe('the cost of probation records', () => {
  it('answers 50 children’s sections and chronologies with the same SQL statements as one', async () => {
    const ids = [
      knownChild.socialcareId!,
      ...world.socialcare.children
        .filter((c) => c.dateOfBirth && c.id !== knownChild.socialcareId)
        .map((c) => c.id),
    ];
    const count = async (n: number) => {
      probation.statements.reset();
      const res = await probation.query(
        CHILD_QUERY,
        { r: ids.slice(0, n).map((id) => childRepresentation(world, id, 'police')) },
        { as: 'probation-mash' },
      );
      expect(res.errors).toBeUndefined();
      return probation.statements.count;
    };
    const one = await count(1);
    const fifty = await count(50);
    expect({ fifty, positive: one > 0 }).toEqual({ fifty: one, positive: true });
  });

  it('answers 50 household adults with the same SQL statements as one', async () => {
    const ids = [
      mappaAdult.socialcareId!,
      ...world.socialcare.adults.filter((a) => a.id !== mappaAdult.socialcareId).map((a) => a.id),
    ];
    const count = async (n: number) => {
      probation.statements.reset();
      const res = await probation.query(
        ADULT_QUERY,
        { r: ids.slice(0, n).map((id) => adultRepresentation(id)) },
        { as: 'probation-mash' },
      );
      expect(res.errors).toBeUndefined();
      return probation.statements.count;
    };
    const one = await count(1);
    const fifty = await count(50);
    expect({ fifty, positive: one > 0 }).toEqual({ fifty: one, positive: true });
  });
});
