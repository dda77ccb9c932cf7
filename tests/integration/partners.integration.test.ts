import type { RunningSubgraph } from '../support/system';
import { startSubgraph, testWorld } from '../support/system';
import type { Discrepancy } from '../../seed/world';
import { childRepresentation, childrenUnknownToPartners, cleanChildren } from '../support/truth';
import { granted } from '../support/auth';

type Partner = 'police' | 'health' | 'education';

/** Per partner: its section field and the record fields that prove the right record came back. */
const PARTNERS: {
  name: Partner;
  section: string;
  recordField: string;
  recordId: string;
  /** The level a clean child reaches: by identifier where socialcare holds this agency's one. */
  cleanLevel: string;
}[] = [
  {
    name: 'police',
    section: 'police',
    recordField: 'person',
    recordId: 'policeId',
    cleanLevel: 'PROBABLE',
  },
  {
    name: 'health',
    section: 'health',
    recordField: 'patient',
    recordId: 'healthId',
    cleanLevel: 'CONFIRMED',
  },
  {
    name: 'education',
    section: 'education',
    recordField: 'pupil',
    recordId: 'educationId',
    cleanLevel: 'CONFIRMED',
  },
];

/** The socialcare child field holding each agency's identifier, if it has one. */
const IDENTIFIER: Record<Partner, 'nhsNumber' | 'upn' | null> = {
  police: null,
  health: 'nhsNumber',
  education: 'upn',
};

const ENTITIES = (section: string, recordField: string) => `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Child {
        id
        ${section} {
          match { level reasons agencyReference }
          summary
          ${recordField} { id }
        }
      }
    }
  }`;

describe.each(PARTNERS)(
  '$name subgraph',
  ({ name, section, recordField, recordId, cleanLevel }) => {
    let subgraph: RunningSubgraph;
    const world = testWorld();

    beforeAll(async () => {
      subgraph = await startSubgraph(name);
    });
    afterAll(() => subgraph.stop());

    it('resolves a child held without discrepancy to its own record, by identifier where it can', async () => {
      const field = IDENTIFIER[name];
      const person = cleanChildren(world, [name]).find(
        (p) => !field || world.socialcare.children.find((c) => c.id === p.socialcareId)![field],
      )!;
      const res = await subgraph.query<{ _entities: Record<string, unknown>[] }>(
        ENTITIES(section, recordField),
        { representations: [childRepresentation(world, person.socialcareId!, name)] },
      );
      const found = res.data!._entities[0][section] as {
        match: { level: string; agencyReference: string };
        [k: string]: unknown;
      };
      expect({
        errors: res.errors,
        level: found.match.level,
        reference: found.match.agencyReference,
        record: found[recordField],
      }).toEqual({
        errors: undefined,
        level: cleanLevel,
        reference: person[recordId as 'policeId'],
        record: { id: person[recordId as 'policeId'] },
      });
    });

    it('answers NONE with no record for a child it does not hold', async () => {
      const [person] = childrenUnknownToPartners(world);
      const res = await subgraph.query<{ _entities: Record<string, unknown>[] }>(
        ENTITIES(section, recordField),
        { representations: [childRepresentation(world, person.socialcareId!, name)] },
      );
      expect(res.data!._entities[0][section]).toEqual({
        match: { level: 'NONE', reasons: [], agencyReference: null },
        summary: expect.stringMatching(/^No record/),
        [recordField]: null,
      });
    });

    it('answers 50 children with the same number of SQL statements as one', async () => {
      // Lead with a child the agency holds, so even the single-child request reaches every table.
      const held = cleanChildren(world, [name])[0].socialcareId!;
      const others = world.socialcare.children.filter((c) => c.dateOfBirth && c.id !== held);
      const ids = [held, ...others.map((c) => c.id)];
      const count = async (n: number) => {
        subgraph.statements.reset();
        const res = await subgraph.query(ENTITIES(section, recordField), {
          representations: ids.slice(0, n).map((id) => childRepresentation(world, id, name)),
        });
        expect(res.errors).toBeUndefined();
        return subgraph.statements.count;
      };
      const one = await count(1);
      const fifty = await count(50);
      expect({ fifty, positive: one > 0 }).toEqual({ fifty: one, positive: true });
    });

    it('answers the readiness probe once its database is reachable', async () => {
      const res = await fetch(subgraph.url.replace('/graphql', '/ready'));
      expect([res.status, await res.json()]).toEqual([200, { status: 'ready' }]);
    });
  },
);

describe('matching the hard cases', () => {
  let health: RunningSubgraph;
  let education: RunningSubgraph;
  const world = testWorld();

  beforeAll(async () => {
    [health, education] = await Promise.all([startSubgraph('health'), startSubgraph('education')]);
  });
  afterAll(() => Promise.all([health.stop(), education.stop()]));

  /** A child with this slip in the local authority's record and a clean record at `agency`. */
  const childWith = (agency: 'health' | 'education', slip: Discrepancy) =>
    world.truth.people.find(
      (p) =>
        p.kind === 'CHILD' &&
        p[`${agency}Id`] &&
        p.discrepancies.socialcare?.includes(slip) &&
        !p.discrepancies[agency]?.length,
    )!;

  /** The `match` an agency gives for one socialcare child, asked through `_entities`. */
  const matchOf = async (
    subgraph: RunningSubgraph,
    agency: 'health' | 'education',
    recordField: string,
    socialcareId: string,
  ) => {
    const res = await subgraph.query<{ _entities: Record<string, { match: unknown }>[] }>(
      ENTITIES(agency, recordField),
      { representations: [childRepresentation(world, socialcareId, agency)] },
    );
    return res.data!._entities[0][agency].match;
  };

  it('confirms a child whose local authority record holds a former UPN', async () => {
    const person = childWith('education', 'FORMER_UPN');
    expect(await matchOf(education, 'education', 'pupil', person.socialcareId!)).toEqual({
      level: 'CONFIRMED',
      reasons: expect.arrayContaining(['UPN matches', 'date of birth matches']),
      agencyReference: person.educationId,
    });
  });

  it('finds a child without an NHS number by name and date of birth', async () => {
    const person = childWith('health', 'NO_NHS_NUMBER');
    expect(await matchOf(health, 'health', 'patient', person.socialcareId!)).toEqual({
      level: 'PROBABLE',
      reasons: expect.arrayContaining(['given name matches', 'date of birth matches']),
      agencyReference: person.healthId,
    });
  });

  it('matches each twin to their own record, never to the other twin', async () => {
    const groups = new Map<string, typeof world.truth.people>();
    for (const p of world.truth.people) {
      if (p.twinGroup && p.socialcareId && p.healthId && !p.discrepancies.health?.length) {
        groups.set(p.twinGroup, [...(groups.get(p.twinGroup) ?? []), p]);
      }
    }
    const pair = [...groups.values()].find((g) => g.length === 2)!;
    // Without the NHS number: only names and date of birth tell twins apart.
    const representations = pair.map((p) => ({
      ...childRepresentation(world, p.socialcareId!, 'health'),
      nhsNumber: null,
    }));
    const res = await health.query<{
      _entities: { health: { match: { agencyReference: string } } }[];
    }>(ENTITIES('health', 'patient'), { representations });
    expect(res.data!._entities.map((e) => e.health.match.agencyReference)).toEqual(
      pair.map((p) => p.healthId),
    );
  });

  it('answers a representation missing the required demographics without failing', async () => {
    const res = await health.query(ENTITIES('health', 'patient'), {
      representations: [
        {
          __typename: 'Child',
          id: 'SC-NOTHING-KNOWN',
          relationshipGrant: granted('OPEN_CONTACT'),
        },
      ],
    });
    expect(res).toEqual({
      status: 200,
      data: {
        _entities: [
          {
            id: 'SC-NOTHING-KNOWN',
            health: {
              match: { level: 'NONE', reasons: [], agencyReference: null },
              summary: 'No record in the health patient index',
              patient: null,
            },
          },
        ],
      },
    });
  });
});
