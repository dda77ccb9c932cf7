import { createSubgraphServer, readSchemaFiles, type SubgraphServer } from '../../shared/subgraph';
import type { PartnerDeps } from '../../shared/partner/settings';
import { createContext, type EducationContext } from './context';
import { resolvers } from './resolvers';

/** Education's SDL, as composed into the supergraph. */
export const typeDefs = readSchemaFiles(__dirname);

/** Builds the education subgraph server. Does not listen and does not read the environment. */
export function createServer(deps: PartnerDeps): SubgraphServer<EducationContext> {
  return createSubgraphServer({
    typeDefs,
    resolvers,
    deps,
    context: (scope) => createContext(deps.dataSource, scope, deps.matchThresholds),
  });
}
