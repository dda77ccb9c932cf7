import {
  createSubgraphServer,
  readSchemaFiles,
  type SubgraphDeps,
  type SubgraphServer,
} from '../../shared/subgraph';
import { createContext, type SocialcareContext } from './context';
import { resolvers } from './resolvers';

/** Socialcare's SDL, as composed into the supergraph. */
export const typeDefs = readSchemaFiles(__dirname);

/** What socialcare's server takes beyond every subgraph's deps. */
export interface SocialcareDeps extends SubgraphDeps {
  /**
   * The most rows `annexAList` answers with; ANNEX_A_LIST_MAX_ROWS (analytics/lists.ts) when
   * absent. No setting reaches it: tests lower it to see the refusal.
   */
  annexAListMaxRows?: number;
}

/** Builds the socialcare subgraph server. Does not listen and does not read the environment. */
export function createServer(deps: SocialcareDeps): SubgraphServer<SocialcareContext> {
  return createSubgraphServer({
    typeDefs,
    resolvers,
    deps,
    context: (scope) =>
      createContext(deps.dataSource, scope, {
        ragTargets: deps.ragTargets,
        analyticsSuppressBelow: deps.analyticsSuppressBelow,
        cpVisitWorkingDays: deps.cpVisitWorkingDays,
        pseudonymKey: deps.pseudonymKey,
        annexAListMaxRows: deps.annexAListMaxRows,
      }),
  });
}
