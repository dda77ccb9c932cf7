import { whyUnanswered } from '../client';
import { verdictOf, type Clause } from '../clause';

/** `/health` and `/ready`, on the GraphQL endpoint's origin, answer 200 without a token. */
export const probesClause: Clause = {
  id: 'probes',
  async check(ctx) {
    const problems: string[] = [];
    for (const probe of ['/health', '/ready']) {
      const url = new URL(probe, ctx.url);
      const status = await fetch(url).then(
        async (res) => (await res.arrayBuffer(), String(res.status)),
        (error: Error) => `no answer (${whyUnanswered(error)})`,
      );
      if (status !== '200') problems.push(`GET ${url.pathname} gave ${status}`);
    }
    return verdictOf(problems, 'GET /health and GET /ready answer 200 without a token');
  },
};
