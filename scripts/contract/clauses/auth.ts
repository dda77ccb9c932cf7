import type { Principal } from '../../../shared/auth';
import { postGraphQL, principalFor, type Tokens } from '../client';
import { verdictOf, type Clause } from '../clause';

/**
 * Every GraphQL request needs a valid internal token: without one, or with one signed by another
 * key, expired, or addressed to another subgraph, `_service` and `_entities` both answer 401 and
 * nothing runs. And a token is for one request: sent again, it is refused (401, TOKEN_REPLAYED).
 */

const OPERATIONS = [
  { name: '_service', query: '{ _service { sdl } }', variables: {} },
  {
    name: '_entities',
    query: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
    variables: { r: [{ __typename: 'Child', id: 'SC000000' }] },
  },
];

/** A clause: each operation, sent with the token `token` makes (none when it gives null), is 401. */
function refused(
  id: string,
  what: string,
  token: (tokens: Tokens, p: Principal) => Promise<string> | null,
): Clause {
  return {
    id,
    async check(ctx) {
      const problems: string[] = [];
      for (const op of OPERATIONS) {
        const signed = token(ctx.tokens, principalFor(`partner-contract: ${id}`));
        const headers: Record<string, string> = signed
          ? { authorization: `Bearer ${await signed}` }
          : {};
        const reply = await postGraphQL(ctx.url, op.query, op.variables, headers);
        if (reply.status !== 401) problems.push(`${op.name} ${what} gave HTTP ${reply.status}`);
      }
      return verdictOf(problems, `401 ${what} on _service and _entities`);
    },
  };
}

/** The code a subgraph refuses a token it has already seen with (shared/auth.ts). */
const REPLAYED = 'TOKEN_REPLAYED';

/**
 * Each operation sent twice with one valid token: the first is answered (HTTP 200), the second
 * refused with 401 and an error coded TOKEN_REPLAYED.
 */
const replayedClause: Clause = {
  id: 'auth-replayed-token',
  async check(ctx) {
    const problems: string[] = [];
    for (const op of OPERATIONS) {
      const token = await ctx.tokens.valid(principalFor('partner-contract: auth-replayed-token'));
      const headers = { authorization: `Bearer ${token}` };
      const first = await postGraphQL(ctx.url, op.query, op.variables, headers);
      const second = await postGraphQL(ctx.url, op.query, op.variables, headers);
      const codes = (second.body?.errors ?? []).map((e) => e.extensions?.code);
      if (first.status !== 200) {
        problems.push(`${op.name} with a fresh valid token gave HTTP ${first.status}`);
      } else if (second.status !== 401 || !codes.includes(REPLAYED)) {
        problems.push(
          `${op.name} with the same token again gave HTTP ${second.status} ` +
            `(${codes.length > 0 ? codes.join(', ') : 'no error code'})`,
        );
      }
    }
    return verdictOf(
      problems,
      `a token sent twice: answered once, then 401 ${REPLAYED} on _service and _entities`,
    );
  },
};

export const authClauses: Clause[] = [
  refused('auth-no-token', 'without a token', () => null),
  refused('auth-forged-token', 'with a token signed by another key', (t, p) => t.forged(p)),
  refused('auth-expired-token', 'with an expired token', (t, p) => t.expired(p)),
  refused('auth-wrong-audience', "with another subgraph's token", (t, p) => t.wrongAudience(p)),
  replayedClause,
];
