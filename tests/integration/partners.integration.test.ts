import type { RunningSubgraph } from '../support/system';
import { startSubgraph, testWorld } from '../support/system';
import { childRepresentation, childrenUnknownToPartners, cleanChildren } from '../support/truth';

type Partner = 'police' | 'health' | 'education';

/** Per partner: its section field and the record fields that prove the right record came back. */
const PARTNERS: { name: Partner; section: string; recordField: string; recordId: string }[] = [
  { name: 'police', section: 'police', recordField: 'person', recordId: 'policeId' },
  { name: 'health', section: 'health', recordField: 'patient', recordId: 'healthId' },
  { name: 'education', section: 'education', recordField: 'pupil', recordId: 'educationId' },
];

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

describe.each(PARTNERS)('$name subgraph', ({ name, section, recordField, recordId }) => {
  let subgraph: RunningSubgraph;
  const world = testWorld();

  beforeAll(async () => {
    subgraph = await startSubgraph(name);
  });
  afterAll(() => subgraph.stop());

  it('resolves a child entity to its own record when the child is held without discrepancy', async () => {
    const [person] = cleanChildren(world, [name]);
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
      level: ['CONFIRMED', 'PROBABLE'].includes(found.match.level),
      reference: found.match.agencyReference,
      record: found[recordField],
    }).toEqual({
      errors: undefined,
      level: true,
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
});
