import { createSubgraphServer, readSchemaFiles, type SubgraphServer } from '../../shared/subgraph';
import type { PartnerDeps } from '../../shared/partner/settings';
import { PoliceAccessCode } from './access';
import { createContext, type PoliceContext } from './context';
import { resolvers } from './resolvers';

/** Police's SDL, as composed into the supergraph. */
export const typeDefs = readSchemaFiles(__dirname);

/** Builds the police subgraph server. Does not listen and does not read the environment. */
export function createServer(deps: PartnerDeps): SubgraphServer<PoliceContext> {
  return createSubgraphServer({
    typeDefs,
    resolvers,
    deps,
    codes: Object.values(PoliceAccessCode),
    context: (scope) => createContext(deps.dataSource, scope, deps.matchThresholds),
  });
}
