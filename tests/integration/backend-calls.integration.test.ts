import { BACKEND_CALLS_HEADER, CONTRACT_HEADER } from '../../shared/http';
import { internalToken, principalOf, withGrants } from '../support/auth';
import { startSubgraph, testWorld, type RunningSubgraph } from '../support/system';
import { childRepresentation, cleanChildren } from '../support/truth';

// The contract header every subgraph serves (shared/http.ts, shared/database.ts): asked with
// `x-mash-contract: backend-calls`, a subgraph reports the SQL statements of that request alone.

const world = testWorld();
const SECTION = `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Child { police { match { level } summary occurrences { id } } }
    }
  }`;

describe('the backend-calls contract header', () => {
  let police: RunningSubgraph;
  const children = cleanChildren(world, ['police']).slice(0, 3);
  const representations = children.map((c) =>
    childRepresentation(world, c.socialcareId!, 'police'),
  );

  beforeAll(async () => {
    police = await startSubgraph('police');
  });
  afterAll(() => police.stop());

  const post = async (headers: Record<string, string>) => {
    const principal = principalOf();
    const res = await fetch(police.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await internalToken(principal, 'police')}`,
        ...headers,
      },
      body: JSON.stringify({
        query: SECTION,
        variables: await withGrants({ representations }, principal),
      }),
    });
    await res.json();
    return res.headers.get(BACKEND_CALLS_HEADER);
  };

  it('reports the statements the request ran, its audit write included', async () => {
    police.statements.reset();
    const reported = await post({ [CONTRACT_HEADER]: 'backend-calls' });
    // The match candidates, the matched children's records and the audit write.
    expect({ reported, counted: police.statements.count }).toEqual({ reported: '3', counted: 3 });
  });

  it('counts each of several concurrent requests on its own', async () => {
    police.statements.reset();
    const single = Number(await post({ [CONTRACT_HEADER]: 'backend-calls' }));
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => post({ [CONTRACT_HEADER]: 'backend-calls' })),
    );
    expect(concurrent.map(Number)).toEqual([single, single, single]);
  });

  it('sends no count when the request does not ask for one', async () => {
    expect(await post({})).toBeNull();
  });
});
