import {
  createSubgraphServer,
  readSchemaFiles,
  type SubgraphDeps,
  type SubgraphServer,
} from '../../shared/subgraph';
import { createContext, type HealthContext } from './context';
import { resolvers } from './resolvers';

/** Health's SDL, as composed into the supergraph. */
export const typeDefs = readSchemaFiles(__dirname);

/** Builds the health subgraph server. Does not listen and does not read the environment. */
export function createServer(deps: SubgraphDeps): SubgraphServer<HealthContext> {
  return createSubgraphServer({
    typeDefs,
    resolvers,
    deps,
    context: (scope) => createContext(deps.dataSource, scope, deps.matchThresholds),
  });
}
