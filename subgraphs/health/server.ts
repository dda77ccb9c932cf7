import { createSubgraphServer, readSchemaFiles, type SubgraphServer } from '../../shared/subgraph';
import type { PartnerDeps } from '../../shared/partner/settings';
import { HealthAccessCode } from './access';
import { createContext, type HealthContext } from './context';
import { resolvers } from './resolvers';

/** Health's SDL, as composed into the supergraph. */
export const typeDefs = readSchemaFiles(__dirname);

/** Builds the health subgraph server. Does not listen and does not read the environment. */
export function createServer(deps: PartnerDeps): SubgraphServer<HealthContext> {
  return createSubgraphServer({
    typeDefs,
    resolvers,
    deps,
    codes: Object.values(HealthAccessCode),
    context: (scope) => createContext(deps.dataSource, scope, deps.matchThresholds),
  });
}
