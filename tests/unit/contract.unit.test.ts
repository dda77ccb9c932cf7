import path from 'node:path';
import { readSchemaFiles } from '../../shared/subgraph';
import { OPEN_CONTACT, PARTNERS, UnsignedGrant } from '../../scripts/contract/fixtures';
import { pickFixtures } from '../../scripts/contract/people';
import {
  allowedRequires,
  requiresClause,
  requiresGrantClause,
} from '../../scripts/contract/clauses/requires';
import type { ContractContext } from '../../scripts/contract/context';
import { readShape, selectionOf, type FieldTree } from '../../scripts/contract/sdl';
import { parse } from 'graphql';
import { testWorld } from '../support/system';

// The partner contract suite's own reading of schemas and of the world (scripts/contract/); the
// suite run against subgraphs is tests/e2e/contract.e2e.test.ts.

const sdlOf = (name: string) => readSchemaFiles(path.resolve(__dirname, '../../subgraphs', name));
/** A tree as nested plain objects, for comparing. */
const plain = (tree: FieldTree): unknown =>
  Object.fromEntries([...tree].map(([k, v]) => [k, v.size > 0 ? plain(v) : true]));
/** A requires clause over a given SDL. */
const checkRequires = (sdl: string, clause = requiresClause) =>
  clause.check({ shape: async () => readShape(sdl) } as unknown as ContractContext);

describe('the partner contract suite', () => {
  it("allows a partner's Child and Adult fields to require only who the person is and the relationship grant", () => {
    const allowed = allowedRequires();
    const person = { givenName: true, familyName: true, dateOfBirth: true, sex: true };
    const relationship = { postcode: true, relationshipGrant: true };
    expect({ Child: plain(allowed.Child), Adult: plain(allowed.Adult) }).toEqual({
      Child: {
        ...person,
        ...relationship,
        nhsNumber: true,
        upn: true,
        matchLinks: { agency: true, agencyReference: true, decision: true },
      },
      Adult: { ...person, ...relationship },
    });
  });

  it("refuses a section that requires the household or another agency's events", async () => {
    const greedy = sdlOf('police').replace(
      'relationshipGrant matchLinks { agency agencyReference decision }"',
      'relationshipGrant household { id } healthEvents { kind }"',
    );
    expect(await checkRequires(greedy)).toEqual({
      status: 'FAIL',
      reason: 'Child.police @requires household; Child.police @requires healthEvents',
    });
  });

  it('refuses a section that requires the relationship facts in place of the grant', async () => {
    const facts = sdlOf('police').replaceAll(
      'postcode relationshipGrant matchLinks',
      'postcode hasOpenContact caseTeam matchLinks',
    );
    expect({
      demographics: await checkRequires(facts),
      grant: await checkRequires(facts, requiresGrantClause),
    }).toEqual({
      demographics: {
        status: 'FAIL',
        reason:
          'Child.police @requires hasOpenContact; Child.police @requires caseTeam; ' +
          'Child.policeEvents @requires hasOpenContact (and 1 more)',
      },
      grant: {
        status: 'FAIL',
        reason:
          'Child.police does not @require relationshipGrant; ' +
          'Child.policeEvents does not @require relationshipGrant',
      },
    });
  });

  it.each(PARTNERS)(
    'passes %s, whose every Child and Adult field requires the grant',
    async (name) => {
      expect(await checkRequires(sdlOf(name), requiresGrantClause)).toMatchObject({
        status: 'PASS',
      });
    },
  );

  it("carries each fixture's grant unsigned, and will not send it so", () => {
    const shape = readShape(sdlOf('police'));
    const requires = new Map([...shape.section!.requires, ...shape.events!.requires]);
    const { people, page } = pickFixtures(testWorld(), 'police', requires);
    const grants = [...people.map((f) => f.representation), ...page].map(
      (r) => r.relationshipGrant,
    );
    expect({
      open: grants.every((g) => g === OPEN_CONTACT),
      facts: people.some((f) => 'hasOpenContact' in f.representation),
    }).toEqual({ open: true, facts: false });
    expect(() => JSON.stringify({ relationshipGrant: new UnsignedGrant(null) })).toThrow(
      'a relationship grant was about to be sent unsigned',
    );
  });

  it.each(PARTNERS)("finds %s's section and chronology events in its SDL", (name) => {
    const shape = readShape(sdlOf(name));
    expect({ section: shape.section?.field, events: shape.events?.field }).toEqual({
      section: name,
      events: `${name}Events`,
    });
  });

  it('asks for every field a client can ask for without arguments, leaves at the bottom', () => {
    const document = parse(`
      type Query { a: A }
      type A { id: ID! b: B list(first: Int!): [B] maybe(first: Int): [B] u: U }
      type B { name: String c: A }
      union U = B`);
    expect(selectionOf(document, 'A', 2)).toBe(
      'id b { name c { __typename } } maybe { name c { __typename } } u { __typename }',
    );
  });

  it.each(PARTNERS)(
    'picks %s fixture people of every level from the test world, one child each',
    (name) => {
      const shape = readShape(sdlOf(name));
      const requires = new Map([...shape.section!.requires, ...shape.events!.requires]);
      const fixtures = pickFixtures(testWorld(), name, requires);
      const ids = fixtures.people.map((f) => f.childId);
      expect({
        levels: fixtures.people.filter((f) => !f.twinOf).map((f) => f.expected),
        twins: fixtures.people.filter((f) => f.twinOf).length,
        distinct: new Set(ids).size === ids.length,
        unfilled: fixtures.unfilled,
        page: fixtures.page.length,
      }).toEqual({
        levels: ['CONFIRMED', 'PROBABLE', 'POSSIBLE', 'POSSIBLE', 'NONE', 'NONE'],
        distinct: true,
        // The test world's probation records only 9 children on its cases, none of them twins.
        ...(name === 'probation'
          ? { twins: 0, unfilled: ['twins (0 of 2)'], page: 9 }
          : { twins: 2, unfilled: [], page: 50 }),
      });
    },
  );
});
