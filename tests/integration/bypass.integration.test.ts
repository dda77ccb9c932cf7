import { createInternalTokenSigner } from '../../shared/auth';
import type { SubgraphName } from '../../shared/config';
import { generateJwkPair, importSigningKey } from '../../shared/keys';
import { auditOf } from '../support/audit';
import { internalToken, principalOf, testKeys, userToken } from '../support/auth';
import { startSubgraph, testWorld, type RunningSubgraph } from '../support/system';
import { childRepresentation, cleanChildren } from '../support/truth';

// A subgraph is reachable on the network; these tests play a client that goes around the gateway.
// Only the gateway's internal token, minted for that subgraph, may run anything.

const NAMES: SubgraphName[] = ['socialcare', 'police', 'health', 'education'];
const SDL = `{ _service { sdl } }`;
const ENTITIES: Record<SubgraphName, string> = {
  socialcare: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Child { id givenName } } }`,
  police: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Child { police { summary } } } }`,
  health: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Child { health { summary } } } }`,
  education: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Child { education { summary } } } }`,
};
const TEN_MINUTES_AGO = () => new Date(Date.now() - 10 * 60 * 1000);

/** A token signed with a key the subgraph has never seen, carrying the claims the gateway would. */
async function forged(name: SubgraphName, kid?: string): Promise<string> {
  const pair = await generateJwkPair(kid);
  return createInternalTokenSigner(await importSigningKey(pair.privateJwk))(principalOf(), name);
}

/** The credentials a client without the gateway's key might try, and what each must get. */
const ATTEMPTS: {
  attempt: string;
  authorization: (name: SubgraphName) => Promise<string | null>;
  code: string;
  message: RegExp;
}[] = [
  {
    attempt: 'no token',
    authorization: async () => null,
    code: 'UNAUTHENTICATED',
    message: /^Sign-in required/,
  },
  {
    attempt: 'a token signed with another key',
    authorization: async (name) => `Bearer ${await forged(name)}`,
    code: 'UNAUTHENTICATED',
    message: /could not be verified/,
  },
  {
    attempt: 'a token signed with another key under the gateway key’s id',
    authorization: async (name) =>
      `Bearer ${await forged(name, (await testKeys()).internal.privateJwk.kid)}`,
    code: 'UNAUTHENTICATED',
    message: /could not be verified/,
  },
  {
    attempt: 'an expired internal token',
    authorization: async (name) =>
      `Bearer ${await internalToken(principalOf(), name, TEN_MINUTES_AGO())}`,
    code: 'TOKEN_EXPIRED',
    message: /expired/,
  },
  {
    attempt: 'an internal token minted for another subgraph',
    authorization: async (name) =>
      `Bearer ${await internalToken(
        principalOf(),
        NAMES.find((n) => n !== name)!,
      )}`,
    code: 'UNAUTHENTICATED',
    message: /"aud"/,
  },
  {
    attempt: 'a user’s own sign-in token',
    authorization: async () => `Bearer ${await userToken('sc-practitioner')}`,
    code: 'UNAUTHENTICATED',
    message: /could not be verified/,
  },
];

const world = testWorld();
const [child] = cleanChildren(world, ['police', 'health', 'education']);
const sc = world.socialcare.children.find((c) => c.id === child.socialcareId)!;

/** Per subgraph: the representation of the child the gateway would send, and what comes back. */
const CHILD: Record<SubgraphName, { representation: unknown; resolved: unknown }> = {
  socialcare: {
    representation: { __typename: 'Child', id: sc.id },
    resolved: { id: sc.id, givenName: sc.givenName },
  },
  police: {
    representation: childRepresentation(world, sc.id, 'police'),
    resolved: { police: { summary: expect.any(String) } },
  },
  health: {
    representation: childRepresentation(world, sc.id, 'health'),
    resolved: { health: { summary: expect.any(String) } },
  },
  education: {
    representation: childRepresentation(world, sc.id, 'education'),
    resolved: { education: { summary: expect.any(String) } },
  },
};

let subgraphs: Record<SubgraphName, RunningSubgraph>;

beforeAll(async () => {
  const started = await Promise.all(NAMES.map((n) => startSubgraph(n)));
  subgraphs = Object.fromEntries(started.map((s) => [s.name, s])) as typeof subgraphs;
});
afterAll(() => Promise.all(Object.values(subgraphs).map((s) => s.stop())));

describe.each(NAMES)('the %s subgraph reached directly', (name) => {
  const subgraph = () => subgraphs[name];
  const requests: [string, string, Record<string, unknown>, unknown][] = [
    ['_service { sdl }', SDL, {}, { _service: { sdl: expect.stringContaining('type Child') } }],
    [
      '_entities',
      ENTITIES[name],
      { r: [CHILD[name].representation] },
      { _entities: [CHILD[name].resolved] },
    ],
  ];

  describe.each(requests)('asked for %s', (_label, query, variables, answer) => {
    it.each(ATTEMPTS)(
      'refuses $attempt with 401 $code before anything runs',
      async ({ authorization, code, message }) => {
        const before = await auditOf(subgraph());
        const header = await authorization(name);
        const res = await fetch(subgraph().url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(header ? { authorization: header } : {}),
          },
          body: JSON.stringify({ query, variables }),
        });
        expect({
          status: res.status,
          challenge: res.headers.get('www-authenticate'),
          body: await res.json(),
          auditRowsWritten: (await auditOf(subgraph())).slice(before.length),
        }).toEqual({
          status: 401,
          challenge: 'Bearer',
          body: { errors: [{ message: expect.stringMatching(message), extensions: { code } }] },
          auditRowsWritten: [],
        });
      },
    );

    it('answers with 200 given the gateway’s internal token minted for it', async () => {
      expect(await subgraph().query(query, variables)).toEqual({ status: 200, data: answer });
    });
  });

  it('refuses a GET request without a token too', async () => {
    const res = await fetch(`${subgraph().url}?query=${encodeURIComponent(SDL)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: 401,
      body: { errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }] },
    });
  });

  it.each(['/health', '/ready'])('answers %s with 200 without a token', async (probe) => {
    const res = await fetch(subgraph().url.replace('/graphql', probe));
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: 200,
      body: { status: probe === '/health' ? 'ok' : 'ready' },
    });
  });
});
