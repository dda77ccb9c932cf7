import { BACKEND_CALLS_HEADER, CONTRACT_HEADER } from '../../../shared/http';
import type { Exchange } from '../client';
import { fail, pass, type Clause } from '../clause';
import { BACKEND_CALLS_REQUEST, type ContractContext } from '../context';

/**
 * A page of 50 children costs the agency the same backend calls as one child: its loaders batch
 * every child of a request. Measured by the contract header: asked with
 * `x-mash-contract: backend-calls`, the subgraph answers the request's backend calls (SQL
 * statements, or whatever its stack calls its backend) in `x-mash-backend-calls`.
 *
 * Each side is the fewest of up to `TRIES` requests: a loader batch that the order in which
 * queries complete sometimes splits in two is not a cost that grows with the page, whereas one
 * call per child shows in every try.
 */

const TRIES = 5;

const callsOf = (x: Exchange) => x.reply.headers.get(BACKEND_CALLS_HEADER);
const entitiesIn = (x: Exchange) => {
  const list = x.reply.body?.data?._entities;
  return Array.isArray(list) ? list.length : 0;
};

/** The fewest calls of `tries` requests (stopping at `enough`), or null when one went unreported. */
async function fewest(
  ask: () => Promise<Exchange>,
  tries: number,
  enough = 0,
): Promise<number | null> {
  let best = Infinity;
  for (let i = 0; i < tries && best > enough; i += 1) {
    const calls = callsOf(await ask());
    if (calls === null) return null;
    best = Math.min(best, Number(calls));
  }
  return best;
}

async function measure(ctx: ContractContext, page: Record<string, unknown>[]) {
  const ask = (representations: Record<string, unknown>[]) =>
    ctx.entities(representations, {
      purpose: 'partner-contract: backend calls',
      headers: BACKEND_CALLS_REQUEST,
    });
  // A first request may do once what no later one does (warming caches): it is not counted.
  await ask([page[0]]);
  const one = await fewest(() => ask([page[0]]), TRIES);
  let first = true;
  const many = await fewest(
    async () => (first ? ((first = false), ctx.pageAnswers()) : ask(page)),
    TRIES,
    one ?? 0,
  );
  return { one, many };
}

export const backendCallsClause: Clause = {
  id: 'backend-calls',
  async check(ctx) {
    const { page } = await ctx.fixtures();
    if (page.length < 2) return fail('the world has too few children this agency matches');
    const answered = entitiesIn(await ctx.pageAnswers());
    if (answered !== page.length) {
      return fail(`_entities gave ${answered} children for ${page.length} asked`);
    }
    const { one, many } = await measure(ctx, page);
    if (one === null || many === null) {
      return fail(
        `no ${BACKEND_CALLS_HEADER} header in answer to ${CONTRACT_HEADER}: backend-calls`,
      );
    }
    return one === many
      ? pass(`${one} backend calls for 1 child and for ${page.length}`)
      : fail(`${one} backend calls for 1 child, ${many} for ${page.length} (fewest of ${TRIES})`);
  },
};
