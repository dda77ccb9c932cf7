import { createSubgraphServer, readSchemaFiles, type SubgraphServer } from '../../shared/subgraph';
import type { PartnerDeps } from '../../shared/partner/settings';
import { ProbationAccessCode } from './access';
import { createContext, type ProbationContext } from './context';
import { resolvers } from './resolvers';

/** Probation's SDL, as composed into the supergraph. */
export const typeDefs = readSchemaFiles(__dirname);

/** Builds the probation subgraph server. Does not listen and does not read the environment. */
export function createServer(deps: PartnerDeps): SubgraphServer<ProbationContext> {
  return createSubgraphServer({
    typeDefs,
    resolvers,
    deps,
    codes: Object.values(ProbationAccessCode),
    context: (scope) => createContext(deps.dataSource, scope, deps.matchThresholds),
  });
}
